"""Editing one task from its drill-down: progress and status, a report/urging/note, a deadline extension.

Shown only to roles that may write; the data layer checks again. The form
remembers the task as it was when first shown (its version), so a save over
someone else's newer change is refused with what changed, never silent.
"""

from __future__ import annotations

import streamlit as st

from data_access.accounts.permissions import EDIT, EXTEND_DEADLINE, may
from data_access.accounts.users import User
from data_access.core.schema import TASK_STATUSES
from data_access.tasks import edits as task_edits
from data_access.tasks.detail import TaskDetail
from i18n import DATE_INPUT_FORMAT, t
from ui import keys
from ui.keys import edit_key
from ui.saving import save


def _form_keys(task_id: int, version: int) -> list[str]:
    """The snapshot of the task as first shown, and the widgets of that version's forms."""
    return [edit_key(keys.TASK_SEEN, task_id)] + [
        edit_key(k, task_id, version)
        for k in (
            keys.TASK_STATUS,
            keys.TASK_PROGRESS,
            keys.TASK_DONE_ON,
            keys.TASK_NEW_DUE,
            keys.TASK_REASON,
        )
    ]


def task_edit(detail: TaskDetail, user: User, today) -> None:
    if not may(user.role, EDIT):
        return
    seen_key = edit_key(keys.TASK_SEEN, detail.id)
    seen = st.session_state.setdefault(seen_key, detail.seen())
    tabs = [t("task_edit.tab_progress"), t("task_edit.tab_event")]
    if may(user.role, EXTEND_DEADLINE):
        tabs.append(t("task_edit.tab_extend"))
    st.markdown(f"#### {t('task_edit.heading')}")
    panes = st.tabs(tabs)
    with panes[0]:
        _progress_form(detail, user, today, seen)
    with panes[1]:
        _event_form(detail, user)
    if len(panes) > 2:
        with panes[2]:
            _extend_form(detail, user, seen)


def _progress_form(detail, user, today, seen) -> None:
    with st.form(edit_key("task_progress_form", detail.id), border=False):
        status = st.selectbox(
            t("field.status"),
            TASK_STATUSES,
            index=TASK_STATUSES.index(seen["status"]),
            format_func=lambda s: t(f"status.{s}"),
            key=edit_key(keys.TASK_STATUS, detail.id, seen["version"]),
        )
        progress = st.slider(
            t("field.progress_pct"),
            0,
            100,
            seen["progress_pct"],
            step=5,
            key=edit_key(keys.TASK_PROGRESS, detail.id, seen["version"]),
        )
        done_on = st.date_input(
            t("task_edit.completed_on"),
            value=seen["completed_on"],
            format=DATE_INPUT_FORMAT,
            max_value=max(today, seen["completed_on"] or today),  # another system's date
            key=edit_key(keys.TASK_DONE_ON, detail.id, seen["version"]),
        )
        submitted = st.form_submit_button(
            t("task_edit.save"), type="primary", icon=":material/save:", key=edit_key(keys.TASK_SAVE, detail.id)
        )
    if submitted:
        save(
            task_edits.update_task,
            user,
            detail.id,
            seen["version"],
            seen,
            status=status,
            progress_pct=int(progress),
            completed_on=done_on,
            today=today,
            forget_after=_form_keys(detail.id, seen["version"]),
        )


def _event_form(detail, user) -> None:
    with st.form(edit_key("task_event_form", detail.id), border=False, clear_on_submit=False):
        kind = st.segmented_control(
            t("field.kind"),
            task_edits.FREE_EVENT_KINDS,
            default="report",
            required=True,  # a tap on the chosen one keeps it chosen: never an empty choice
            format_func=lambda k: t(f"event.{k}"),
            key=edit_key(keys.TASK_EVENT_KIND, detail.id),
        )
        note = st.text_area(
            t("field.note"), max_chars=2000, key=edit_key(keys.TASK_EVENT_NOTE, detail.id, len(detail.events))
        )
        submitted = st.form_submit_button(
            t("task_edit.add_event"),
            type="primary",
            icon=":material/add_comment:",
            key=edit_key(keys.TASK_EVENT_SAVE, detail.id),
        )
    if submitted:
        save(
            task_edits.add_task_event,
            user,
            detail.id,
            kind or "note",
            note,
            forget_after=[edit_key(keys.TASK_EVENT_NOTE, detail.id, len(detail.events))],
        )


def _extend_form(detail, user, seen) -> None:
    with st.form(edit_key("task_extend_form", detail.id), border=False):
        new_due = st.date_input(
            t("field.new_due_on"),
            value=None,
            format=DATE_INPUT_FORMAT,
            key=edit_key(keys.TASK_NEW_DUE, detail.id, seen["version"]),
        )
        reason = st.text_area(
            t("field.reason"), max_chars=2000, key=edit_key(keys.TASK_REASON, detail.id, seen["version"])
        )
        submitted = st.form_submit_button(
            t("task_edit.extend"),
            type="primary",
            icon=":material/event_repeat:",
            key=edit_key(keys.TASK_EXTEND, detail.id),
        )
    if submitted:
        save(
            task_edits.extend_deadline,
            user,
            detail.id,
            seen["version"],
            seen,
            new_due_on=new_due,
            reason=reason,
            forget_after=_form_keys(detail.id, seen["version"]),
        )
