"""Which meetings a figure counts: those starting on given Vietnamese days, those held."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_

from data_access.core.clock import vn_midnight_utc
from data_access.core.schema import meetings

held = meetings.c.status != "cancelled"


def in_days(start: dt.date, end: dt.date):
    """Meetings starting on the Vietnamese days [start, end]."""
    return and_(
        meetings.c.starts_at >= vn_midnight_utc(start),
        meetings.c.starts_at < vn_midnight_utc(end + dt.timedelta(days=1)),
    )
