"""The commune points as a form lists them."""

from __future__ import annotations

from sqlalchemy import Connection, select

from data_access.core.database import CHOICES, freshness
from data_access.core.schema import POINT_KINDS, units


@freshness(CHOICES)
def point_names(conn: Connection) -> list[tuple[str, str]]:
    """Every commune-level point's code and name, by name: the rows of a meeting's join editor."""
    return [
        tuple(r)
        for r in conn.execute(
            select(units.c.code, units.c.name).where(units.c.kind.in_(POINT_KINDS)).order_by(units.c.name)
        )
    ]
