"""Paging a list: which page to read, and the page buttons under the list.

The pager's key follows the filters, so new filters start again on page 1.
"""

from __future__ import annotations

import streamlit as st


def page_to_read(key_base: str, filters) -> tuple[str, int]:
    """The pager's key for these filters (a hashable value) and the page it stands on."""
    key = f"{key_base}_{hash(filters) & 0xFFFFFFFF:x}"
    return key, st.session_state.get(key, 1)


def pager(key: str, pages: int) -> None:
    if st.session_state.get(key, 1) > pages:
        del st.session_state[key]  # fewer pages than before the data changed
    st.pagination(pages, key=key)
