"""One task in full, opened by /tasks?task=<code>."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from components.shared.detail_frame import back_button, field, share_link
from components.shared.palette import badge_colour
from components.tasks.table import timing_text
from data_access.tasks.detail import TaskDetail
from i18n import fmt_date, fmt_datetime, fmt_extensions, fmt_int, t
from ui import keys
from ui.display import plain_md, status_change
from ui.language import with_language


def task_detail_view(detail: TaskDetail | None, code: str, editor: Callable[[TaskDetail], None] | None = None) -> None:
    """The task in full; `editor` draws the edit forms (for roles that may write) above its history."""
    back_button(t("task.back"), "task", keys.TASK_BACK)
    if detail is None:
        st.warning(t("task.not_found", code=plain_md(code[:60])), icon=":material/search_off:")
        return

    st.subheader(f"{plain_md(detail.code)} · {plain_md(detail.title)}")
    category = "cancelled" if detail.status == "cancelled" else detail.category
    timing = timing_text(detail)
    colour = badge_colour(category)
    with st.container(horizontal=True, wrap=True):
        st.badge(t(f"category.{category}"), color=colour)
        if timing:
            st.badge(timing, color=colour)
        extended = fmt_extensions(detail.extensions.count, detail.extensions.original_due_on)
        if extended:
            st.badge(extended, color="violet", icon=":material/event_repeat:")

    with st.container(horizontal=True, wrap=True, gap="small"):
        field(t("task.source"), t(f"source.{detail.source}"))
        field(t("task.unit"), detail.unit_name)
        field(t("task.assigned_on"), fmt_date(detail.assigned_on))
        field(t("task.due_on"), fmt_date(detail.due_on) if detail.due_on else t("task.no_deadline"))
        field(t("task.status"), t(f"status.{detail.status}"))
        if detail.completed_on:
            field(t("task.completed_on"), fmt_date(detail.completed_on))
    st.progress(detail.progress_pct / 100, text=f"{t('task.progress')}: {fmt_int(detail.progress_pct)}%")

    st.markdown(f"**{t('task.document')}:**" + ("" if detail.document_id else f" {t('task.none')}"))
    if detail.document_id:
        number, doc_type = plain_md(detail.document_number), plain_md(detail.document_type)
        st.page_link(
            "app_pages/documents.py",
            icon=":material/description:",
            label=f"{number} · {doc_type}: {plain_md(detail.document_summary)}",
            query_params=with_language({"document": str(detail.document_id)}),
        )
    meeting = (
        f"{plain_md(detail.meeting_title)} · {fmt_datetime(detail.meeting_starts_at)}"
        if detail.meeting_id
        else t("task.none")
    )
    st.markdown(f"**{t('task.meeting')}:** {meeting}")
    st.page_link(  # the lead unit's whole picture
        "app_pages/units.py",
        label=t("services.open_unit", name=plain_md(detail.unit_name)),
        query_params=with_language({"unit": detail.unit_code}),
        icon=":material/apartment:",
    )

    if editor:
        editor(detail)

    st.markdown(f"#### {t('task.history')}")
    if not detail.events:
        st.caption(t("task.history_empty"))
    for event in detail.events:
        with st.container(border=True):
            extra = f" · {t('task.new_due_on', date=fmt_date(event.new_due_on))}" if event.new_due_on else ""
            author = f" · {plain_md(event.author)}" if event.author else ""
            st.markdown(f"**{t('event.' + event.kind)}**{extra}  \n:gray[{fmt_datetime(event.at)}{author}]")
            if event.note:
                note = status_change(event.note) if event.kind == "status" else event.note
                st.markdown(plain_md(note, lines=True))

    share_link(t("task.link"), "task", str(detail.code), "/tasks")
