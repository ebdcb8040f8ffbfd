"""The Government's five-way classification of tasks, as SQL expressions.

Classification on a day D (a Vietnamese date), cancelled tasks left out, as
OFFICE_DB.md defines it. "Completed" means completed on or before D, so the
same expression answers for today and for any day in the past (cùng kỳ).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, case, or_
from sqlalchemy.sql import ColumnElement

from data_access.core.schema import tasks

CATEGORIES = ("completed_on_time", "completed_late", "open_in_time", "open_overdue")
OPEN_STATUSES = ("not_started", "in_progress", "paused")
DUE_SOON_DAYS = 7  # "due in the next 7 days": today and the six days after


def completed_by(as_of: dt.date) -> ColumnElement[bool]:
    return and_(tasks.c.status == "completed", tasks.c.completed_on <= as_of)


def category_on(as_of: dt.date) -> ColumnElement[str]:
    """CASE expression giving each task's category on the day `as_of`."""
    done = completed_by(as_of)
    return case(
        (and_(done, or_(tasks.c.due_on.is_(None), tasks.c.completed_on <= tasks.c.due_on)), "completed_on_time"),
        (done, "completed_late"),
        (or_(tasks.c.due_on.is_(None), tasks.c.due_on >= as_of), "open_in_time"),
        else_="open_overdue",
    )


def counted_on(as_of: dt.date) -> ColumnElement[bool]:
    """Tasks that exist on that day and count: assigned by then, not cancelled."""
    return and_(tasks.c.assigned_on <= as_of, tasks.c.status != "cancelled")


def days_overdue(category: str, due_on: dt.date | None, as_of: dt.date) -> int | None:
    """Days past the deadline on `as_of`, for an open overdue task; None otherwise."""
    return (as_of - due_on).days if category == "open_overdue" and due_on else None


def days_left(category: str, due_on: dt.date | None, as_of: dt.date) -> int | None:
    """Days until the deadline for an open task not yet overdue (0: due that day); None otherwise."""
    return (due_on - as_of).days if category == "open_in_time" and due_on else None
