"""Hội họp: the load on the office, the calendar ahead, and who joined online."""

import datetime as dt

import streamlit as st

from ui import db as cached_reads
from ui import keys
from components.meetings.detail import meeting_detail_view
from components.tasks.new_task import new_task_form
from components.meetings.edit import meeting_edit, new_meeting_form
from components.meetings.sections import (busiest, by_kind, calendar, day_list, headline, meeting_table,
                                         missed_table, online_table, weekly)
from components.shared.page_header import freshness_caption
from components.shared.period_filter import selected_period
from data_access.core import clock
from data_access.core.config import database_url
from data_access.core.engine import get_engine
from data_access.accounts.permissions import EDIT, may
from data_access.core.periods import previous_period
from i18n import fmt_date, t
from ui.saving import current_user

url = database_url()

user = current_user()
today = clock.today_vn()


def _editor(detail) -> None:
    """Held or cancelled, how each point joined, and a task from its conclusion."""
    meeting_edit(detail, user, lambda: get_engine(url), cached_reads.point_names(url))
    new_task_form(user, lambda: get_engine(url), today, cached_reads.all_units(url), meeting_id=detail.meeting.id,
                  assigned_on=detail.meeting.starts_at.astimezone(clock.VN_TZ).date())


raw_id = st.query_params.get("meeting")
if raw_id:
    raw_id = raw_id.strip()
    found = cached_reads.meeting_detail(url, int(raw_id)) if raw_id.isdigit() and len(raw_id) < 12 else None
    meeting_detail_view(found, raw_id, editor=_editor if may(user.role, EDIT) else None)
    st.stop()

if may(user.role, EDIT):
    new_meeting_form(user, lambda: get_engine(url), today)
period = selected_period()
before = previous_period(period)
fig, load, previous, read_at = cached_reads.meeting_figures(url, period.start, period.end, before.start, before.end)
freshness_caption(read_at, t("meetings.scope_caption", start=fmt_date(period.start), end=fmt_date(period.end)))

st.subheader(t("meetings.section_load"))
headline(fig, load, previous, before)
with st.container(horizontal=True, wrap=True, gap="large"):
    with st.container(width=500):
        calendar(fig, period)
    with st.container(width=320):
        busiest(fig)
        by_kind(fig)
day = st.session_state.get(keys.MEETINGS_DAY)
if day:
    day_list(dt.date.fromisoformat(day), cached_reads.meetings_on(url, dt.date.fromisoformat(day)))
weekly(fig)

st.subheader(t("meetings.section_upcoming"))
upcoming = cached_reads.meetings_upcoming(url)
if upcoming:
    st.caption(t("meetings.hint"))
    meeting_table(upcoming, keys.MEETINGS_UPCOMING_TABLE)
else:
    st.caption(t("meetings.upcoming_none"))

st.subheader(t("meetings.section_online"))
online_table(fig.online, fig.online_total)
missed_table(fig.missed)
