"""The commune points page: every point's status now, the trouble makers, the daily
connection rate, and one point's history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, case, func, select

from data_access.core.clock import vn_midnight_utc
from data_access.points.status import PointStatusCounts, latest_checks, status_counts
from data_access.core.schema import POINT_KINDS, meeting_points, meetings, point_checks, units
from data_access.core.sql import as_date, as_utc, vn_date

STALE_AFTER = dt.timedelta(hours=24)
TROUBLE_DAYS = 30
TROUBLE_LIMIT = 10
HISTORY_LIMIT = 60
# Worst first: what needs attention leads the board.
STATUS_ORDER = ("disconnected", "degraded", "not_checked", "connected")


@dataclass(frozen=True)
class PointState:
    unit_id: int
    code: str
    name: str
    kind: str
    latitude: float | None
    longitude: float | None
    status: str  # a check status, or "not_checked"
    checked_at: dt.datetime | None
    note: str | None

    def is_stale(self, now: dt.datetime) -> bool:
        return self.checked_at is not None and now - self.checked_at > STALE_AFTER


def board(conn: Connection, as_of: dt.datetime) -> list[PointState]:
    """Every commune-level point with its latest check: worst status first, then by name."""
    latest = latest_checks(as_of)
    status = func.coalesce(latest.c.status, "not_checked")
    order = case(*((status == s, i) for i, s in enumerate(STATUS_ORDER)))
    rows = conn.execute(
        select(units.c.id, units.c.code, units.c.name, units.c.kind, units.c.latitude, units.c.longitude,
               status, latest.c.checked_at, latest.c.note)
        .select_from(units.outerjoin(latest, latest.c.unit_id == units.c.id))
        .where(units.c.kind.in_(POINT_KINDS)).order_by(order, units.c.name)
    ).all()
    return [PointState(*r[:7], as_utc(r[7]), r[8]) for r in rows]


@dataclass(frozen=True)
class PointTrouble:
    unit_id: int
    code: str
    name: str
    failed_checks: int
    missed_meetings: int

    @property
    def total(self) -> int:
        return self.failed_checks + self.missed_meetings


def trouble(conn: Connection, now: dt.datetime, days: int = TROUBLE_DAYS,
            limit: int = TROUBLE_LIMIT) -> list[PointTrouble]:
    """Points with the most failed checks (degraded or disconnected) and failed or absent
    online meetings over the last `days` days."""
    since = now - dt.timedelta(days=days)
    checks = (select(point_checks.c.unit_id, func.count().label("n"))
              .where(point_checks.c.checked_at > since, point_checks.c.checked_at <= now,
                     point_checks.c.status != "connected")
              .group_by(point_checks.c.unit_id).subquery())
    missed = (select(meeting_points.c.unit_id, func.count().label("n"))
              .select_from(meeting_points.join(meetings, meetings.c.id == meeting_points.c.meeting_id))
              .where(meetings.c.starts_at > since, meetings.c.starts_at <= now,
                     meetings.c.status != "cancelled", meeting_points.c.status != "connected")
              .group_by(meeting_points.c.unit_id).subquery())
    failed_checks = func.coalesce(checks.c.n, 0)
    missed_meetings = func.coalesce(missed.c.n, 0)
    rows = conn.execute(
        select(units.c.id, units.c.code, units.c.name, failed_checks, missed_meetings)
        .select_from(units.outerjoin(checks, checks.c.unit_id == units.c.id)
                     .outerjoin(missed, missed.c.unit_id == units.c.id))
        .where(units.c.kind.in_(POINT_KINDS), failed_checks + missed_meetings > 0)
        .order_by((failed_checks + missed_meetings).desc(), units.c.name).limit(limit)
    ).all()
    return [PointTrouble(*r) for r in rows]


@dataclass(frozen=True)
class DailyRate:
    day: dt.date
    connected: int
    checks: int

    @property
    def rate(self) -> float:
        return self.connected / self.checks if self.checks else 0.0


def connection_rate_per_day(conn: Connection, start: dt.date, end: dt.date,
                            now: dt.datetime) -> list[DailyRate]:
    """Per Vietnamese day of the period up to now: checks of commune points that found the
    point connected, out of all their checks."""
    day = vn_date(point_checks.c.checked_at).label("day")
    rows = conn.execute(
        select(day, func.count(case((point_checks.c.status == "connected", 1))), func.count())
        .select_from(point_checks.join(units, units.c.id == point_checks.c.unit_id))
        .where(point_checks.c.checked_at >= vn_midnight_utc(start),
               point_checks.c.checked_at < min(vn_midnight_utc(end + dt.timedelta(days=1)), now),
               units.c.kind.in_(POINT_KINDS))
        .group_by(day).order_by(day)
    ).all()
    return [DailyRate(as_date(d), c, n) for d, c, n in rows]


@dataclass(frozen=True)
class CheckRow:
    checked_at: dt.datetime
    status: str
    note: str | None


@dataclass(frozen=True)
class MeetingJoin:
    meeting_id: int
    title: str
    starts_at: dt.datetime
    status: str


@dataclass(frozen=True)
class PointDetail:
    state: PointState
    checks: tuple[CheckRow, ...]  # newest first, at most HISTORY_LIMIT
    meetings: tuple[MeetingJoin, ...]  # newest first, at most HISTORY_LIMIT


def point_by_code(conn: Connection, code: str, as_of: dt.datetime) -> PointDetail | None:
    latest = latest_checks(as_of)
    row = conn.execute(
        select(units.c.id, units.c.code, units.c.name, units.c.kind, units.c.latitude, units.c.longitude,
               func.coalesce(latest.c.status, "not_checked"), latest.c.checked_at, latest.c.note)
        .select_from(units.outerjoin(latest, latest.c.unit_id == units.c.id))
        .where(units.c.code == code, units.c.kind.in_(POINT_KINDS))
    ).first()
    if row is None:
        return None
    state = PointState(*row[:7], as_utc(row[7]), row[8])
    checks = conn.execute(
        select(point_checks.c.checked_at, point_checks.c.status, point_checks.c.note)
        .where(point_checks.c.unit_id == state.unit_id, point_checks.c.checked_at <= as_of)
        .order_by(point_checks.c.checked_at.desc(), point_checks.c.id.desc()).limit(HISTORY_LIMIT)
    ).all()
    joins = conn.execute(
        select(meetings.c.id, meetings.c.title, meetings.c.starts_at, meeting_points.c.status)
        .select_from(meeting_points.join(meetings, meetings.c.id == meeting_points.c.meeting_id))
        .where(meeting_points.c.unit_id == state.unit_id)
        .order_by(meetings.c.starts_at.desc()).limit(HISTORY_LIMIT)
    ).all()
    return PointDetail(state, tuple(CheckRow(*c) for c in checks), tuple(MeetingJoin(*j) for j in joins))


@dataclass(frozen=True)
class PointFigures:
    counts: PointStatusCounts
    board: list[PointState]
    trouble: list[PointTrouble]
    rates: list[DailyRate]


def point_figures(conn: Connection, start: dt.date, end: dt.date, now: dt.datetime) -> PointFigures:
    return PointFigures(status_counts(conn, now), board(conn, now), trouble(conn, now),
                        connection_rate_per_day(conn, start, end, now))
