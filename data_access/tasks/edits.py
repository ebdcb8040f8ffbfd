"""Writes on tasks: status and progress, reports, urgings and notes, deadline extensions, new tasks.

Every function checks the actor's role, validates (EditError names the
field), then writes and audits in one transaction. `today` is the Vietnam
date against which "in the future" is judged.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, exists, func, insert, select
from sqlalchemy.exc import IntegrityError

from data_access.accounts import audit, permissions
from data_access.accounts.versioned import change_row, require_text
from data_access.core import clock
from data_access.core.edit_errors import EditError, EditRefused
from data_access.core.schema import TASK_SOURCES, TASK_STATUSES, documents, meetings, task_events, tasks, units

FREE_EVENT_KINDS = ("report", "urge", "note")  # extensions and status changes have their own functions


@dataclass(frozen=True)
class TaskChange:
    """One row of the editable grid: the task as listed (`seen`, with its version) and the new values."""

    task_id: int
    code: str
    seen: Mapping[str, Any]
    status: str
    progress_pct: int
    completed_on: dt.date | None


def update_tasks(engine: Engine, actor, changes: Sequence[TaskChange], today: dt.date) -> list[int]:
    """Save several tasks from the grid in one transaction: all land, or none (the error names the task).

    Returns the new versions in task id order (the order rows are locked in).
    """
    permissions.require(actor, permissions.EDIT)
    now = clock.now_utc()
    with engine.begin() as conn:
        versions = []
        for change in sorted(changes, key=lambda c: c.task_id):  # one lock order: no deadlock between grids
            try:
                versions.append(
                    _update_task(
                        conn,
                        actor,
                        change.task_id,
                        change.seen["version"],
                        change.seen,
                        change.status,
                        change.progress_pct,
                        change.completed_on,
                        today,
                        now,
                    )
                )
            except EditRefused as refused:
                refused.item = change.code
                raise
        return versions


def update_task(
    engine: Engine,
    actor,
    task_id: int,
    version: int,
    seen: Mapping[str, Any],
    *,
    status: str,
    progress_pct: int,
    completed_on: dt.date | None,
    today: dt.date,
) -> int:
    """Set status, progress and completion date; returns the new version.

    Completing a task sets its progress to 100; a status change is written to
    the task's history as well.
    """
    permissions.require(actor, permissions.EDIT)
    now = clock.now_utc()
    with engine.begin() as conn:
        return _update_task(conn, actor, task_id, version, seen, status, progress_pct, completed_on, today, now)


def _update_task(
    conn: Connection,
    actor,
    task_id: int,
    version: int,
    seen: Mapping[str, Any],
    status: str,
    progress_pct: int,
    completed_on: dt.date | None,
    today: dt.date,
    now: dt.datetime,
) -> int:
    if status not in TASK_STATUSES:
        raise EditError("status", "unknown_code", value=status)
    if not isinstance(progress_pct, int) or not 0 <= progress_pct <= 100:
        raise EditError("progress_pct", "out_of_range", low=0, high=100)
    if status == "completed" and completed_on is None:
        raise EditError("completed_on", "required_when_completed")
    if status != "completed":
        completed_on = None
    if completed_on is not None and completed_on > today:
        raise EditError("completed_on", "in_future", today=today)

    def values(current):
        if completed_on is not None and completed_on < current["assigned_on"]:
            raise EditError("completed_on", "before_assigned", assigned_on=current["assigned_on"])
        return {
            "status": status,
            "completed_on": completed_on,
            "progress_pct": 100 if status == "completed" else progress_pct,
        }

    new_version, before = change_row(conn, tasks, task_id, version, seen, values, actor.login, now, "update_task")
    if "status" in before:
        _add_event(conn, actor, task_id, "status", f"{before['status']} → {status}", None, now)
    return new_version


def _add_event(
    conn: Connection, actor, task_id: int, kind: str, note: str | None, new_due_on: dt.date | None, now: dt.datetime
) -> int:
    event_id = conn.execute(
        insert(task_events)
        .values(task_id=task_id, at=now, kind=kind, author=actor.full_name, note=note, new_due_on=new_due_on)
        .returning(task_events.c.id)
    ).scalar_one()
    audit.record(
        conn,
        actor.login,
        now,
        f"add_{kind}",
        task_events.name,
        event_id,
        None,
        {"task_id": task_id, "kind": kind, "note": note, "new_due_on": new_due_on},
    )
    return event_id


def add_task_event(engine: Engine, actor, task_id: int, kind: str, note: str | None) -> int:
    """A report, an urging or a note in the task's history."""
    permissions.require(actor, permissions.EDIT)
    if kind not in FREE_EVENT_KINDS:
        raise EditError("kind", "unknown_code", value=kind)
    note = require_text(note, "note")
    with engine.begin() as conn:
        if not conn.execute(select(exists().where(tasks.c.id == task_id))).scalar():
            raise EditError("task", "not_found")
        return _add_event(conn, actor, task_id, kind, note, None, clock.now_utc())


def extend_deadline(
    engine: Engine,
    actor,
    task_id: int,
    version: int,
    seen: Mapping[str, Any],
    *,
    new_due_on: dt.date | None,
    reason: str | None,
) -> int:
    """A leader moves the deadline later, with a reason; returns the new version."""
    permissions.require(actor, permissions.EXTEND_DEADLINE)
    if new_due_on is None:
        raise EditError("new_due_on", "required")
    reason = require_text(reason, "reason")

    def values(current):
        if current["status"] in ("completed", "cancelled"):
            raise EditError("new_due_on", "task_closed")
        if current["due_on"] is not None and new_due_on <= current["due_on"]:
            raise EditError("new_due_on", "not_later", due_on=current["due_on"])
        if new_due_on < current["assigned_on"]:
            raise EditError("new_due_on", "before_assigned", assigned_on=current["assigned_on"])
        return {"due_on": new_due_on}

    now = clock.now_utc()
    with engine.begin() as conn:
        new_version, _ = change_row(conn, tasks, task_id, version, seen, values, actor.login, now, "extend_deadline")
        _add_event(conn, actor, task_id, "extension", reason, new_due_on, now)
    return new_version


@dataclass(frozen=True)
class NewTask:
    title: str | None
    source: str | None
    unit_code: str | None
    assigned_on: dt.date | None
    due_on: dt.date | None
    document_id: int | None = None
    meeting_id: int | None = None


def task_problems(conn: Connection, task: NewTask, today: dt.date) -> list[EditError]:
    """Every problem of a new task at once (the import preview shows them all)."""
    problems = []
    try:
        require_text(task.title, "title")
    except EditError as error:
        problems.append(error)
    if task.source not in TASK_SOURCES:
        problems.append(EditError("source", "unknown_code" if task.source else "required", value=task.source or ""))
    if not task.unit_code:
        problems.append(EditError("unit", "required"))
    elif conn.execute(select(units.c.id).where(units.c.code == task.unit_code)).first() is None:
        problems.append(EditError("unit", "unknown_code", value=task.unit_code))
    if task.assigned_on is None:
        problems.append(EditError("assigned_on", "required"))
    elif task.assigned_on > today:
        problems.append(EditError("assigned_on", "in_future", today=today))
    if task.due_on is not None and task.assigned_on is not None and task.due_on < task.assigned_on:
        problems.append(EditError("due_on", "before_assigned", assigned_on=task.assigned_on))
    if (
        task.document_id is not None
        and not conn.execute(select(exists().where(documents.c.id == task.document_id))).scalar()
    ):
        problems.append(EditError("document", "not_found"))
    if (
        task.meeting_id is not None
        and not conn.execute(select(exists().where(meetings.c.id == task.meeting_id))).scalar()
    ):
        problems.append(EditError("meeting", "not_found"))
    return problems


def _next_code(conn: Connection, year: int) -> str:
    prefix = f"NV-{year}-"
    codes = conn.execute(
        select(tasks.c.code)
        .where(tasks.c.code.like(prefix + "%"))
        .order_by(func.length(tasks.c.code).desc(), tasks.c.code.desc())
        .limit(1)
    ).scalar()
    digits = codes.removeprefix(prefix) if codes else ""
    number = int(digits) + 1 if digits.isdigit() else 1
    return f"{prefix}{number:0{max(4, len(digits))}d}"  # as wide as the office's own codes


def _insert_task(conn: Connection, actor, task: NewTask, now: dt.datetime) -> str:
    unit_id, unit_name = conn.execute(select(units.c.id, units.c.name).where(units.c.code == task.unit_code)).one()
    code = _next_code(conn, task.assigned_on.year)
    values = {
        "code": code,
        "title": task.title.strip(),
        "source": task.source,
        "assignee_unit_id": unit_id,
        "source_document_id": task.document_id,
        "meeting_id": task.meeting_id,
        "assigned_on": task.assigned_on,
        "due_on": task.due_on,
        "status": "not_started",
        "progress_pct": 0,
    }
    task_id = conn.execute(insert(tasks).values(**values).returning(tasks.c.id)).scalar_one()
    # the trail names the lead unit (its id alone tells a reader nothing)
    audit.record(conn, actor.login, now, "create_task", tasks.name, task_id, None, {**values, "unit": unit_name})
    return code


def create_tasks(engine: Engine, actor, new: Sequence[NewTask], today: dt.date, attempts: int = 20) -> list[str]:
    """Insert tasks, all or none; returns their codes (NV-<year>-<number>).

    Refused with the first problem if any task has one. Two users creating
    tasks at the same moment may pick the same code: the unique constraint
    refuses one transaction, which is then retried with the next number (each round
    one of the clashing saves wins, so `attempts` covers that many users at once).
    """
    permissions.require(actor, permissions.EDIT)
    for attempt in range(attempts):
        try:
            with engine.begin() as conn:
                for task in new:
                    problems = task_problems(conn, task, today)
                    if problems:
                        raise problems[0]
                now = clock.now_utc()
                return [_insert_task(conn, actor, task, now) for task in new]
        except IntegrityError as clash:
            if attempt == attempts - 1 or "code" not in str(clash.orig):  # only a code taken meanwhile
                raise
            time.sleep(random.uniform(0, 0.02 * (attempt + 1)))  # let the clashing saves spread out
    raise AssertionError("unreachable")


def create_task(engine: Engine, actor, task: NewTask, today: dt.date) -> str:
    return create_tasks(engine, actor, [task], today)[0]


def record_urging_letters(engine: Engine, actor, task_codes: Sequence[str], note: str | None) -> int:
    """An urging in the history of every task an urging letter lists, in one transaction, each audited.

    For those who may edit; all or nothing (a code that no longer exists refuses the whole set).
    Returns how many urgings were written.
    """
    permissions.require(actor, permissions.EDIT)
    note = require_text(note, "note")
    codes = list(dict.fromkeys(task_codes))
    if not codes:
        return 0
    now = clock.now_utc()
    with engine.begin() as conn:
        found = dict(conn.execute(select(tasks.c.code, tasks.c.id).where(tasks.c.code.in_(codes))).all())
        missing = [code for code in codes if code not in found]
        if missing:
            refused = EditError("task", "not_found")
            refused.item = missing[0]
            raise refused
        for code in codes:
            _add_event(conn, actor, found[code], "urge", note, None, now)
    return len(codes)
