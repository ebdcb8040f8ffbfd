"""Writes on documents, meetings and commune points: processed dates, meetings, joins, checks.

Like the task edits: role checked, input validated (EditError names the
field), one transaction holding the write and its audit row.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from sqlalchemy import Engine, delete, insert, select

from data_access import audit, clock, permissions
from data_access.edit_errors import Change, Conflict, EditError, EditRefused
from data_access.points import POINT_KINDS
from data_access.schema import (CHECK_STATUSES, MEETING_KINDS, MEETING_POINT_STATUSES, documents,
                                meeting_points, meetings, point_checks, units)
from data_access.versioned import bump_version, change_row, require_text


def mark_document_processed(engine: Engine, actor, document_id: int, version: int, seen: Mapping[str, Any],
                            processed_on: dt.date | None, today: dt.date) -> int:
    """Record the day a document was processed (None: not processed after all)."""
    return mark_documents_processed(engine, actor, [ProcessedChange(document_id, "", {**seen, "version": version},
                                                                    processed_on)], today)[0]


@dataclass(frozen=True)
class ProcessedChange:
    """One document's new processed date, with the document as listed (`seen`, with its version)."""
    document_id: int
    number: str
    seen: Mapping[str, Any]
    processed_on: dt.date | None


def mark_documents_processed(engine: Engine, actor, changes: Sequence[ProcessedChange], today: dt.date
                             ) -> list[int]:
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

    new_version, _ = change_row(conn, documents, change.document_id, change.seen["version"], change.seen,
                                   values, actor.login, now, "process_document")
    return new_version


@dataclass(frozen=True)
class NewMeeting:
    title: str | None
    kind: str | None
    starts_at: dt.datetime | None  # aware
    ends_at: dt.datetime | None
    location: str | None
    chaired_by: str | None
    is_online: bool


def schedule_meeting(engine: Engine, actor, meeting: NewMeeting) -> int:
    permissions.require(actor, permissions.EDIT)
    title = require_text(meeting.title, "title")
    if meeting.kind not in MEETING_KINDS:
        raise EditError("kind", "unknown_code", value=meeting.kind or "")
    if meeting.starts_at is None:
        raise EditError("starts_at", "required")
    if meeting.ends_at is not None and meeting.ends_at <= meeting.starts_at:
        raise EditError("ends_at", "not_after_start")
    values = {"title": title, "kind": meeting.kind, "starts_at": meeting.starts_at, "ends_at": meeting.ends_at,
              "location": (meeting.location or "").strip() or None,
              "chaired_by": (meeting.chaired_by or "").strip() or None,
              "is_online": bool(meeting.is_online), "status": "planned"}
    now = clock.now_utc()
    with engine.begin() as conn:
        meeting_id = conn.execute(insert(meetings).values(**values).returning(meetings.c.id)).scalar_one()
        audit.record(conn, actor.login, now, "schedule_meeting", meetings.name, meeting_id, None, values)
    return meeting_id


def set_meeting_status(engine: Engine, actor, meeting_id: int, version: int, seen: Mapping[str, Any],
                       status: str) -> int:
    """Held or cancelled (or back to planned); a meeting is held only once it has started."""
    permissions.require(actor, permissions.EDIT)
    if status not in ("planned", "held", "cancelled"):
        raise EditError("status", "unknown_code", value=status)

    def values(current):
        if status == "held" and current["starts_at"] > clock.now_utc():
            raise EditError("status", "held_before_start")
        return {"status": status}

    with engine.begin() as conn, _with_joins(conn, meeting_id, seen):
        new_version, _ = change_row(conn, meetings, meeting_id, version, seen, values, actor.login,
                                       clock.now_utc(), "set_meeting_status")
    return new_version


@contextmanager
def _with_joins(conn, meeting_id: int, seen: Mapping[str, Any]):
    """A conflict on a meeting also says which points' joins changed since the user loaded it."""
    try:
        yield
    except Conflict as conflict:
        now = dict(conn.execute(select(units.c.code, meeting_points.c.status)
                                .join(units, units.c.id == meeting_points.c.unit_id)
                                .where(meeting_points.c.meeting_id == meeting_id)).all())
        was = seen.get("points", {})
        joins = tuple(Change(f"point_status:{code}", was.get(code), now.get(code))
                      for code in sorted(set(was) | set(now)) if was.get(code) != now.get(code))
        raise Conflict(conflict.changes + joins, conflict.current_version, conflict.by) from None


def record_meeting_points(engine: Engine, actor, meeting_id: int, version: int, seen: Mapping[str, Any],
                          joins: Mapping[str, str | None]) -> int:
    """How each commune point joined an online meeting: {unit code: status, or None to remove}.

    The meeting's version guards the whole set, so two users recording the
    same meeting's joins cannot overwrite each other unseen.
    """
    permissions.require(actor, permissions.EDIT)
    for code, status in joins.items():
        if status is not None and status not in MEETING_POINT_STATUSES:
            raise EditError("point_status", "unknown_code", value=status)
    now = clock.now_utc()
    with engine.begin() as conn:
        ids = dict(conn.execute(select(units.c.code, units.c.id)
                                .where(units.c.code.in_(list(joins)), units.c.kind.in_(POINT_KINDS))).all())
        unknown = sorted(set(joins) - set(ids))
        if unknown:
            raise EditError("point", "unknown_code", value=", ".join(unknown))
        with _with_joins(conn, meeting_id, seen):
            current = bump_version(conn, meetings, meeting_id, version, seen)
        if not current["is_online"]:
            raise EditError("point", "meeting_not_online")
        before = dict(conn.execute(select(units.c.code, meeting_points.c.status)
                                   .join(units, units.c.id == meeting_points.c.unit_id)
                                   .where(meeting_points.c.meeting_id == meeting_id,
                                          units.c.code.in_(list(joins)))).all())
        changed = {code: status for code, status in joins.items() if before.get(code) != status}
        if not changed:
            raise EditError("row", "no_change")
        for code, status in changed.items():
            conn.execute(delete(meeting_points).where(meeting_points.c.meeting_id == meeting_id,
                                                      meeting_points.c.unit_id == ids[code]))
            if status is not None:
                conn.execute(insert(meeting_points).values(meeting_id=meeting_id, unit_id=ids[code], status=status))
        audit.record(conn, actor.login, now, "record_meeting_points", meetings.name, meeting_id,
                     {code: before.get(code) for code in changed}, changed)
    return version + 1


def record_point_check(engine: Engine, actor, unit_code: str, status: str, note: str | None) -> int:
    """A new connection check of a commune point, now."""
    permissions.require(actor, permissions.EDIT)
    if status not in CHECK_STATUSES:
        raise EditError("check_status", "unknown_code", value=status)
    note = (note or "").strip() or None
    if note and len(note) > 2000:
        raise EditError("note", "too_long", max=2000)
    now = clock.now_utc()
    with engine.begin() as conn:
        unit_id = conn.execute(select(units.c.id).where(units.c.code == unit_code,
                                                        units.c.kind.in_(POINT_KINDS))).scalar()
        if unit_id is None:
            raise EditError("point", "unknown_code", value=unit_code)
        values = {"unit_id": unit_id, "checked_at": now, "status": status, "note": note}
        check_id = conn.execute(insert(point_checks).values(**values).returning(point_checks.c.id)).scalar_one()
        audit.record(conn, actor.login, now, "record_point_check", point_checks.name, check_id, None, values)
    return check_id
