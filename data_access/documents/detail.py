"""One document in full, with the tasks assigned from it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from data_access.core.schema import documents, tasks, units
from data_access.documents.filters import processing_state_on
from data_access.tasks.lists import AssignedTask, tasks_assigned_by


@dataclass(frozen=True)
class DocumentDetail:
    id: int
    direction: str
    number: str
    doc_type: str
    summary: str
    issuer: str | None
    unit_name: str | None
    registered_on: dt.date
    urgency: str
    due_on: dt.date | None
    processed_on: dt.date | None
    digitally_signed: bool
    state: str
    version: int
    tasks: tuple[AssignedTask, ...]

    def seen(self) -> dict:
        return {"version": self.version, "processed_on": self.processed_on}


def document_by_id(conn: Connection, document_id: int, as_of: dt.date) -> DocumentDetail | None:
    row = conn.execute(
        select(
            documents.c.id,
            documents.c.direction,
            documents.c.number,
            documents.c.doc_type,
            documents.c.summary,
            documents.c.issuer,
            units.c.name,
            documents.c.registered_on,
            documents.c.urgency,
            documents.c.due_on,
            documents.c.processed_on,
            documents.c.digitally_signed,
            processing_state_on(as_of),
            documents.c.version,
        )
        .select_from(documents.outerjoin(units, units.c.id == documents.c.unit_id))
        .where(documents.c.id == document_id)
    ).first()
    if row is None:
        return None
    return DocumentDetail(*row, tasks=tasks_assigned_by(conn, tasks.c.source_document_id, document_id))
