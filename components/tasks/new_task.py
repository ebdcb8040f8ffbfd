"""Assigning a new task from the meeting or the document that assigned it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from data_access.core.schema import TASK_SOURCES
from data_access.core.units import UnitChoice
from data_access.tasks import edits as task_edits
from i18n import DATE_INPUT_FORMAT, t
from ui import keys
from ui.keys import edit_key
from ui.saving import save


def new_task_form(
    user,
    today: dt.date,
    units: Sequence[UnitChoice],
    *,
    document_id: int | None = None,
    meeting_id: int | None = None,
    assigned_on: dt.date | None = None,
) -> None:
    """A form for one task tied to this document or meeting; shown in an expander to keep the page short."""
    origin = f"d{document_id}" if document_id else f"m{meeting_id}"
    names = {u.code: u.name for u in units}
    form_keys = [edit_key(k, origin) for k in (keys.NEW_TASK_TITLE, keys.NEW_TASK_DUE)]
    with st.expander(t("new_task.heading"), icon=":material/add_task:"):
        with st.form(edit_key("new_task_form", origin), border=False):
            title = st.text_area(t("field.title"), max_chars=2000, key=edit_key(keys.NEW_TASK_TITLE, origin))
            source = st.selectbox(
                t("field.source"),
                TASK_SOURCES,
                index=TASK_SOURCES.index("chairman"),
                format_func=lambda s: t(f"source.{s}"),
                key=edit_key(keys.NEW_TASK_SOURCE, origin),
            )
            unit = st.selectbox(
                t("field.unit"),
                list(names),
                index=None,
                format_func=names.get,
                placeholder=t("new_task.pick_unit"),
                key=edit_key(keys.NEW_TASK_UNIT, origin),
            )
            with st.container(horizontal=True, wrap=True):
                assigned = st.date_input(
                    t("field.assigned_on"),
                    value=min(assigned_on or today, today),
                    max_value=today,
                    format=DATE_INPUT_FORMAT,
                    width=220,
                    key=edit_key(keys.NEW_TASK_ASSIGNED, origin),
                )
                due = st.date_input(
                    t("new_task.due_on"),
                    value=None,
                    format=DATE_INPUT_FORMAT,
                    width=220,
                    key=edit_key(keys.NEW_TASK_DUE, origin),
                )
            submitted = st.form_submit_button(
                t("new_task.save"), type="primary", icon=":material/add_task:", key=edit_key(keys.NEW_TASK_SAVE, origin)
            )
        if submitted:
            task = task_edits.NewTask(
                title, source, unit, assigned, due, document_id=document_id, meeting_id=meeting_id
            )
            save(task_edits.create_task, user, task, today, forget_after=form_keys)
