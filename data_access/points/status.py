"""Commune point queries: each point's status is its latest check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from data_access.core.schema import POINT_KINDS, point_checks, units


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
    return (select(point_checks.c.unit_id, point_checks.c.status, point_checks.c.checked_at, point_checks.c.note)
            .select_from(units.join(point_checks, point_checks.c.id == latest_id))
            .where(units.c.kind.in_(POINT_KINDS))
            .subquery())


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


def point_names(conn: Connection) -> list[tuple[str, str]]:
    """Every commune-level point's code and name, by name: the rows of a meeting's join editor."""
    return [tuple(r) for r in conn.execute(select(units.c.code, units.c.name)
                                           .where(units.c.kind.in_(POINT_KINDS)).order_by(units.c.name))]
