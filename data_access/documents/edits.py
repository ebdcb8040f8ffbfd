"""Writes on documents: the day one or many were processed.

Role checked, input validated (EditError names the field), one transaction
holding the write and its audit row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from data_access.accounts import permissions
from data_access.accounts.versioned import change_row
from data_access.core import clock
from data_access.core.edit_errors import EditError, EditRefused
from data_access.core.schema import documents


def mark_document_processed(
    engine: Engine,
    actor,
    document_id: int,
    version: int,
    seen: Mapping[str, Any],
    processed_on: dt.date | None,
    today: dt.date,
) -> int:
    """Record the day a document was processed (None: not processed after all)."""
    return mark_documents_processed(
        engine, actor, [ProcessedChange(document_id, "", {**seen, "version": version}, processed_on)], today
    )[0]


@dataclass(frozen=True)
class ProcessedChange:
    """One document's new processed date, with the document as listed (`seen`, with its version)."""

    document_id: int
    number: str
    seen: Mapping[str, Any]
    processed_on: dt.date | None


def mark_documents_processed(engine: Engine, actor, changes: Sequence[ProcessedChange], today: dt.date) -> list[int]:
    """Processed dates of several documents in one transaction: all land or none (the error names the document)."""
    permissions.require(actor, permissions.EDIT)
    now = clock.now_utc()
    with engine.begin() as conn:
        versions = []
        for change in sorted(changes, key=lambda c: c.document_id):  # one lock order: no deadlock
            try:
                versions.append(_mark_processed(conn, actor, change, today, now))
            except EditRefused as refused:
                refused.item = change.number or None
                raise
        return versions


def _mark_processed(conn, actor, change: ProcessedChange, today: dt.date, now: dt.datetime) -> int:
    processed_on = change.processed_on
    if processed_on is not None and processed_on > today:
        raise EditError("processed_on", "in_future", today=today)

    def values(current):
        if processed_on is not None and processed_on < current["registered_on"]:
            raise EditError("processed_on", "before_registered", registered_on=current["registered_on"])
        return {"processed_on": processed_on}

    new_version, _ = change_row(
        conn,
        documents,
        change.document_id,
        change.seen["version"],
        change.seen,
        values,
        actor.login,
        now,
        "process_document",
    )
    return new_version
