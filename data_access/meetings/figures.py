"""The meetings page's figures: load per working day, per day, week and kind, the busiest days,
online meetings and the points that missed them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, func, select

from data_access.core.clock import vn_midnight_utc
from data_access.core.periods import week_start as monday_of
from data_access.core.periods import working_days
from data_access.core.schema import meeting_points, meetings, units
from data_access.core.sql import as_date, vn_date, week_start
from data_access.meetings.filters import held, in_days

ONLINE_LIMIT = 30


MISSED_LIMIT = 10


@dataclass(frozen=True)
class DayCount:
    day: dt.date
    count: int


def per_day(conn: Connection, start: dt.date, end: dt.date) -> list[DayCount]:
    """Meetings (not cancelled) on each day that has any: the calendar heat map."""
    day = vn_date(meetings.c.starts_at).label("day")
    rows = conn.execute(select(day, func.count()).where(in_days(start, end), held).group_by(day).order_by(day)).all()
    return [DayCount(as_date(d), n) for d, n in rows]


@dataclass(frozen=True)
class WeekKindCount:
    week: dt.date
    kind: str
    count: int


def per_week_and_kind(conn: Connection, start: dt.date, end: dt.date) -> list[WeekKindCount]:
    week = week_start(vn_date(meetings.c.starts_at)).label("week")
    rows = conn.execute(
        select(week, meetings.c.kind, func.count())
        .where(in_days(start, end), held)
        .group_by(week, meetings.c.kind)
        .order_by(week, meetings.c.kind)
    ).all()
    return [WeekKindCount(as_date(w), k, n) for w, k, n in rows]


@dataclass(frozen=True)
class KindCount:
    kind: str
    online: int
    in_person: int


def by_kind(conn: Connection, start: dt.date, end: dt.date) -> list[KindCount]:
    online = func.count(case((meetings.c.is_online.is_(True), 1)))
    rows = conn.execute(
        select(meetings.c.kind, online, func.count() - online)
        .where(in_days(start, end), held)
        .group_by(meetings.c.kind)
        .order_by(func.count().desc(), meetings.c.kind)
    ).all()
    return [KindCount(*r) for r in rows]


def busiest_days(conn: Connection, start: dt.date, end: dt.date, limit: int = 5) -> list[DayCount]:
    day = vn_date(meetings.c.starts_at).label("day")
    rows = conn.execute(
        select(day, func.count().label("n"))
        .where(in_days(start, end), held)
        .group_by(day)
        .order_by(func.count().desc(), day)
        .limit(limit)
    ).all()
    return [DayCount(as_date(d), n) for d, n in rows]


@dataclass(frozen=True)
class OnlineMeeting:
    id: int
    title: str
    starts_at: dt.datetime
    connected: int
    failed: int
    absent: int


def online_meetings(
    conn: Connection, start: dt.date, end: dt.date, limit: int = ONLINE_LIMIT
) -> tuple[list[OnlineMeeting], int]:
    """The latest online meetings of the period with how the points joined, and how many there were."""
    mp = meeting_points.c
    rows = conn.execute(
        select(
            meetings.c.id,
            meetings.c.title,
            meetings.c.starts_at,
            func.count(case((mp.status == "connected", 1))),
            func.count(case((mp.status == "failed", 1))),
            func.count(case((mp.status == "absent", 1))),
        )
        .select_from(meetings.outerjoin(meeting_points, mp.meeting_id == meetings.c.id))
        .where(in_days(start, end), held, meetings.c.is_online.is_(True))
        .group_by(meetings.c.id, meetings.c.title, meetings.c.starts_at)
        .order_by(meetings.c.starts_at.desc())
        .limit(limit)
    ).all()
    total = conn.execute(
        select(func.count()).where(in_days(start, end), held, meetings.c.is_online.is_(True))
    ).scalar_one()
    return [OnlineMeeting(*r) for r in rows], total


@dataclass(frozen=True)
class PointAttendance:
    unit_id: int
    unit_code: str
    unit_name: str
    failed: int
    absent: int
    meetings: int

    @property
    def missed(self) -> int:
        return self.failed + self.absent


def points_missing_most(
    conn: Connection, start: dt.date, end: dt.date, limit: int = MISSED_LIMIT
) -> list[PointAttendance]:
    """Commune points that failed or were absent in the most online meetings of the period."""
    mp = meeting_points.c
    missed = func.count(case((mp.status.in_(("failed", "absent")), 1)))
    rows = conn.execute(
        select(
            units.c.id,
            units.c.code,
            units.c.name,
            func.count(case((mp.status == "failed", 1))),
            func.count(case((mp.status == "absent", 1))),
            func.count(),
        )
        .select_from(
            meeting_points.join(meetings, meetings.c.id == mp.meeting_id).join(units, units.c.id == mp.unit_id)
        )
        .where(in_days(start, end), held)
        .group_by(units.c.id, units.c.code, units.c.name)
        .having(missed > 0)
        .order_by(missed.desc(), units.c.name)
        .limit(limit)
    ).all()
    return [PointAttendance(*r) for r in rows]


@dataclass(frozen=True)
class MeetingFigures:
    days: list[DayCount]
    weeks: list[WeekKindCount]
    kinds: list[KindCount]
    busiest: list[DayCount]
    online: list[OnlineMeeting]
    online_total: int
    missed: list[PointAttendance]

    @property
    def online_held(self) -> int:
        """Online meetings held in the period, of every kind."""
        return sum(k.online for k in self.kinds)

    @property
    def delegations(self) -> int:
        """Delegations received (the "đoàn công tác"), online or in person."""
        return sum(k.online + k.in_person for k in self.kinds if k.kind == "delegation")


def meeting_figures(conn: Connection, start: dt.date, end: dt.date) -> MeetingFigures:
    online, online_total = online_meetings(conn, start, end)
    return MeetingFigures(
        per_day(conn, start, end),
        per_week_and_kind(conn, start, end),
        by_kind(conn, start, end),
        busiest_days(conn, start, end),
        online,
        online_total,
        points_missing_most(conn, start, end),
    )


@dataclass(frozen=True)
class MeetingLoad:
    meetings: int
    working_days: int

    @property
    def per_working_day(self) -> float | None:
        return self.meetings / self.working_days if self.working_days else None


def load(conn: Connection, start: dt.date, end: dt.date) -> MeetingLoad:
    """Meetings not cancelled that start on the days [start, end], per working day."""
    n = conn.execute(select(func.count()).where(in_days(start, end), meetings.c.status != "cancelled")).scalar_one()
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
    monday = vn_midnight_utc(monday_of(today))
    last_monday = vn_midnight_utc(monday_of(today) - dt.timedelta(days=7))
    next_monday = vn_midnight_utc(monday_of(today) + dt.timedelta(days=7))
    this = meetings.c.starts_at >= monday
    row = conn.execute(
        select(
            func.count(case((this, 1))).label("total"),
            func.count(case((and_(this, meetings.c.starts_at > now), 1))).label("upcoming"),
            func.count(case((meetings.c.starts_at < monday, 1))).label("last_week"),
        ).where(
            meetings.c.starts_at >= last_monday, meetings.c.starts_at < next_monday, meetings.c.status != "cancelled"
        )
    ).one()
    return WeekMeetings(row.total, row.upcoming, row.last_week)
