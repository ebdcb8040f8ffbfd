"""One task in full: its fields, its assigning document and meeting, and its history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from data_access.core.schema import documents, meetings, task_events, tasks, units
from data_access.tasks import categories
from data_access.tasks.categories import category_on
from data_access.tasks.extensions import Extensions, extensions_of


@dataclass(frozen=True)
class TaskEvent:
    at: dt.datetime
    kind: str
    author: str | None
    note: str | None
    new_due_on: dt.date | None


@dataclass(frozen=True)
class TaskDetail:
    id: int
    code: str
    title: str
    source: str
    unit_code: str
    unit_name: str
    assigned_on: dt.date
    due_on: dt.date | None
    status: str
    completed_on: dt.date | None
    progress_pct: int
    category: str
    as_of: dt.date
    document_id: int | None
    document_number: str | None
    document_type: str | None
    document_summary: str | None
    meeting_id: int | None
    meeting_title: str | None
    meeting_starts_at: dt.datetime | None
    version: int
    events: tuple[TaskEvent, ...]
    extensions: Extensions = Extensions()

    def seen(self) -> dict:
        """The editable columns as loaded: what a save compares against to say what changed."""
        return {
            "version": self.version,
            "status": self.status,
            "progress_pct": self.progress_pct,
            "completed_on": self.completed_on,
            "due_on": self.due_on,
        }

    @property
    def days_overdue(self) -> int | None:
        return categories.days_overdue(self.category, self.due_on, self.as_of)

    @property
    def days_left(self) -> int | None:
        """Days until the deadline for an open task not yet overdue (0: due today)."""
        return categories.days_left(self.category, self.due_on, self.as_of)


def task_by_code(conn: Connection, code: str, as_of: dt.date) -> TaskDetail | None:
    row = conn.execute(
        select(
            tasks.c.id,
            tasks.c.code,
            tasks.c.title,
            tasks.c.source,
            units.c.code,
            units.c.name,
            tasks.c.assigned_on,
            tasks.c.due_on,
            tasks.c.status,
            tasks.c.completed_on,
            tasks.c.progress_pct,
            category_on(as_of),
            documents.c.id,
            documents.c.number,
            documents.c.doc_type,
            documents.c.summary,
            meetings.c.id,
            meetings.c.title,
            meetings.c.starts_at,
            tasks.c.version,
        )
        .select_from(
            tasks.join(units, units.c.id == tasks.c.assignee_unit_id)
            .outerjoin(documents, documents.c.id == tasks.c.source_document_id)
            .outerjoin(meetings, meetings.c.id == tasks.c.meeting_id)
        )
        .where(tasks.c.code == code)
    ).first()
    if row is None:
        return None
    events = conn.execute(
        select(task_events.c.at, task_events.c.kind, task_events.c.author, task_events.c.note, task_events.c.new_due_on)
        .where(task_events.c.task_id == row[0])
        .order_by(task_events.c.at.desc(), task_events.c.id.desc())
    ).all()
    fields = list(row)
    return TaskDetail(
        *fields[:12],
        as_of,
        *fields[12:],
        events=tuple(TaskEvent(*e) for e in events),
        extensions=extensions_of(conn, [row[0]]).get(row[0], Extensions()),
    )
