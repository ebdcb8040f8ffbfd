"""How often a task's deadline was extended, and the deadline it was first given.

The count is the task's `extension` events (any system records them). The first deadline is the
`due_on` before the earliest extension saved through the dashboard (its audit row); a task extended
only by another system has no known first deadline.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from data_access.core.schema import audit_log, task_events, tasks


@dataclass(frozen=True)
class Extensions:
    count: int = 0
    original_due_on: dt.date | None = None


def extensions_of(conn: Connection, task_ids: Iterable[int]) -> dict[int, Extensions]:
    """For a page of tasks (a few dozen ids): their extensions, two small statements."""
    ids = sorted(set(task_ids))
    if not ids:
        return {}
    counts = dict(
        conn.execute(
            select(task_events.c.task_id, func.count())
            .where(task_events.c.kind == "extension", task_events.c.task_id.in_(ids))
            .group_by(task_events.c.task_id)
        ).all()
    )
    originals: dict[int, dt.date] = {}
    rows = conn.execute(
        select(audit_log.c.row_id, audit_log.c.before)
        .where(
            audit_log.c.table_name == tasks.name,
            audit_log.c.action == "extend_deadline",
            audit_log.c.row_id.in_([i for i in ids if i in counts]),
        )
        .order_by(audit_log.c.row_id, audit_log.c.at, audit_log.c.id)
    ).all()
    for row_id, before in rows:
        due = (json.loads(before) if before else {}).get("due_on")
        if row_id not in originals and due:
            originals[row_id] = dt.date.fromisoformat(due[:10])
    return {i: Extensions(counts[i], originals.get(i)) for i in counts}


def extended_tasks(conn: Connection, where_clauses: list) -> int:
    """How many tasks of a filter (its SQL conditions) were extended at least once."""
    extended = select(task_events.c.task_id).where(task_events.c.kind == "extension").distinct()
    return conn.execute(
        select(func.count()).select_from(tasks).where(*where_clauses, tasks.c.id.in_(extended))
    ).scalar_one()
