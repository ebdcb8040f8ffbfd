"""Meeting edits: held or cancelled and how each point joined (from the drill-down), a new meeting.

Each form keeps the row's version from when it was first shown, so a save
over someone else's newer change is refused with what changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from data_access.core.clock import VN_TZ
from data_access.core.schema import MEETING_KINDS, MEETING_POINT_STATUSES, MEETING_STATUSES
from data_access.meetings import edits as meeting_edits
from data_access.meetings.detail import MeetingDetail
from i18n import DATE_INPUT_FORMAT, t
from ui import keys
from ui.keys import edit_key
from ui.saving import save


def meeting_edit(detail: MeetingDetail, user, points: Sequence[tuple[str, str]]) -> None:
    m = detail.meeting
    seen_key = edit_key(keys.MEETING_SEEN, m.id)
    seen = st.session_state.setdefault(seen_key, detail.seen())
    status_keys = [seen_key, edit_key(keys.MEETING_STATUS, m.id, seen["version"])]  # unsaved joins stay in their grid
    st.markdown(f"#### {t('meeting_edit.heading')}")
    with st.container(horizontal=True, vertical_alignment="bottom", wrap=True):
        status = st.segmented_control(
            t("field.status"),
            MEETING_STATUSES,
            default=seen["status"],
            required=True,  # a tap on the chosen one keeps it chosen: never an empty choice
            format_func=lambda s: t(f"mstatus.{s}"),
            key=edit_key(keys.MEETING_STATUS, m.id, seen["version"]),
        )
        clicked = st.button(
            t("meeting_edit.save_status"), icon=":material/save:", key=edit_key(keys.MEETING_STATUS_SAVE, m.id)
        )
    if clicked:
        save(
            meeting_edits.set_meeting_status,
            user,
            m.id,
            seen["version"],
            seen,
            status or seen["status"],
            forget_after=status_keys,
        )
    if m.is_online:
        _joins_editor(detail, user, points, seen, [seen_key, edit_key(keys.MEETING_JOINS, m.id)])


def _joins_editor(detail, user, points, seen, form_keys) -> None:
    """Every commune point with how it joined, edited in a grid; a blank status means it was not invited."""
    m = detail.meeting
    joined = seen["points"]  # as first shown: a save compares against what the user saw
    labels = {s: t(f"join.{s}") for s in MEETING_POINT_STATUSES}
    codes = {label: code for code, label in labels.items()}
    frame = pd.DataFrame(
        {
            "code": [c for c, _ in points],
            t("meeting_edit.point"): [n for _, n in points],
            t("meeting_edit.joined"): [labels.get(joined.get(c)) for c, _ in points],
        }
    )
    st.markdown(f"**{t('meeting_edit.joins')}**")
    edited = st.data_editor(
        frame,
        hide_index=True,
        width="stretch",
        height=320,
        key=edit_key(keys.MEETING_JOINS, m.id),
        disabled=["code", t("meeting_edit.point")],
        column_config={"code": None, t("meeting_edit.joined"): st.column_config.SelectboxColumn(options=list(codes))},
    )
    if st.button(
        t("meeting_edit.save_joins"),
        type="primary",
        icon=":material/save:",
        key=edit_key(keys.MEETING_JOINS_SAVE, m.id),
    ):
        wanted = {row.code: codes.get(row[3]) for row in edited.itertuples()}
        changes = {code: status for code, status in wanted.items() if joined.get(code) != status}
        save(meeting_edits.record_meeting_points, user, m.id, seen["version"], seen, changes, forget_after=form_keys)


def new_meeting_form(user, today: dt.date) -> None:
    """Scheduling a meeting: the day and times are Vietnam time."""
    form_keys = [keys.NEW_MEETING_TITLE, keys.NEW_MEETING_PLACE, keys.NEW_MEETING_CHAIR]
    with st.expander(t("new_meeting.heading"), icon=":material/event:"):
        with st.form("new_meeting_form", border=False):
            title = st.text_input(t("field.title"), max_chars=500, key=keys.NEW_MEETING_TITLE)
            kind = st.selectbox(
                t("field.kind"), MEETING_KINDS, format_func=lambda k: t(f"kind.{k}"), key=keys.NEW_MEETING_KIND
            )
            with st.container(horizontal=True, wrap=True):
                day = st.date_input(
                    t("new_meeting.day"), value=today, format=DATE_INPUT_FORMAT, width=200, key=keys.NEW_MEETING_DAY
                )
                start = st.time_input(
                    t("new_meeting.start"), value=dt.time(8, 0), step=900, width=160, key=keys.NEW_MEETING_START
                )
                end = st.time_input(t("new_meeting.end"), value=None, step=900, width=160, key=keys.NEW_MEETING_END)
            place = st.text_input(t("field.location"), max_chars=500, key=keys.NEW_MEETING_PLACE)
            chair = st.text_input(t("field.chaired_by"), max_chars=500, key=keys.NEW_MEETING_CHAIR)
            online = st.toggle(t("new_meeting.online"), key=keys.NEW_MEETING_ONLINE)
            submitted = st.form_submit_button(
                t("new_meeting.save"), type="primary", icon=":material/event:", key=keys.NEW_MEETING_SAVE
            )
        if submitted:
            starts = dt.datetime.combine(day, start, VN_TZ) if day and start else None
            ends = dt.datetime.combine(day, end, VN_TZ) if day and end else None
            meeting = meeting_edits.NewMeeting(title, kind, starts, ends, place, chair, online)
            save(meeting_edits.schedule_meeting, user, meeting, forget_after=form_keys)
