"""Pieces every drill-down shares: the way back to the list, a labelled field, the link to send.

Values come from the database: they go through `plain_md`, so they show as written, never as Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from data_access.tasks.lists import AssignedTask
from i18n import fmt_date, t
from ui.display import plain_md
from ui.language import language_suffix, with_language


def back_button(label: str, param: str, key: str) -> None:
    """Back to the list: drops the item's parameter from the URL."""

    def back() -> None:
        if param in st.query_params:
            del st.query_params[param]

    st.button(label, icon=":material/arrow_back:", key=key, on_click=back)


def field(label: str, value: str) -> None:
    """A value (from the database, or a date or label of ours) in bold under its label, shown as written."""
    with st.container(border=True, width=230, gap=None):
        st.caption(label)
        shown = plain_md(value)
        st.markdown(f"**{shown}**" if shown else "")  # "****" alone would draw a rule


def share_link(caption: str, param: str, value: str, page_path: str) -> None:
    """The address that opens this item, ready to copy (AppTest has no URL: the path is used)."""
    st.caption(caption)
    page_url = (st.context.url or page_path).split("?")[0]
    st.code(f"{page_url}?{param}={value}{language_suffix()}", language=None)


def assigned_tasks(heading: str, none_text: str, tasks: Sequence[AssignedTask]) -> None:
    """The tasks a document or a meeting assigned, each a link to the task."""
    st.markdown(f"#### {heading}")
    if not tasks:
        st.caption(none_text)
    for task in tasks:
        due = f" · {t('task.due_on')} {fmt_date(task.due_on)}" if task.due_on else ""
        st.page_link(
            "app_pages/tasks.py",
            label=f"{plain_md(task.code)} · {plain_md(task.title)}{due} · {t('status.' + task.status)}",
            query_params=with_language({"task": task.code}),
            icon=":material/assignment:",
        )
