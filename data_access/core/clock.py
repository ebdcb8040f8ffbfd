"""Now and today in Vietnam (Asia/Ho_Chi_Minh), whatever the server's zone.

OFFICE_FROZEN_NOW (an ISO instant, e.g. 2025-08-28T09:00:00+07:00) freezes
the clock: the tests and screenshot runs use it to get known answers.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FROZEN_NOW_ENV = "OFFICE_FROZEN_NOW"


def now_utc() -> dt.datetime:
    frozen = os.environ.get(FROZEN_NOW_ENV, "").strip()
    if frozen:
        value = dt.datetime.fromisoformat(frozen)
        if value.tzinfo is None:
            value = value.replace(tzinfo=VN_TZ)
        return value.astimezone(dt.UTC)
    return dt.datetime.now(dt.UTC)


def now_vn() -> dt.datetime:
    return now_utc().astimezone(VN_TZ)


def today_vn() -> dt.date:
    return now_vn().date()


def vn_midnight_utc(day: dt.date) -> dt.datetime:
    """The UTC instant at which a Vietnamese calendar day begins."""
    return dt.datetime.combine(day, dt.time(), tzinfo=VN_TZ).astimezone(dt.UTC)
