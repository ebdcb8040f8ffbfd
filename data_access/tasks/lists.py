"""Lists of tasks: the paged list, what falls due next, and the urging list (danh sách đôn đốc).

Only the rows shown come back: a page of the list, the tasks due soon (capped),
or the overdue tasks of an urging list.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from data_access.core.database import CHOICES, freshness
from data_access.core.schema import task_events, tasks, units
from data_access.core.sql import as_utc
from data_access.core.units import UnitChoice
from data_access.tasks.categories import DUE_SOON_DAYS, OPEN_STATUSES, category_on, days_left, days_overdue
from data_access.tasks.extensions import Extensions, extensions_of
from data_access.tasks.filters import TaskFilter, where

PAGE_SIZE = 20
DUE_SOON_LIMIT = 50
# Sort orders offered to the user, by name; never built from user text.
SORTS = {
    "due_asc": (tasks.c.due_on.is_(None), tasks.c.due_on, tasks.c.code),
    "due_desc": (tasks.c.due_on.is_(None), tasks.c.due_on.desc(), tasks.c.code),
    "assigned_desc": (tasks.c.assigned_on.desc(), tasks.c.code.desc()),
    "code": (tasks.c.code,),
    "progress_asc": (tasks.c.progress_pct, tasks.c.due_on.is_(None), tasks.c.due_on, tasks.c.code),
}
DEFAULT_SORT = "due_asc"


@dataclass(frozen=True)
class TaskRow:
    id: int
    code: str
    title: str
    source: str
    unit_name: str
    assigned_on: dt.date
    due_on: dt.date | None
    status: str
    progress_pct: int
    category: str
    days_overdue: int | None  # on the filter's day, for open overdue tasks
    days_left: int | None  # for open tasks not yet due (0: due that day)
    completed_on: dt.date | None = None
    version: int = 1
    extensions: Extensions = Extensions()

    def seen(self) -> dict:
        """The editable columns as listed: what a save from the grid compares against."""
        return {
            "version": self.version,
            "status": self.status,
            "progress_pct": self.progress_pct,
            "completed_on": self.completed_on,
        }


@dataclass(frozen=True)
class TaskPage:
    rows: list[TaskRow]
    total: int
    page: int
    pages: int


def _row_columns(as_of: dt.date):
    return (
        tasks.c.id,
        tasks.c.code,
        tasks.c.title,
        tasks.c.source,
        units.c.name,
        tasks.c.assigned_on,
        tasks.c.due_on,
        tasks.c.status,
        tasks.c.progress_pct,
        category_on(as_of).label("category"),
        tasks.c.completed_on,
        tasks.c.version,
    )


def _to_row(row, as_of: dt.date) -> TaskRow:
    return TaskRow(
        *row[:10],
        days_overdue=days_overdue(row.category, row.due_on, as_of),
        days_left=days_left(row.category, row.due_on, as_of),
        completed_on=row.completed_on,
        version=row.version,
    )


_with_unit = tasks.join(units, units.c.id == tasks.c.assignee_unit_id)


def count_tasks(conn: Connection, f: TaskFilter) -> int:
    return conn.execute(select(func.count()).select_from(tasks).where(*where(f))).scalar_one()


def task_page(
    conn: Connection, f: TaskFilter, sort: str = DEFAULT_SORT, page: int = 1, page_size: int = PAGE_SIZE
) -> TaskPage:
    """One page of the tasks the filter selects; a page past the end shows the last one."""
    total = count_tasks(conn, f)
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    rows = conn.execute(
        select(*_row_columns(f.as_of))
        .select_from(_with_unit)
        .where(*where(f))
        .order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return TaskPage(_with_extensions(conn, [_to_row(r, f.as_of) for r in rows]), total, page, pages)


def due_soon(conn: Connection, f: TaskFilter, limit: int = DUE_SOON_LIMIT) -> list[TaskRow]:
    """Open tasks due from the filter's day to six days later, soonest first.

    Whenever they were assigned: the period and category filters do not apply.
    """
    f = f.without("assigned_from", "assigned_to", "category", "age")
    rows = conn.execute(
        select(*_row_columns(f.as_of))
        .select_from(_with_unit)
        .where(
            *where(f),
            tasks.c.status.in_(OPEN_STATUSES),
            tasks.c.due_on.between(f.as_of, f.as_of + dt.timedelta(days=DUE_SOON_DAYS - 1)),
        )
        .order_by(tasks.c.due_on, tasks.c.code)
        .limit(limit)
    ).all()
    return _with_extensions(conn, [_to_row(r, f.as_of) for r in rows])


def _with_extensions(conn: Connection, rows: list[TaskRow]) -> list[TaskRow]:
    found = extensions_of(conn, [r.id for r in rows])
    return [dataclasses.replace(r, extensions=found[r.id]) if r.id in found else r for r in rows]


@dataclass(frozen=True)
class UrgingRow:
    unit_name: str
    code: str
    title: str
    source: str
    assigned_on: dt.date
    due_on: dt.date
    days_overdue: int
    progress_pct: int
    urgings: int
    last_urged_at: dt.datetime | None
    extensions: Extensions = Extensions()


def urging_list(conn: Connection, f: TaskFilter) -> list[UrgingRow]:
    """The open overdue tasks of the filter, by lead unit, longest overdue first, with their urgings."""
    f = f.without("category")
    urges = (
        select(task_events.c.task_id, func.count().label("n"), func.max(task_events.c.at).label("last"))
        .where(task_events.c.kind == "urge")
        .group_by(task_events.c.task_id)
        .subquery()
    )
    rows = conn.execute(
        select(
            tasks.c.id,
            units.c.name,
            tasks.c.code,
            tasks.c.title,
            tasks.c.source,
            tasks.c.assigned_on,
            tasks.c.due_on,
            tasks.c.progress_pct,
            func.coalesce(urges.c.n, 0),
            urges.c.last,
        )
        .select_from(_with_unit.outerjoin(urges, urges.c.task_id == tasks.c.id))
        .where(*where(f), category_on(f.as_of) == "open_overdue")
        .order_by(units.c.name, tasks.c.due_on, tasks.c.code)
    ).all()
    found = extensions_of(conn, [r[0] for r in rows])
    return [
        UrgingRow(
            name,
            code,
            title,
            source,
            assigned,
            due,
            (f.as_of - due).days,
            progress,
            n,
            as_utc(last),
            found.get(task_id, Extensions()),
        )
        for task_id, name, code, title, source, assigned, due, progress, n, last in rows
    ]


def urging_summary(conn: Connection, f: TaskFilter) -> tuple[int, int]:
    """How many open overdue tasks the urging list of the filter holds, and of how many lead units."""
    f = f.without("category")
    tasks_n, units_n = conn.execute(
        select(func.count(), func.count(tasks.c.assignee_unit_id.distinct())).where(
            *where(f), category_on(f.as_of) == "open_overdue"
        )
    ).one()
    return tasks_n, units_n


@freshness(CHOICES)
def units_with_tasks(conn: Connection) -> list[UnitChoice]:
    """The lead units that have tasks, by name: the choices of the unit filter."""
    rows = conn.execute(
        select(units.c.id, units.c.code, units.c.name)
        .where(units.c.id.in_(select(tasks.c.assignee_unit_id).distinct()))
        .order_by(units.c.name)
    ).all()
    return [UnitChoice(*row) for row in rows]


@dataclass(frozen=True)
class AssignedTask:
    code: str
    title: str
    due_on: dt.date | None
    status: str


def tasks_assigned_by(conn: Connection, column, item_id: int) -> tuple[AssignedTask, ...]:
    """The tasks whose `column` (tasks.c.source_document_id or tasks.c.meeting_id) is the item."""
    rows = conn.execute(
        select(tasks.c.code, tasks.c.title, tasks.c.due_on, tasks.c.status)
        .where(column == item_id)
        .order_by(tasks.c.code)
    ).all()
    return tuple(AssignedTask(*r) for r in rows)
