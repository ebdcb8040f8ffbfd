"""The pre-meeting check of a planned online meeting: its expected points with their status now, and the
ones to call (the pre-meeting rule's causes for that meeting, whatever its distance in time)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, case, func, select

from data_access.alerts.causes import expected_at, point_trouble
from data_access.alerts.rules import rule_settings
from data_access.core.schema import units
from data_access.core.sql import as_utc
from data_access.points.figures import latest_checks


@dataclass(frozen=True)
class BoardPoint:
    code: str
    name: str
    status: str  # a check status, or "not_checked"
    checked_at: dt.datetime | None
    trouble: str | None  # disconnected, degraded, not_checked, stale; None: ready

    @property
    def to_call(self) -> bool:
        return self.trouble is not None


@dataclass(frozen=True)
class PreMeeting:
    fresh_hours: int
    points: list[BoardPoint]  # to call first, worst first, then by name

    @property
    def to_call(self) -> list[BoardPoint]:
        return [p for p in self.points if p.to_call]

    @property
    def ready(self) -> int:
        return len(self.points) - len(self.to_call)


TROUBLE_ORDER = ("disconnected", "degraded", "not_checked", "stale")


def meeting_board(conn: Connection, meeting_id: int, now: dt.datetime) -> PreMeeting:
    fresh = next(s for s in rule_settings(conn) if s.rule == "meeting_points")["fresh_hours"]
    latest = latest_checks(now)
    trouble = point_trouble(latest, now - dt.timedelta(hours=fresh))
    order = case(*((trouble == s, i) for i, s in enumerate(TROUBLE_ORDER)), else_=len(TROUBLE_ORDER))
    rows = conn.execute(
        select(
            units.c.code,
            units.c.name,
            func.coalesce(latest.c.status, "not_checked"),
            latest.c.checked_at,
            trouble,
        )
        .select_from(units.outerjoin(latest, latest.c.unit_id == units.c.id))
        .where(expected_at(meeting_id))
        .order_by(order, units.c.name)
    ).all()
    return PreMeeting(fresh, [BoardPoint(r[0], r[1], r[2], as_utc(r[3]), r[4]) for r in rows])
