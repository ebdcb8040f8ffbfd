"""Which documents a view of the documents page covers, as one hashable value.

Processing states of a document on a day D (incoming documents only):
processed on time (processed_on <= due_on), processed late, overdue and not
processed (due_on < D, no processing by D), pending (due_on >= D), or no
deadline. "Processed" means processed on or before D, so a past period reads
as it stood then.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import and_, case, or_
from sqlalchemy.sql import ColumnElement

from data_access.core.schema import documents
from data_access.core.sql import folded, like_pattern

PROCESSING_STATES = ("on_time", "late", "overdue", "pending", "no_deadline")


def processing_state_on(as_of: dt.date) -> ColumnElement[str]:
    d = documents.c
    done = and_(d.processed_on.is_not(None), d.processed_on <= as_of)
    return case(
        (d.due_on.is_(None), "no_deadline"),
        (and_(done, d.processed_on <= d.due_on), "on_time"),
        (done, "late"),
        (d.due_on < as_of, "overdue"),
        else_="pending",
    )


def state_on(state: str, as_of: dt.date) -> ColumnElement[bool]:
    """processing_state_on(as_of) == state, written as ranges that indexes serve (migration 0008: the
    not-processed documents by due_on, those with a deadline by processed_on)."""
    d = documents.c
    not_done = or_(and_(d.processed_on.is_(None), d.due_on.is_not(None)), d.processed_on > as_of)
    if state == "no_deadline":
        return d.due_on.is_(None)
    if state == "on_time":
        return and_(d.processed_on <= as_of, d.processed_on <= d.due_on)
    if state == "late":
        return and_(d.processed_on <= as_of, d.processed_on > d.due_on)
    if state == "overdue":
        return overdue_on(as_of)
    if state == "pending":
        return and_(d.due_on >= as_of, not_done)
    return processing_state_on(as_of) == state


def overdue_on(day: dt.date) -> ColumnElement[bool]:
    """Incoming documents past their deadline and not processed on `day`: two ranges, the not-processed
    ones by due_on (a partial index) and those processed after the day (another)."""
    d = documents.c
    return or_(
        and_(d.direction == "incoming", d.processed_on.is_(None), d.due_on.is_not(None), d.due_on < day),
        and_(d.direction == "incoming", d.due_on.is_not(None), d.processed_on > day, d.due_on < day),
    )


@dataclass(frozen=True)
class DocumentFilter:
    as_of: dt.date
    registered_from: dt.date
    registered_to: dt.date
    direction: str | None = None
    doc_type: str | None = None
    urgency: str | None = None
    unit_id: int | None = None
    issuer: str | None = None
    state: str | None = None  # a processing state: implies incoming
    text: str | None = None

    def without(self, *fields: str) -> DocumentFilter:
        return replace(self, **dict.fromkeys(fields))

    def between(self, start: dt.date, end: dt.date) -> DocumentFilter:
        return replace(self, registered_from=start, registered_to=end)


def where(f: DocumentFilter, with_dates: bool = True) -> list[ColumnElement[bool]]:
    """The filter's conditions; without its dates when the caller bounds the dates itself."""
    d = documents.c
    conditions = [d.registered_on.between(f.registered_from, f.registered_to)] if with_dates else []
    if f.direction is not None:
        conditions.append(d.direction == f.direction)
    if f.doc_type is not None:
        conditions.append(d.doc_type == f.doc_type)
    if f.urgency is not None:
        conditions.append(d.urgency == f.urgency)
    if f.unit_id is not None:
        conditions.append(d.unit_id == f.unit_id)
    if f.issuer is not None:
        conditions.append(d.issuer == f.issuer)
    if f.state is not None:
        conditions += [d.direction == "incoming", state_on(f.state, f.as_of)]
    if f.text:
        pattern = like_pattern(f.text.strip())
        conditions.append(
            or_(folded(d.number).like(pattern, escape="\\"), folded(d.summary).like(pattern, escape="\\"))
        )
    return conditions
