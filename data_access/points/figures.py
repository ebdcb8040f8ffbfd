"""The commune points' figures: status counts now and a day ago, the board, the trouble makers,
the daily connection rate.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, case, func, select

from data_access.core.clock import vn_midnight_utc
from data_access.core.schema import POINT_KINDS, meeting_points, meetings, point_checks, units
from data_access.core.sql import as_date, as_utc, vn_date


@dataclass(frozen=True)
class PointStatusCounts:
    connected: int = 0
    degraded: int = 0
    disconnected: int = 0
    not_checked: int = 0

    @property
    def total(self) -> int:
        return self.connected + self.degraded + self.disconnected + self.not_checked


def latest_checks(as_of: dt.datetime):
    """Subquery: each point's latest check at or before `as_of` (unit_id, status, checked_at, note).

    Found per unit with the (unit_id, checked_at) index, one short lookup per
    point, rather than by ranking every check ever made. Two checks of one
    point at the same instant: the one written last (higher id) counts.
    """
    latest_id = (
        select(point_checks.c.id)
        .where(point_checks.c.unit_id == units.c.id, point_checks.c.checked_at <= as_of)
        .order_by(point_checks.c.checked_at.desc(), point_checks.c.id.desc())
        .limit(1)
        .correlate(units)
        .scalar_subquery()
    )
    return (
        select(point_checks.c.unit_id, point_checks.c.status, point_checks.c.checked_at, point_checks.c.note)
        .select_from(units.join(point_checks, point_checks.c.id == latest_id))
        .where(units.c.kind.in_(POINT_KINDS))
        .subquery()
    )


def status_counts(conn: Connection, as_of: dt.datetime) -> PointStatusCounts:
    """How many commune-level points stood in each status at the instant `as_of`."""
    latest = latest_checks(as_of)
    status = func.coalesce(latest.c.status, "not_checked").label("status")
    rows = conn.execute(
        select(status, func.count().label("n"))
        .select_from(units.outerjoin(latest, latest.c.unit_id == units.c.id))
        .where(units.c.kind.in_(POINT_KINDS))
        .group_by(status)
    ).all()
    return PointStatusCounts(**{row.status: row.n for row in rows})


STALE_AFTER = dt.timedelta(hours=24)


TROUBLE_DAYS = 30


TROUBLE_LIMIT = 10


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
        select(
            units.c.id,
            units.c.code,
            units.c.name,
            units.c.kind,
            units.c.latitude,
            units.c.longitude,
            status,
            latest.c.checked_at,
            latest.c.note,
        )
        .select_from(units.outerjoin(latest, latest.c.unit_id == units.c.id))
        .where(units.c.kind.in_(POINT_KINDS))
        .order_by(order, units.c.name)
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


def trouble(
    conn: Connection, now: dt.datetime, days: int = TROUBLE_DAYS, limit: int = TROUBLE_LIMIT
) -> list[PointTrouble]:
    """Points with the most failed checks (degraded or disconnected) and failed or absent
    online meetings over the last `days` days."""
    since = now - dt.timedelta(days=days)
    checks = (
        select(point_checks.c.unit_id, func.count().label("n"))
        .where(
            point_checks.c.checked_at > since, point_checks.c.checked_at <= now, point_checks.c.status != "connected"
        )
        .group_by(point_checks.c.unit_id)
        .subquery()
    )
    missed = (
        select(meeting_points.c.unit_id, func.count().label("n"))
        .select_from(meeting_points.join(meetings, meetings.c.id == meeting_points.c.meeting_id))
        .where(
            meetings.c.starts_at > since,
            meetings.c.starts_at <= now,
            meetings.c.status != "cancelled",
            meeting_points.c.status != "connected",
        )
        .group_by(meeting_points.c.unit_id)
        .subquery()
    )
    failed_checks = func.coalesce(checks.c.n, 0)
    missed_meetings = func.coalesce(missed.c.n, 0)
    rows = conn.execute(
        select(units.c.id, units.c.code, units.c.name, failed_checks, missed_meetings)
        .select_from(
            units.outerjoin(checks, checks.c.unit_id == units.c.id).outerjoin(missed, missed.c.unit_id == units.c.id)
        )
        .where(units.c.kind.in_(POINT_KINDS), failed_checks + missed_meetings > 0)
        .order_by((failed_checks + missed_meetings).desc(), units.c.name)
        .limit(limit)
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


def connection_rate_per_day(conn: Connection, start: dt.date, end: dt.date, now: dt.datetime) -> list[DailyRate]:
    """Per Vietnamese day of the period up to now: checks of commune points that found the
    point connected, out of all their checks."""
    day = vn_date(point_checks.c.checked_at).label("day")
    rows = conn.execute(
        select(day, func.count(case((point_checks.c.status == "connected", 1))), func.count())
        .select_from(point_checks.join(units, units.c.id == point_checks.c.unit_id))
        .where(
            point_checks.c.checked_at >= vn_midnight_utc(start),
            point_checks.c.checked_at < min(vn_midnight_utc(end + dt.timedelta(days=1)), now),
            units.c.kind.in_(POINT_KINDS),
        )
        .group_by(day)
        .order_by(day)
    ).all()
    return [DailyRate(as_date(d), c, n) for d, c, n in rows]


@dataclass(frozen=True)
class PointFigures:
    counts: PointStatusCounts
    board: list[PointState]
    trouble: list[PointTrouble]
    rates: list[DailyRate]

    def stale(self, now: dt.datetime) -> int:
        """Points whose latest check is too old to trust at `now`."""
        return sum(1 for p in self.board if p.is_stale(now))


def point_figures(conn: Connection, start: dt.date, end: dt.date, now: dt.datetime) -> PointFigures:
    return PointFigures(
        status_counts(conn, now), board(conn, now), trouble(conn, now), connection_rate_per_day(conn, start, end, now)
    )
