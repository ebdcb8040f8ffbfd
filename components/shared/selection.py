"""Reading what was tapped on a chart or a table, inside its on_select callback."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st


def chart_pick(chart_key: str, selection: str) -> dict | None:
    """The tapped datum's selected fields, or None when the tap cleared the selection."""
    state = st.session_state.get(chart_key)
    chosen = state.selection.get(selection) if state is not None else None
    return chosen[0] if chosen else None


def table_pick(table_key: str, values: Sequence):
    """The value of the tapped row (values are in the table's row order), or None.

    A tap anywhere on a row counts: on a cell (any column, the title included) or on its selection box.
    """
    selection = st.session_state[table_key].selection
    rows = list(selection.get("rows", [])) or [cell[0] for cell in selection.get("cells", [])]
    return values[rows[0]] if rows else None
