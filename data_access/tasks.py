"""Task queries: the Government's five-way classification, computed in SQL.

Classification on a day D (a Vietnamese date), cancelled tasks left out, as
OFFICE_DB.md defines it. "Completed" means completed on or before D, so the
same expression answers for today and for any day in the past (cùng kỳ).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, func, not_, or_, select
from sqlalchemy.sql import ColumnElement

from data_access.schema import tasks

CATEGORIES = ("completed_on_time", "completed_late", "open_in_time", "open_overdue")
OPEN_STATUSES = ("not_started", "in_progress", "paused")
DUE_SOON_DAYS = 7  # "due in the next 7 days": today and the six days after


def completed_by(as_of: dt.date) -> ColumnElement[bool]:
    return and_(tasks.c.status == "completed", tasks.c.completed_on <= as_of)


def category_on(as_of: dt.date) -> ColumnElement[str]:
    """CASE expression giving each task's category on the day `as_of`."""
    done = completed_by(as_of)
    return case(
        (and_(done, or_(tasks.c.due_on.is_(None), tasks.c.completed_on <= tasks.c.due_on)),
         "completed_on_time"),
        (done, "completed_late"),
        (or_(tasks.c.due_on.is_(None), tasks.c.due_on >= as_of), "open_in_time"),
        else_="open_overdue",
    )


def counted_on(as_of: dt.date) -> ColumnElement[bool]:
    """Tasks that exist on that day and count: assigned by then, not cancelled."""
    return and_(tasks.c.assigned_on <= as_of, tasks.c.status != "cancelled")


@dataclass(frozen=True)
class TaskCategoryCounts:
    completed_on_time: int = 0
    completed_late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0
    no_deadline: int = 0

    @property
    def total(self) -> int:
        return self.completed_on_time + self.completed_late + self.open_in_time + self.open_overdue

    @property
    def completion_rate(self) -> float | None:
        done = self.completed_on_time + self.completed_late
        return done / self.total if self.total else None

    @property
    def overdue_share(self) -> float | None:
        return self.open_overdue / self.total if self.total else None


def count_by_category(conn: Connection, as_of: dt.date, assigned_from: dt.date | None = None,
                      assigned_to: dt.date | None = None) -> TaskCategoryCounts:
    """Counts of the five categories on `as_of`, of tasks assigned in [from, to] if given."""
    category = category_on(as_of).label("category")
    conditions = [counted_on(as_of)]
    if assigned_from is not None:
        conditions.append(tasks.c.assigned_on >= assigned_from)
    if assigned_to is not None:
        conditions.append(tasks.c.assigned_on <= assigned_to)
    rows = conn.execute(
        select(category,
               func.count().label("n"),
               func.count(case((tasks.c.due_on.is_(None), 1))).label("no_deadline"))
        .where(*conditions)
        .group_by(category)
    ).all()
    counts = {row.category: row.n for row in rows}
    return TaskCategoryCounts(no_deadline=sum(row.no_deadline for row in rows), **counts)


@dataclass(frozen=True)
class OverdueSummary:
    overdue_now: int
    overdue_week_ago: int
    due_next_7_days: int

    @property
    def change(self) -> int:
        return self.overdue_now - self.overdue_week_ago


def overdue_summary(conn: Connection, today: dt.date) -> OverdueSummary:
    """Open tasks overdue today, a week ago, and those falling due today to today+6."""
    week_ago = today - dt.timedelta(days=7)
    is_open = tasks.c.status.in_(OPEN_STATUSES)
    row = conn.execute(
        select(
            func.count(case((and_(is_open, tasks.c.due_on < today), 1))).label("overdue_now"),
            func.count(case((and_(counted_on(week_ago), not_(completed_by(week_ago)),
                                  tasks.c.due_on < week_ago), 1))).label("overdue_week_ago"),
            func.count(case((and_(is_open, tasks.c.due_on.between(today, today + dt.timedelta(days=DUE_SOON_DAYS - 1))),
                             1))).label("due_next_7_days"),
        ).where(tasks.c.status != "cancelled")
    ).one()
    return OverdueSummary(row.overdue_now, row.overdue_week_ago, row.due_next_7_days)
