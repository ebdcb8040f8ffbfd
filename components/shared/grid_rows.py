"""The rows an editable grid edits: kept as first shown, so a save compares against what the user saw."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st


def rows_as_shown(rows_key: str, grid_key: str, rows: Sequence, scope) -> list:
    """The rows as they were when the grid was first shown (their versions), until a save or a reload.

    `scope` is what chose the rows (filters, sort, page): while it stays, the
    same rows stay, even if another user's save has changed or reordered them
    meanwhile (the save will say so); another scope starts the grid afresh,
    since unsaved edits of other rows do not belong to these.
    """
    kept = st.session_state.get(rows_key)
    if kept is None or kept[0] != scope:
        if kept is not None:
            st.session_state.pop(grid_key, None)
        kept = st.session_state[rows_key] = (scope, list(rows))
    return kept[1]


def as_date(value):
    """A date cell of st.data_editor as a date (None when empty)."""
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()
