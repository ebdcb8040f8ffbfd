"""Reading what was tapped on a chart, inside its on_select callback."""

from __future__ import annotations

import streamlit as st


def chart_pick(chart_key: str, selection: str) -> dict | None:
    """The tapped datum's selected fields, or None when the tap cleared the selection."""
    state = st.session_state.get(chart_key)
    chosen = state.selection.get(selection) if state is not None else None
    return chosen[0] if chosen else None
