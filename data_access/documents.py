"""Document queries: volumes in and out, counted in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from data_access.schema import documents


@dataclass(frozen=True)
class DocumentVolume:
    incoming: int = 0
    outgoing: int = 0


def volume(conn: Connection, start: dt.date, end: dt.date) -> DocumentVolume:
    """Documents received and issued with registered_on in [start, end]."""
    rows = conn.execute(
        select(documents.c.direction, func.count().label("n"))
        .where(documents.c.registered_on.between(start, end))
        .group_by(documents.c.direction)
    ).all()
    return DocumentVolume(**{row.direction: row.n for row in rows})


def daily_volume(conn: Connection, start: dt.date, end: dt.date) -> dict[str, list[int]]:
    """Per direction, the count of each day in [start, end] (zeros included), oldest first."""
    rows = conn.execute(
        select(documents.c.direction, documents.c.registered_on, func.count().label("n"))
        .where(documents.c.registered_on.between(start, end))
        .group_by(documents.c.direction, documents.c.registered_on)
    ).all()
    days = (end - start).days + 1
    series = {"incoming": [0] * days, "outgoing": [0] * days}
    for row in rows:
        series[row.direction][(row.registered_on - start).days] = row.n
    return series
