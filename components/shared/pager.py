"""Paging a list: which page to read, and the page buttons under the list.

The pager's key follows the filters, so new filters start again on page 1.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from i18n import fmt_int, t


def page_to_read(key_base: str, filters) -> tuple[str, int]:
    """The pager's key for these filters (a hashable value) and the page it stands on."""
    key = f"{key_base}_{hash(filters) & 0xFFFFFFFF:x}"
    return key, st.session_state.get(key, 1)


def pager(key: str, pages: int) -> None:
    if st.session_state.get(key, 1) > pages:
        del st.session_state[key]  # fewer pages than before the data changed
    st.pagination(pages, key=key)


def sorted_paged_list(
    messages: str,
    sorts: Sequence[str],
    default_sort: str,
    sort_key: str,
    page_key_base: str,
    filters,
    read: Callable[[str, int], Any],
    show_table: Callable[[Any], None],
    grid: tuple[str, str, Callable[[Any, tuple], None]] | None = None,
) -> None:
    """The list block of the tasks and documents pages: the sort, one page read by `read(sort, page)`,
    its count, its rows as a table (or an editable grid for roles that may edit), the pager.

    `messages` is the catalogue prefix (tasks, docs); `grid` is (toggle label, toggle key, draw(page, scope)).
    """
    sort = st.selectbox(
        t(f"{messages}.sort"),
        sorts,
        key=sort_key,
        width=280,
        format_func=lambda s: t(f"{messages}.sort.{s}"),
        index=list(sorts).index(default_sort),
    )
    page_key, page_no = page_to_read(page_key_base, (filters, sort))
    page = read(sort, page_no)
    list_page(
        page,
        page_key,
        messages,
        lambda: show_table(page),
        (grid[0], grid[1], lambda: grid[2](page, (page_key, page.page))) if grid else None,
    )


def list_page(
    page,
    page_key: str,
    messages: str,
    show_table: Callable[[], None],
    grid: tuple[str, str, Callable[[], None]] | None = None,
) -> None:
    """One page of a list: its count, its rows, the pager; `messages` is the catalogue prefix (tasks, docs).

    `grid` (toggle label, toggle key, draw) is offered to roles that may edit: the
    same rows as an editable grid instead of the table.
    """
    if not page.rows:
        st.info(t(f"{messages}.list_empty"))
        return
    st.caption(
        f"{t(f'{messages}.list_count', count=fmt_int(page.total), page=fmt_int(page.page), pages=fmt_int(page.pages))}"
        f" · {t(f'{messages}.list_hint')}"
    )
    if grid and st.toggle(grid[0], key=grid[1]):
        grid[2]()
    else:
        show_table()
    pager(page_key, page.pages)
