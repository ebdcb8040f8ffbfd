"""Every unit side by side (the emulation table of the thi đua review), and what one unit has to do.

Across domains, like the overview: tasks, documents, dossiers, the service index and the commune points.
Each figure is a grouped statement in the database; the units (about 120) are merged here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, func, select

from data_access.core.schema import POINT_KINDS, documents, dossiers, meeting_points, meetings, tasks, units
from data_access.core.schema import service_index as index
from data_access.core.sql import as_utc, vn_date
from data_access.services.categories import category_on as dossier_category
from data_access.services.filters import DossierFilter
from data_access.services.filters import where as dossier_where
from data_access.tasks.categories import category_on as task_category
from data_access.tasks.filters import TaskFilter
from data_access.tasks.filters import where as task_where

RANKED_KINDS = ("department", *POINT_KINDS)
SORTS = ("tasks_overdue", "task_rate", "dossiers_late", "index")
DEFAULT_SORT = "tasks_overdue"
MISSED_LIMIT = 20


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    kind: str

    @property
    def is_point(self) -> bool:
        return self.kind in POINT_KINDS


def unit_by_code(conn: Connection, code: str) -> UnitInfo | None:
    row = conn.execute(select(units.c.id, units.c.code, units.c.name, units.c.kind).where(units.c.code == code)).first()
    return None if row is None else UnitInfo(*row)


def task_filter(start: dt.date, end: dt.date, today: dt.date, unit_id: int | None = None) -> TaskFilter:
    """The tasks assigned in the period, classified on its last day (today if it runs on), as /tasks does."""
    return TaskFilter(min(end, today), assigned_from=start, assigned_to=end, unit_id=unit_id)


@dataclass(frozen=True)
class UnitStanding:
    unit_id: int
    code: str
    name: str
    kind: str
    tasks: int = 0  # assigned in the period
    tasks_completed: int = 0
    tasks_on_time: int = 0
    tasks_overdue_now: int = 0  # open and overdue today, whenever assigned
    dossiers: int = 0  # received in the period
    dossiers_resolved: int = 0
    dossiers_on_time: int = 0
    dossiers_late: int = 0  # resolved late
    dossiers_overdue: int = 0  # open and overdue
    index_score: float | None = None
    index_rank: int | None = None
    index_rank_of: int | None = None

    @property
    def task_rate(self) -> float | None:
        """Tasks completed on time among those completed."""
        return self.tasks_on_time / self.tasks_completed if self.tasks_completed else None

    @property
    def dossier_rate(self) -> float | None:
        return self.dossiers_on_time / self.dossiers_resolved if self.dossiers_resolved else None

    @property
    def dossiers_behind(self) -> int:
        return self.dossiers_late + self.dossiers_overdue


def _sort_key(sort: str):
    worst_rate = 2.0  # a unit with nothing completed sorts after every rate
    keys = {
        "tasks_overdue": lambda u: (-u.tasks_overdue_now, -u.dossiers_behind, u.name),
        "task_rate": lambda u: (u.task_rate if u.task_rate is not None else worst_rate, -u.tasks_completed, u.name),
        "dossiers_late": lambda u: (-u.dossiers_behind, -u.dossiers_overdue, u.name),
        "index": lambda u: (-(u.index_score if u.index_score is not None else -1.0), u.name),
    }
    return keys.get(sort, keys[DEFAULT_SORT])


def unit_standings(
    conn: Connection, start: dt.date, end: dt.date, today: dt.date, sort: str = DEFAULT_SORT
) -> list[UnitStanding]:
    """Every department, commune, ward and special zone with its period's tasks and dossiers, its tasks
    overdue today and its latest index score: four grouped statements and the list of units."""
    found: dict[int, dict] = {
        r.id: {"unit_id": r.id, "code": r.code, "name": r.name, "kind": r.kind}
        for r in conn.execute(
            select(units.c.id, units.c.code, units.c.name, units.c.kind).where(units.c.kind.in_(RANKED_KINDS))
        )
    }
    f = task_filter(start, end, today)
    category = task_category(f.as_of)
    for r in conn.execute(
        select(
            tasks.c.assignee_unit_id,
            func.count(),
            func.count(case((category.in_(("completed_on_time", "completed_late")), 1))),
            func.count(case((category == "completed_on_time", 1))),
        )
        .where(*task_where(f))
        .group_by(tasks.c.assignee_unit_id)
    ):
        if r[0] in found:
            found[r[0]].update(tasks=r[1], tasks_completed=r[2], tasks_on_time=r[3])
    backlog = TaskFilter(today, category="open_overdue")
    for unit_id, n in conn.execute(
        select(tasks.c.assignee_unit_id, func.count()).where(*task_where(backlog)).group_by(tasks.c.assignee_unit_id)
    ):
        if unit_id in found:
            found[unit_id]["tasks_overdue_now"] = n
    d = DossierFilter.of_period(start, end, today)
    state = dossier_category(d.as_of)
    for r in conn.execute(
        select(
            dossiers.c.unit_id,
            func.count(),
            func.count(case((state.in_(("resolved_on_time", "resolved_late")), 1))),
            func.count(case((state == "resolved_on_time", 1))),
            func.count(case((state == "resolved_late", 1))),
            func.count(case((state == "open_overdue", 1))),
        )
        .where(*dossier_where(d))
        .group_by(dossiers.c.unit_id)
    ):
        if r[0] in found:
            found[r[0]].update(
                dossiers=r[1], dossiers_resolved=r[2], dossiers_on_time=r[3], dossiers_late=r[4], dossiers_overdue=r[5]
            )
    latest = (
        select(func.max(index.c.period_end))
        .where(index.c.unit_id.is_not(None), index.c.period_end <= today)
        .scalar_subquery()
    )
    for unit_id, score, rank, rank_of in conn.execute(
        select(index.c.unit_id, index.c.score, index.c.rank, index.c.rank_of).where(
            index.c.unit_id.is_not(None), index.c.component == "total", index.c.period_end == latest
        )
    ):
        if unit_id in found:
            found[unit_id].update(index_score=score, index_rank=rank, index_rank_of=rank_of)
    return sorted((UnitStanding(**values) for values in found.values()), key=_sort_key(sort))


@dataclass(frozen=True)
class DocumentsToProcess:
    """Incoming documents a unit handles that are not processed yet, today."""

    open: int
    overdue: int  # past their processing deadline
    due_soon: int  # due today to six days later


def documents_to_process(conn: Connection, unit_id: int, today: dt.date) -> DocumentsToProcess:
    row = conn.execute(
        select(
            func.count(),
            func.count(case((documents.c.due_on < today, 1))),
            func.count(case((documents.c.due_on.between(today, today + dt.timedelta(days=6)), 1))),
        ).where(
            documents.c.direction == "incoming",
            documents.c.unit_id == unit_id,
            documents.c.processed_on.is_(None),
            documents.c.registered_on <= today,
        )
    ).one()
    return DocumentsToProcess(*row)


@dataclass(frozen=True)
class MissedMeeting:
    meeting_id: int
    title: str
    starts_at: dt.datetime
    status: str  # failed or absent


def missed_meetings(
    conn: Connection, unit_id: int, start: dt.date, end: dt.date, limit: int = MISSED_LIMIT
) -> tuple[list[MissedMeeting], int, int]:
    """The held online meetings of the period that a point failed to join or was absent from (newest first,
    at most `limit`), how many it missed and how many it was invited to."""
    held = and_(
        meetings.c.status == "held",
        meetings.c.is_online.is_(True),
        vn_date(meetings.c.starts_at) >= start,
        vn_date(meetings.c.starts_at) <= end,
        meeting_points.c.unit_id == unit_id,
    )
    joined = meeting_points.join(meetings, meetings.c.id == meeting_points.c.meeting_id)
    missed = meeting_points.c.status.in_(("failed", "absent"))
    counts = conn.execute(select(func.count(case((missed, 1))), func.count()).select_from(joined).where(held)).one()
    rows = conn.execute(
        select(meetings.c.id, meetings.c.title, meetings.c.starts_at, meeting_points.c.status)
        .select_from(joined)
        .where(held, missed)
        .order_by(meetings.c.starts_at.desc(), meetings.c.id.desc())
        .limit(limit)
    ).all()
    return [MissedMeeting(r[0], r[1], as_utc(r[2]), r[3]) for r in rows], counts[0], counts[1]
