"""One commune point in full: its state now, its checks, the online meetings it was invited to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from data_access.core.schema import POINT_KINDS, meeting_points, meetings, point_checks, units
from data_access.core.sql import as_utc
from data_access.points.figures import PointState, latest_checks

HISTORY_LIMIT = 60


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
        select(
            units.c.id,
            units.c.code,
            units.c.name,
            units.c.kind,
            units.c.latitude,
            units.c.longitude,
            func.coalesce(latest.c.status, "not_checked"),
            latest.c.checked_at,
            latest.c.note,
        )
        .select_from(units.outerjoin(latest, latest.c.unit_id == units.c.id))
        .where(units.c.code == code, units.c.kind.in_(POINT_KINDS))
    ).first()
    if row is None:
        return None
    state = PointState(*row[:7], as_utc(row[7]), row[8])
    checks = conn.execute(
        select(point_checks.c.checked_at, point_checks.c.status, point_checks.c.note)
        .where(point_checks.c.unit_id == state.unit_id, point_checks.c.checked_at <= as_of)
        .order_by(point_checks.c.checked_at.desc(), point_checks.c.id.desc())
        .limit(HISTORY_LIMIT)
    ).all()
    joins = conn.execute(
        select(meetings.c.id, meetings.c.title, meetings.c.starts_at, meeting_points.c.status)
        .select_from(meeting_points.join(meetings, meetings.c.id == meeting_points.c.meeting_id))
        .where(meeting_points.c.unit_id == state.unit_id)
        .order_by(meetings.c.starts_at.desc())
        .limit(HISTORY_LIMIT)
    ).all()
    return PointDetail(state, tuple(CheckRow(*c) for c in checks), tuple(MeetingJoin(*j) for j in joins))
