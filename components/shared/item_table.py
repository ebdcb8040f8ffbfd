"""A table whose rows open an item: a tap anywhere on a row puts the item's id in the URL (?task=..., ?document=...).

An item of another page (a commune point listed on the meetings page) is
opened by asking the router to switch pages (`PENDING_SWITCH`), because a
callback may not switch pages itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pandas as pd
import streamlit as st

from components.shared.selection import table_pick
from ui import keys

ROW_HEIGHT_PX = 44  # a finger-sized tap target


def fitted_height(rows: int) -> int:
    """A table's height that shows its header and every row (a page of a list has at most 50)."""
    return ROW_HEIGHT_PX * (max(rows, 1) + 1) + 3


def open_item(param: str, value: str) -> None:
    st.query_params[param] = value


def _on_select(key: str, param: str, ids: Sequence[str], page: str | None, extra: dict | None = None) -> None:
    item = table_pick(key, ids)
    if item is not None:
        if page is None:
            open_item(param, item)
        else:
            st.session_state[keys.PENDING_SWITCH] = (page, {**(extra or {}), param: item})
        st.session_state[keys.TABLE_NONCE] = st.session_state.get(keys.TABLE_NONCE, 0) + 1


def item_table(
    frame: pd.DataFrame,
    ids: Sequence[str],
    key_prefix: str,
    param: str,
    column_config: dict | None = None,
    page: str | None = None,
    extra_params: dict[str, str] | None = None,
) -> None:
    """`page`: the page script that shows the item, when it is not the current page (with `extra_params`)."""
    # A new key after each opening, so that coming back shows no stale selection.
    key = f"{key_prefix}_{st.session_state.get(keys.TABLE_NONCE, 0)}"
    st.dataframe(
        frame,
        hide_index=True,
        height=fitted_height(len(frame)),  # every row of the page in sight: no scroll box inside the page
        key=key,
        on_select=partial(_on_select, key, param, list(ids), page, extra_params),
        selection_mode=["single-row", "single-cell"],  # a tap on any cell opens the row's item
        row_height=ROW_HEIGHT_PX,
        column_config=column_config,
    )
