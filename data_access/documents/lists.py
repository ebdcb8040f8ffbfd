"""Lists of documents (paged) and one document in full with the tasks it assigned."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from data_access.core.database import CHOICES, freshness
from data_access.core.schema import documents, documents_daily, units
from data_access.core.units import UnitChoice
from data_access.documents.figures import totals
from data_access.documents.filters import DocumentFilter, processing_state_on, where

PAGE_SIZE = 20


SORTS = {
    "registered_desc": (documents.c.registered_on.desc(), documents.c.id.desc()),
    "registered_asc": (documents.c.registered_on, documents.c.id),
    "due_asc": (documents.c.due_on.is_(None), documents.c.due_on, documents.c.id),
}


DEFAULT_SORT = "registered_desc"


@dataclass(frozen=True)
class DocumentRow:
    id: int
    direction: str
    number: str
    doc_type: str
    summary: str
    unit_name: str | None
    registered_on: dt.date
    urgency: str
    due_on: dt.date | None
    state: str  # processing state on the filter's day ("no_deadline" for outgoing)
    processed_on: dt.date | None = None
    version: int = 1

    def seen(self) -> dict:
        return {"version": self.version, "processed_on": self.processed_on}


@dataclass(frozen=True)
class DocumentPage:
    rows: list[DocumentRow]
    total: int
    page: int
    pages: int


def matching_count(conn: Connection, f: DocumentFilter) -> int:
    """How many documents the filter holds: from the daily summary where it serves the filter."""
    volume = totals(conn, f, [(f.registered_from, f.registered_to)])[0]
    both = volume.incoming + volume.outgoing
    return {"incoming": volume.incoming, "outgoing": volume.outgoing}.get(f.direction, both)


def document_page(
    conn: Connection, f: DocumentFilter, sort: str = DEFAULT_SORT, page: int = 1, page_size: int = PAGE_SIZE
) -> DocumentPage:
    total = matching_count(conn, f)
    pages = max(1, -(-total // page_size))
    page = min(max(1, page), pages)
    rows = conn.execute(
        select(
            documents.c.id,
            documents.c.direction,
            documents.c.number,
            documents.c.doc_type,
            documents.c.summary,
            units.c.name,
            documents.c.registered_on,
            documents.c.urgency,
            documents.c.due_on,
            processing_state_on(f.as_of),
            documents.c.processed_on,
            documents.c.version,
        )
        .select_from(documents.outerjoin(units, units.c.id == documents.c.unit_id))
        .where(*where(f))
        .order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))
        .limit(page_size)
        .offset((page - 1) * page_size)
    ).all()
    return DocumentPage([DocumentRow(*r) for r in rows], total, page, pages)


@freshness(CHOICES)
def handling_units(conn: Connection) -> list[UnitChoice]:
    """The units that handle or drafted a document: one index probe per unit, not a scan of documents."""
    handles = select(documents.c.id).where(documents.c.unit_id == units.c.id).exists()
    rows = conn.execute(select(units.c.id, units.c.code, units.c.name).where(handles).order_by(units.c.name)).all()
    return [UnitChoice(*r) for r in rows]


@freshness(CHOICES)
def document_types(conn: Connection) -> list[str]:
    """The types of the documents, from the daily summary (kept exact by triggers, migration 0008)."""
    s = documents_daily.c
    return list(conn.execute(select(s.doc_type).where(s.grain == "type").distinct().order_by(s.doc_type)).scalars())
