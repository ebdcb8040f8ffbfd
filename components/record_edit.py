"""Edits from the drill-downs of a document, a meeting and a commune point.

Shown only to roles that may write (the data layer checks again); each form
keeps the row's version from when it was first shown, so a save over
someone else's newer change is refused with what changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Sequence

import pandas as pd
import streamlit as st

from components import keys
from components.keys import edit_key
from data_access import record_edits
from data_access.document_list import DocumentDetail
from data_access.meeting_figures import MeetingDetail
from data_access.clock import VN_TZ
from data_access.schema import CHECK_STATUSES, MEETING_KINDS, MEETING_POINT_STATUSES, MEETING_STATUSES
from i18n import t
from saving import save

DATE_FORMAT = "DD/MM/YYYY"


def document_edit(detail: DocumentDetail, user, engine_of: Callable, today: dt.date) -> None:
    seen_key = edit_key(keys.DOC_SEEN, detail.id)
    seen = st.session_state.setdefault(seen_key, detail.seen())
    form_keys = [seen_key, edit_key(keys.DOC_PROCESSED_ON, detail.id)]
    st.markdown(f"#### {t('doc_edit.heading')}")
    with st.form(edit_key("doc_form", detail.id), border=False):
        processed_on = st.date_input(t("doc_edit.processed_on"), value=seen["processed_on"] or today,
                                     max_value=max(today, seen["processed_on"] or today), format=DATE_FORMAT, width=260,
                                     key=edit_key(keys.DOC_PROCESSED_ON, detail.id))
        submitted = st.form_submit_button(t("doc_edit.save"), type="primary", icon=":material/task_alt:",
                                          key=edit_key(keys.DOC_SAVE, detail.id))
    if submitted:
        save(lambda: record_edits.mark_document_processed(engine_of(), user, detail.id, seen["version"], seen,
                                                          processed_on, today), form_keys)


def meeting_edit(detail: MeetingDetail, user, engine_of: Callable, points: Sequence[tuple[str, str]]) -> None:
    m = detail.meeting
    seen_key = edit_key(keys.MEETING_SEEN, m.id)
    seen = st.session_state.setdefault(seen_key, detail.seen())
    status_keys = [seen_key, edit_key(keys.MEETING_STATUS, m.id)]  # unsaved joins stay in their grid
    st.markdown(f"#### {t('meeting_edit.heading')}")
    with st.container(horizontal=True, vertical_alignment="bottom", wrap=True):
        status = st.segmented_control(t("field.status"), MEETING_STATUSES, default=seen["status"],
                                      format_func=lambda s: t(f"mstatus.{s}"), key=edit_key(keys.MEETING_STATUS, m.id))
        clicked = st.button(t("meeting_edit.save_status"), icon=":material/save:",
                            key=edit_key(keys.MEETING_STATUS_SAVE, m.id))
    if clicked:
        save(lambda: record_edits.set_meeting_status(engine_of(), user, m.id, seen["version"], seen,
                                                     status or seen["status"]), status_keys)
    if m.is_online:
        _joins_editor(detail, user, engine_of, points, seen, [seen_key, edit_key(keys.MEETING_JOINS, m.id)])


def _joins_editor(detail, user, engine_of, points, seen, form_keys) -> None:
    """Every commune point with how it joined, edited in a grid; a blank status means it was not invited."""
    m = detail.meeting
    joined = seen["points"]  # as first shown: a save compares against what the user saw
    labels = {s: t(f"join.{s}") for s in MEETING_POINT_STATUSES}
    codes = {label: code for code, label in labels.items()}
    frame = pd.DataFrame({"code": [c for c, _ in points], t("meeting_edit.point"): [n for _, n in points],
                          t("meeting_edit.joined"): [labels.get(joined.get(c)) for c, _ in points]})
    st.markdown(f"**{t('meeting_edit.joins')}**")
    edited = st.data_editor(
        frame, hide_index=True, use_container_width=True, height=320, key=edit_key(keys.MEETING_JOINS, m.id),
        disabled=["code", t("meeting_edit.point")],
        column_config={"code": None,
                       t("meeting_edit.joined"): st.column_config.SelectboxColumn(options=list(codes))})
    if st.button(t("meeting_edit.save_joins"), type="primary", icon=":material/save:",
                 key=edit_key(keys.MEETING_JOINS_SAVE, m.id)):
        wanted = {row.code: codes.get(row[3]) for row in edited.itertuples()}
        changes = {code: status for code, status in wanted.items() if joined.get(code) != status}
        save(lambda: record_edits.record_meeting_points(engine_of(), user, m.id, seen["version"], seen, changes),
             form_keys)


def point_check_form(code: str, user, engine_of: Callable) -> None:
    st.markdown(f"#### {t('point_edit.heading')}")
    with st.form(edit_key("point_form", code), border=False):
        status = st.segmented_control(t("field.check_status"), CHECK_STATUSES, default="connected",
                                      format_func=lambda s: t(f"pstatus.{s}"), key=edit_key(keys.POINT_CHECK_STATUS, code))
        note = st.text_input(t("point_edit.note"), max_chars=2000, key=edit_key(keys.POINT_CHECK_NOTE, code))
        submitted = st.form_submit_button(t("point_edit.save"), type="primary", icon=":material/save:",
                                          key=edit_key(keys.POINT_CHECK_SAVE, code))
    if submitted:
        save(lambda: record_edits.record_point_check(engine_of(), user, code, status or "", note),
             [edit_key(keys.POINT_CHECK_NOTE, code)])


def new_meeting_form(user, engine_of: Callable, today: dt.date) -> None:
    """Scheduling a meeting: the day and times are Vietnam time."""
    form_keys = [keys.NEW_MEETING_TITLE, keys.NEW_MEETING_PLACE, keys.NEW_MEETING_CHAIR]
    with st.expander(t("new_meeting.heading"), icon=":material/event:"):
        with st.form("new_meeting_form", border=False):
            title = st.text_input(t("field.title"), max_chars=500, key=keys.NEW_MEETING_TITLE)
            kind = st.selectbox(t("field.kind"), MEETING_KINDS, format_func=lambda k: t(f"kind.{k}"),
                                key=keys.NEW_MEETING_KIND)
            with st.container(horizontal=True, wrap=True):
                day = st.date_input(t("new_meeting.day"), value=today, format=DATE_FORMAT, width=200,
                                    key=keys.NEW_MEETING_DAY)
                start = st.time_input(t("new_meeting.start"), value=dt.time(8, 0), step=900, width=160,
                                      key=keys.NEW_MEETING_START)
                end = st.time_input(t("new_meeting.end"), value=None, step=900, width=160, key=keys.NEW_MEETING_END)
            place = st.text_input(t("field.location"), max_chars=500, key=keys.NEW_MEETING_PLACE)
            chair = st.text_input(t("field.chaired_by"), max_chars=500, key=keys.NEW_MEETING_CHAIR)
            online = st.toggle(t("new_meeting.online"), key=keys.NEW_MEETING_ONLINE)
            submitted = st.form_submit_button(t("new_meeting.save"), type="primary", icon=":material/event:",
                                              key=keys.NEW_MEETING_SAVE)
        if submitted:
            starts = dt.datetime.combine(day, start, VN_TZ) if day and start else None
            ends = dt.datetime.combine(day, end, VN_TZ) if day and end else None
            meeting = record_edits.NewMeeting(title, kind, starts, ends, place, chair, online)
            save(lambda: record_edits.schedule_meeting(engine_of(), user, meeting), form_keys)
