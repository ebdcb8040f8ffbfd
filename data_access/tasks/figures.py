"""Task figures: the status picture, where tasks are stuck, and the overdue summary.

Every count is a GROUP BY in the database over the tasks a TaskFilter selects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, func, not_, select

from data_access.core.periods import add_months, add_years
from data_access.core.schema import tasks, units
from data_access.tasks.categories import DUE_SOON_DAYS, OPEN_STATUSES, category_on, completed_by, counted_on
from data_access.tasks.extensions import extended_tasks
from data_access.tasks.filters import AGE_BUCKET_NAMES, TaskFilter, age_condition, where


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


def count_by_category(conn: Connection, f: TaskFilter) -> TaskCategoryCounts:
    """Counts of the five categories on `f.as_of` of the tasks the filter selects."""
    category = category_on(f.as_of).label("category")
    rows = conn.execute(
        select(category, func.count().label("n"), func.count(case((tasks.c.due_on.is_(None), 1))).label("no_deadline"))
        .where(*where(f))
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
            func.count(
                case((and_(counted_on(week_ago), not_(completed_by(week_ago)), tasks.c.due_on < week_ago), 1))
            ).label("overdue_week_ago"),
            func.count(
                case((and_(is_open, tasks.c.due_on.between(today, today + dt.timedelta(days=DUE_SOON_DAYS - 1))), 1))
            ).label("due_next_7_days"),
        ).where(tasks.c.status != "cancelled")
    ).one()
    return OverdueSummary(row.overdue_now, row.overdue_week_ago, row.due_next_7_days)


@dataclass(frozen=True)
class UnitLoad:
    unit_id: int
    unit_code: str
    unit_name: str
    total: int
    overdue: int

    @property
    def overdue_share(self) -> float:
        return self.overdue / self.total if self.total else 0.0


def overdue_by_unit(conn: Connection, f: TaskFilter, limit: int = 15) -> list[UnitLoad]:
    """Lead units ranked by open overdue tasks (then by their total), the unit filter ignored."""
    f = f.without("unit_id", "category", "age")
    overdue = func.count(case((category_on(f.as_of) == "open_overdue", 1))).label("overdue")
    rows = conn.execute(
        select(units.c.id, units.c.code, units.c.name, func.count().label("total"), overdue)
        .select_from(tasks.join(units, units.c.id == tasks.c.assignee_unit_id))
        .where(*where(f))
        .group_by(units.c.id, units.c.code, units.c.name)
        .having(overdue > 0)
        .order_by(overdue.desc(), func.count().desc(), units.c.name)
        .limit(limit)
    ).all()
    return [UnitLoad(*row) for row in rows]


@dataclass(frozen=True)
class SourceLoad:
    source: str
    total: int
    completed: int
    overdue: int


def by_source(conn: Connection, f: TaskFilter) -> list[SourceLoad]:
    """Per assigning source: tasks, completed and open overdue; the source filter ignored."""
    f = f.without("source", "category", "age")
    category = category_on(f.as_of)
    rows = conn.execute(
        select(
            tasks.c.source,
            func.count(),
            func.count(case((category.in_(("completed_on_time", "completed_late")), 1))),
            func.count(case((category == "open_overdue", 1))),
        )
        .where(*where(f))
        .group_by(tasks.c.source)
    ).all()
    return [SourceLoad(*row) for row in rows]


def overdue_ages(conn: Connection, f: TaskFilter) -> dict[str, int]:
    """How many open overdue tasks have been overdue 1-7, 8-30, 31-90 and over 90 days."""
    f = f.without("category", "age")
    counts = [
        func.count(case((age_condition(f.as_of, name), 1))).label(f"b{i}") for i, name in enumerate(AGE_BUCKET_NAMES)
    ]
    row = conn.execute(select(*counts).where(*where(f))).one()
    return dict(zip(AGE_BUCKET_NAMES, row))


def extended_count(conn: Connection, f: TaskFilter) -> int:
    """Tasks of the filter (its category ignored) whose deadline was extended at least once."""
    return extended_tasks(conn, where(f.without("category", "age")))


TREND_MONTHS = 12


@dataclass(frozen=True)
class MonthOverdue:
    """Tasks open and overdue at the end of a month (today for the current one), and a year before."""

    month: dt.date  # its first day
    as_of: dt.date
    overdue: int
    overdue_last_year: int


def month_ends(today: dt.date, months: int = TREND_MONTHS) -> list[tuple[dt.date, dt.date]]:
    """(first day, day counted on) of the last `months` months, oldest first; the current month counts today."""
    out = []
    first = today.replace(day=1)
    for _ in range(months):
        end = min(today, add_months(first, 1) - dt.timedelta(days=1))
        out.append((first, end))
        first = add_months(first, -1)
    return out[::-1]


def overdue_trend(conn: Connection, today: dt.date, months: int = TREND_MONTHS) -> list[MonthOverdue]:
    """Month by month, how many tasks stood open and overdue, against the same month a year before.

    One statement: a counted column per day (the tasks table is read once).
    """
    ends = month_ends(today, months)
    days = [end for _, end in ends] + [add_years(end, -1) for _, end in ends]
    columns = [
        func.count(case((and_(counted_on(day), category_on(day) == "open_overdue"), 1))).label(f"d{i}")
        for i, day in enumerate(days)
    ]
    row = conn.execute(select(*columns).select_from(tasks)).one()
    n = len(ends)
    return [MonthOverdue(first, end, row[i], row[n + i]) for i, (first, end) in enumerate(ends)]
