"""The meetings page: load per day and week, by kind and mode, what is coming, and how
the commune points joined the online meetings. Meetings are counted on their
Vietnamese day; cancelled ones are left out of the load.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, case, func, select

from data_access.core.clock import VN_TZ, vn_midnight_utc
from data_access.meetings.load import in_days
from data_access.core.schema import POINT_KINDS, meeting_points, meetings, tasks, units
from data_access.core.sql import as_date, vn_date, week_start
from data_access.tasks.lists import AssignedTask, tasks_assigned_by

UPCOMING_DAYS = 7
UPCOMING_LIMIT = 50
ONLINE_LIMIT = 30
MISSED_LIMIT = 10
LIST_LIMIT = 100


_held = meetings.c.status != "cancelled"


@dataclass(frozen=True)
class DayCount:
    day: dt.date
    count: int


def per_day(conn: Connection, start: dt.date, end: dt.date) -> list[DayCount]:
    """Meetings (not cancelled) on each day that has any: the calendar heat map."""
    day = vn_date(meetings.c.starts_at).label("day")
    rows = conn.execute(select(day, func.count()).where(in_days(start, end), _held)
                        .group_by(day).order_by(day)).all()
    return [DayCount(as_date(d), n) for d, n in rows]


@dataclass(frozen=True)
class WeekKindCount:
    week: dt.date
    kind: str
    count: int


def per_week_and_kind(conn: Connection, start: dt.date, end: dt.date) -> list[WeekKindCount]:
    week = week_start(vn_date(meetings.c.starts_at)).label("week")
    rows = conn.execute(select(week, meetings.c.kind, func.count()).where(in_days(start, end), _held)
                        .group_by(week, meetings.c.kind).order_by(week, meetings.c.kind)).all()
    return [WeekKindCount(as_date(w), k, n) for w, k, n in rows]


@dataclass(frozen=True)
class KindCount:
    kind: str
    online: int
    in_person: int


def by_kind(conn: Connection, start: dt.date, end: dt.date) -> list[KindCount]:
    online = func.count(case((meetings.c.is_online.is_(True), 1)))
    rows = conn.execute(select(meetings.c.kind, online, func.count() - online)
                        .where(in_days(start, end), _held).group_by(meetings.c.kind)
                        .order_by(func.count().desc(), meetings.c.kind)).all()
    return [KindCount(*r) for r in rows]


def busiest_days(conn: Connection, start: dt.date, end: dt.date, limit: int = 5) -> list[DayCount]:
    day = vn_date(meetings.c.starts_at).label("day")
    rows = conn.execute(select(day, func.count().label("n")).where(in_days(start, end), _held)
                        .group_by(day).order_by(func.count().desc(), day).limit(limit)).all()
    return [DayCount(as_date(d), n) for d, n in rows]


@dataclass(frozen=True)
class MeetingRow:
    id: int
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    location: str | None
    chaired_by: str | None
    is_online: bool
    status: str


_row_columns = (meetings.c.id, meetings.c.title, meetings.c.kind, meetings.c.starts_at, meetings.c.ends_at,
                meetings.c.location, meetings.c.chaired_by, meetings.c.is_online, meetings.c.status)


def upcoming(conn: Connection, now: dt.datetime, limit: int = UPCOMING_LIMIT) -> list[MeetingRow]:
    """Meetings from now to the end of the seventh day ahead, cancelled ones included (and marked)."""
    today = now.astimezone(VN_TZ).date()
    rows = conn.execute(select(*_row_columns)
                        .where(meetings.c.starts_at >= now,
                               meetings.c.starts_at < vn_midnight_utc(today + dt.timedelta(days=UPCOMING_DAYS + 1)))
                        .order_by(meetings.c.starts_at, meetings.c.id).limit(limit)).all()
    return [MeetingRow(*r) for r in rows]


def meetings_on(conn: Connection, start: dt.date, end: dt.date, kind: str | None = None,
                limit: int = LIST_LIMIT) -> list[MeetingRow]:
    """The meetings of some days (a day tapped on the calendar), cancelled ones included."""
    conditions = [in_days(start, end)]
    if kind is not None:
        conditions.append(meetings.c.kind == kind)
    rows = conn.execute(select(*_row_columns).where(*conditions)
                        .order_by(meetings.c.starts_at.desc(), meetings.c.id.desc()).limit(limit)).all()
    return [MeetingRow(*r) for r in rows]


@dataclass(frozen=True)
class OnlineMeeting:
    id: int
    title: str
    starts_at: dt.datetime
    connected: int
    failed: int
    absent: int


def online_meetings(conn: Connection, start: dt.date, end: dt.date,
                    limit: int = ONLINE_LIMIT) -> tuple[list[OnlineMeeting], int]:
    """The latest online meetings of the period with how the points joined, and how many there were."""
    mp = meeting_points.c
    rows = conn.execute(
        select(meetings.c.id, meetings.c.title, meetings.c.starts_at,
               func.count(case((mp.status == "connected", 1))), func.count(case((mp.status == "failed", 1))),
               func.count(case((mp.status == "absent", 1))))
        .select_from(meetings.outerjoin(meeting_points, mp.meeting_id == meetings.c.id))
        .where(in_days(start, end), _held, meetings.c.is_online.is_(True))
        .group_by(meetings.c.id, meetings.c.title, meetings.c.starts_at)
        .order_by(meetings.c.starts_at.desc()).limit(limit)
    ).all()
    total = conn.execute(select(func.count()).where(in_days(start, end), _held,
                                                    meetings.c.is_online.is_(True))).scalar_one()
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


def points_missing_most(conn: Connection, start: dt.date, end: dt.date,
                        limit: int = MISSED_LIMIT) -> list[PointAttendance]:
    """Commune points that failed or were absent in the most online meetings of the period."""
    mp = meeting_points.c
    missed = func.count(case((mp.status.in_(("failed", "absent")), 1)))
    rows = conn.execute(
        select(units.c.id, units.c.code, units.c.name, func.count(case((mp.status == "failed", 1))),
               func.count(case((mp.status == "absent", 1))), func.count())
        .select_from(meeting_points.join(meetings, meetings.c.id == mp.meeting_id)
                     .join(units, units.c.id == mp.unit_id))
        .where(in_days(start, end), _held)
        .group_by(units.c.id, units.c.code, units.c.name)
        .having(missed > 0).order_by(missed.desc(), units.c.name).limit(limit)
    ).all()
    return [PointAttendance(*r) for r in rows]


@dataclass(frozen=True)
class PointJoin:
    unit_code: str
    unit_name: str
    status: str


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingRow
    points: tuple[PointJoin, ...]  # failed and absent first, then connected, by name
    tasks: tuple[AssignedTask, ...]
    version: int

    def seen(self) -> dict:
        """Status and how each point joined, as shown: a save compares against these."""
        return {"version": self.version, "status": self.meeting.status,
                "points": {p.unit_code: p.status for p in self.points}}


def meeting_by_id(conn: Connection, meeting_id: int) -> MeetingDetail | None:
    row = conn.execute(select(*_row_columns, meetings.c.version).where(meetings.c.id == meeting_id)).first()
    if row is None:
        return None  # the version is read with the values it guards: a save compares against what was shown
    order = case((meeting_points.c.status == "failed", 0), (meeting_points.c.status == "absent", 1), else_=2)
    joins = conn.execute(
        select(units.c.code, units.c.name, meeting_points.c.status)
        .select_from(meeting_points.join(units, units.c.id == meeting_points.c.unit_id))
        .where(meeting_points.c.meeting_id == meeting_id, units.c.kind.in_(POINT_KINDS))
        .order_by(order, units.c.name)).all()
    return MeetingDetail(MeetingRow(*row[:-1]), tuple(PointJoin(*j) for j in joins),
                         tasks_assigned_by(conn, tasks.c.meeting_id, meeting_id), row[-1])


@dataclass(frozen=True)
class MeetingFigures:
    days: list[DayCount]
    weeks: list[WeekKindCount]
    kinds: list[KindCount]
    busiest: list[DayCount]
    online: list[OnlineMeeting]
    online_total: int
    missed: list[PointAttendance]


def meeting_figures(conn: Connection, start: dt.date, end: dt.date) -> MeetingFigures:
    online, online_total = online_meetings(conn, start, end)
    return MeetingFigures(per_day(conn, start, end), per_week_and_kind(conn, start, end),
                          by_kind(conn, start, end), busiest_days(conn, start, end), online, online_total,
                          points_missing_most(conn, start, end))
