"""Meeting queries: the office's meeting load. Instants are compared in UTC,
bounded by the Vietnamese midnights of the days asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, func, select

from data_access.core.clock import vn_midnight_utc
from data_access.core.periods import week_start, working_days
from data_access.core.schema import meetings


def in_days(start: dt.date, end: dt.date):
    """Meetings starting on the Vietnamese days [start, end]."""
    return and_(meetings.c.starts_at >= vn_midnight_utc(start),
                meetings.c.starts_at < vn_midnight_utc(end + dt.timedelta(days=1)))


@dataclass(frozen=True)
class MeetingLoad:
    meetings: int
    working_days: int

    @property
    def per_working_day(self) -> float | None:
        return self.meetings / self.working_days if self.working_days else None


def load(conn: Connection, start: dt.date, end: dt.date) -> MeetingLoad:
    """Meetings not cancelled that start on the days [start, end], per working day."""
    n = conn.execute(
        select(func.count())
        .where(in_days(start, end), meetings.c.status != "cancelled")
    ).scalar_one()
    return MeetingLoad(n, working_days(start, end))


@dataclass(frozen=True)
class WeekMeetings:
    total: int
    upcoming: int  # not yet started at `now`
    last_week: int

    @property
    def change(self) -> int:
        return self.total - self.last_week


def this_week(conn: Connection, today: dt.date, now: dt.datetime) -> WeekMeetings:
    """Meetings not cancelled in the Monday-to-Sunday week holding today, and the week before."""
    monday = vn_midnight_utc(week_start(today))
    last_monday = vn_midnight_utc(week_start(today) - dt.timedelta(days=7))
    next_monday = vn_midnight_utc(week_start(today) + dt.timedelta(days=7))
    this = meetings.c.starts_at >= monday
    row = conn.execute(
        select(func.count(case((this, 1))).label("total"),
               func.count(case((and_(this, meetings.c.starts_at > now), 1))).label("upcoming"),
               func.count(case((meetings.c.starts_at < monday, 1))).label("last_week"))
        .where(meetings.c.starts_at >= last_monday, meetings.c.starts_at < next_monday,
               meetings.c.status != "cancelled")
    ).one()
    return WeekMeetings(row.total, row.upcoming, row.last_week)
