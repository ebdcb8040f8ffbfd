"""The rows an editable grid edits: kept as first shown, so a save compares against what the user saw."""

from __future__ import annotations

from typing import Sequence

import streamlit as st


def rows_as_shown(rows_key: str, grid_key: str, rows: Sequence) -> list:
    """The rows as they were when the grid was first shown (their versions), until a save or a reload.

    Another page or filter brings other rows: then the grid starts afresh, since
    unsaved edits of the old rows do not belong to the new ones.
    """
    shown = st.session_state.get(rows_key)
    if shown is None or [r.id for r in shown] != [r.id for r in rows]:
        if shown is not None:
            st.session_state.pop(grid_key, None)
        shown = st.session_state[rows_key] = list(rows)
    return shown


def as_date(value):
    """A date cell of st.data_editor as a date (None when empty)."""
    import pandas as pd
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()
