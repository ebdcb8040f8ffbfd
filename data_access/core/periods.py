"""Reporting periods, as an office reports on them.

To date: this week, month, quarter, year (each from its first day up to
today). Whole: last month, last quarter. The first six months of the year
(6 tháng đầu năm: 1 January to 30 June, or to today before July), the last
30 days, or any two dates.

Every period compares with the period before it of the same shape, cut at the
same point (1-23 November against 1-23 October), so a period still running
is never compared with a whole one; the first six months compare with the
same months a year before. Weeks start on Monday. The default always holds
data: this month, except in the first days of a month, when it is last month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

PERIOD_KINDS = (
    "week",
    "month",
    "quarter",
    "year",
    "last_month",
    "last_quarter",
    "first_half",
    "last_30_days",
    "custom",
)
DEFAULT_PERIOD = "month"
EARLY_MONTH_DAYS = 7  # before the 8th, "this month" is too short to report on: the default is last month
MIN_COMPARABLE_DAYS = 7  # a period shorter than this is not compared with the one before (one day vs one day)


def default_period(today: dt.date) -> str:
    """A default that always holds data: this month, or last month during a month's first days."""
    return "last_month" if today.day < EARLY_MONTH_DAYS + 1 else DEFAULT_PERIOD


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def comparable(self) -> bool:
        """Worth comparing with the period before: a week to date compares the same weekdays; any other
        period needs a week at least (the 1st of a month against the 1st of the last, a Sunday, means nothing)."""
        return self.kind == "week" or self.days >= MIN_COMPARABLE_DAYS


def _clip_day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return _clip_day(index // 12, index % 12 + 1, day.day)


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def current_period(kind: str, today: dt.date, start: dt.date | None = None, end: dt.date | None = None) -> Period:
    """The period of that kind that contains today, from its first day up to today."""
    if kind == "week":
        return Period(kind, week_start(today), today)
    if kind == "month":
        return Period(kind, today.replace(day=1), today)
    if kind == "quarter":
        return Period(kind, dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today)
    if kind == "year":
        return Period(kind, dt.date(today.year, 1, 1), today)
    if kind == "last_30_days":
        return Period(kind, today - dt.timedelta(days=29), today)
    if kind == "last_month":
        first = _add_months(today.replace(day=1), -1)
        return Period(kind, first, today.replace(day=1) - dt.timedelta(days=1))
    if kind == "last_quarter":
        this_quarter = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
        return Period(kind, _add_months(this_quarter, -3), this_quarter - dt.timedelta(days=1))
    if kind == "first_half":
        return Period(kind, dt.date(today.year, 1, 1), min(today, dt.date(today.year, 6, 30)))
    if kind == "custom":
        if start is None or end is None or start > end:
            raise ValueError("custom period needs start <= end")
        return Period(kind, start, end)
    raise ValueError(f"unknown period kind {kind!r}")


def previous_period(period: Period) -> Period:
    """The period before, of the same shape and cut at the same point."""
    if period.kind == "week":
        shift = dt.timedelta(days=7)
        return Period(period.kind, period.start - shift, period.end - shift)
    months = {"month": 1, "quarter": 3, "year": 12, "first_half": 12}.get(period.kind)
    if months:
        return Period(period.kind, _add_months(period.start, -months), _add_months(period.end, -months))
    if period.kind in ("last_month", "last_quarter"):  # whole months: the whole months before
        months = 1 if period.kind == "last_month" else 3
        start = _add_months(period.start, -months)
        return Period(period.kind, start, period.start - dt.timedelta(days=1))
    length = dt.timedelta(days=period.days)
    return Period(period.kind, period.start - length, period.end - length)


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (31 January plus one month is 28 or 29 February)."""
    return _add_months(day, months)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day `years` later (29 February becomes 28 February)."""
    return _add_months(day, 12 * years)


def same_period_last_year(period: Period) -> Period:
    return Period(period.kind, add_years(period.start, -1), add_years(period.end, -1))


def working_days(start: dt.date, end: dt.date) -> int:
    """Monday to Friday between two dates, both included (as the seeds count them)."""
    if end < start:
        return 0
    full_weeks, rest = divmod((end - start).days + 1, 7)
    count = full_weeks * 5
    for offset in range(rest):
        if (start + dt.timedelta(days=full_weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count
