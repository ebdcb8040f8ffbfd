"""Hội họp: the load on the office, the calendar ahead, and who joined online."""

import datetime as dt

import streamlit as st

from components.alerts.premeeting import premeeting_board
from components.meetings.detail import meeting_detail_view
from components.meetings.edit import meeting_edit, new_meeting_form
from components.meetings.sections import (
    busiest,
    by_kind,
    calendar,
    day_list,
    headline,
    meeting_table,
    missed_table,
    online_table,
    weekly,
)
from components.shared.page_header import freshness_caption
from components.shared.period_filter import selected_period
from components.tasks.new_task import new_task_form
from data_access.accounts.permissions import EDIT, may
from data_access.alerts.premeeting import meeting_board
from data_access.core import clock
from data_access.core.database import NOW
from data_access.core.periods import previous_period
from data_access.core.units import all_units
from data_access.meetings import detail, figures, lists
from data_access.points.lists import point_names
from i18n import fmt_date, t
from ui import keys
from ui.db import current
from ui.session import current_user

db = current()
user = current_user()
today = clock.today_vn()


def _editor(detail) -> None:
    """Held or cancelled, how each point joined, and a task from its conclusion."""
    meeting_edit(detail, user, db.read(point_names))
    new_task_form(
        user,
        today,
        db.read(all_units),
        meeting_id=detail.meeting.id,
        assigned_on=detail.meeting.starts_at.astimezone(clock.VN_TZ).date(),
    )


raw_id = st.query_params.get("meeting")
if raw_id:
    raw_id = raw_id.strip()
    found = db.read(detail.meeting_by_id, int(raw_id)) if raw_id.isdigit() and len(raw_id) < 12 else None

    def _extras(detail) -> None:
        """A planned online meeting's pre-meeting check, then the edits the role may make."""
        m = detail.meeting
        if m.is_online and m.status == "planned":
            board = db.timed(meeting_board, m.id, NOW)
            premeeting_board(board.value, board.read_at, m.id, user, may(user.role, EDIT))
        if may(user.role, EDIT):
            _editor(detail)

    meeting_detail_view(found, raw_id, editor=_extras)
    st.stop()

if may(user.role, EDIT):
    new_meeting_form(user, today)
period = selected_period()
before = previous_period(period)
read = db.timed(figures.meeting_figures, period.start, period.end)
fig = read.value
freshness_caption(read.read_at, t("meetings.scope_caption", start=fmt_date(period.start), end=fmt_date(period.end)))

st.subheader(t("meetings.section_load"))
headline(
    fig,
    db.read(figures.load, period.start, period.end),
    db.read(figures.load, before.start, before.end),
    period,
    before,
)
with st.container(horizontal=True, wrap=True, gap="large"):
    with st.container(width=500):
        calendar(fig, period)
    with st.container(width=320):
        busiest(fig)
        by_kind(fig)
day = st.session_state.get(keys.MEETINGS_DAY)
if day:
    day_list(
        dt.date.fromisoformat(day), db.read(lists.meetings_on, dt.date.fromisoformat(day), dt.date.fromisoformat(day))
    )
weekly(fig)

st.subheader(t("meetings.section_upcoming"))
upcoming = db.read(lists.upcoming, NOW)
if upcoming:
    st.caption(t("meetings.hint"))
    meeting_table(upcoming, keys.MEETINGS_UPCOMING_TABLE)
else:
    st.caption(t("meetings.upcoming_none"))

st.subheader(t("meetings.section_online"))
online_table(fig.online, fig.online_total)
missed_table(fig.missed)
