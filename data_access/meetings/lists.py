"""Lists of meetings: the next days' calendar and the meetings of one day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from data_access.core.clock import VN_TZ, vn_midnight_utc
from data_access.core.schema import meetings
from data_access.meetings.filters import in_days

UPCOMING_DAYS = 7


UPCOMING_LIMIT = 50


LIST_LIMIT = 100


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


row_columns = (
    meetings.c.id,
    meetings.c.title,
    meetings.c.kind,
    meetings.c.starts_at,
    meetings.c.ends_at,
    meetings.c.location,
    meetings.c.chaired_by,
    meetings.c.is_online,
    meetings.c.status,
)


def upcoming(conn: Connection, now: dt.datetime, limit: int = UPCOMING_LIMIT) -> list[MeetingRow]:
    """Meetings from now to the end of the seventh day ahead, cancelled ones included (and marked)."""
    today = now.astimezone(VN_TZ).date()
    rows = conn.execute(
        select(*row_columns)
        .where(
            meetings.c.starts_at >= now,
            meetings.c.starts_at < vn_midnight_utc(today + dt.timedelta(days=UPCOMING_DAYS + 1)),
        )
        .order_by(meetings.c.starts_at, meetings.c.id)
        .limit(limit)
    ).all()
    return [MeetingRow(*r) for r in rows]


def meetings_on(
    conn: Connection, start: dt.date, end: dt.date, kind: str | None = None, limit: int = LIST_LIMIT
) -> list[MeetingRow]:
    """The meetings of some days (a day tapped on the calendar), cancelled ones included."""
    conditions = [in_days(start, end)]
    if kind is not None:
        conditions.append(meetings.c.kind == kind)
    rows = conn.execute(
        select(*row_columns).where(*conditions).order_by(meetings.c.starts_at.desc(), meetings.c.id.desc()).limit(limit)
    ).all()
    return [MeetingRow(*r) for r in rows]
