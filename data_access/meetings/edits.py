"""Writes on meetings: scheduling one, held or cancelled, how each commune point joined.

Role checked, input validated (EditError names the field), one transaction
holding the write and its audit row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, delete, insert, select

from data_access.accounts import audit, permissions
from data_access.accounts.versioned import bump_version, change_row, require_text
from data_access.core import clock
from data_access.core.edit_errors import Change, Conflict, EditError
from data_access.core.schema import MEETING_KINDS, MEETING_POINT_STATUSES, POINT_KINDS, meeting_points, meetings, units


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
    values = {
        "title": title,
        "kind": meeting.kind,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "location": (meeting.location or "").strip() or None,
        "chaired_by": (meeting.chaired_by or "").strip() or None,
        "is_online": bool(meeting.is_online),
        "status": "planned",
    }
    now = clock.now_utc()
    with engine.begin() as conn:
        meeting_id = conn.execute(insert(meetings).values(**values).returning(meetings.c.id)).scalar_one()
        audit.record(conn, actor.login, now, "schedule_meeting", meetings.name, meeting_id, None, values)
    return meeting_id


def set_meeting_status(
    engine: Engine, actor, meeting_id: int, version: int, seen: Mapping[str, Any], status: str
) -> int:
    """Held or cancelled (or back to planned); a meeting is held only once it has started."""
    permissions.require(actor, permissions.EDIT)
    if status not in ("planned", "held", "cancelled"):
        raise EditError("status", "unknown_code", value=status)

    def values(current):
        if status == "held" and current["starts_at"] > clock.now_utc():
            raise EditError("status", "held_before_start")
        return {"status": status}

    with engine.begin() as conn, _with_joins(conn, meeting_id, seen):
        new_version, _ = change_row(
            conn, meetings, meeting_id, version, seen, values, actor.login, clock.now_utc(), "set_meeting_status"
        )
    return new_version


@contextmanager
def _with_joins(conn, meeting_id: int, seen: Mapping[str, Any]):
    """A conflict on a meeting also says which points' joins changed since the user loaded it."""
    try:
        yield
    except Conflict as conflict:
        now = dict(
            conn.execute(
                select(units.c.code, meeting_points.c.status)
                .join(units, units.c.id == meeting_points.c.unit_id)
                .where(meeting_points.c.meeting_id == meeting_id)
            ).all()
        )
        was = seen.get("points", {})
        joins = tuple(
            Change(f"point_status:{code}", was.get(code), now.get(code))
            for code in sorted(set(was) | set(now))
            if was.get(code) != now.get(code)
        )
        raise Conflict(conflict.changes + joins, conflict.current_version, conflict.by) from None


def record_meeting_points(
    engine: Engine, actor, meeting_id: int, version: int, seen: Mapping[str, Any], joins: Mapping[str, str | None]
) -> int:
    """How each commune point joined an online meeting: {unit code: status, or None to remove}.

    The meeting's version guards the whole set, so two users recording the
    same meeting's joins cannot overwrite each other unseen.
    """
    permissions.require(actor, permissions.EDIT)
    for status in joins.values():
        if status is not None and status not in MEETING_POINT_STATUSES:
            raise EditError("point_status", "unknown_code", value=status)
    now = clock.now_utc()
    with engine.begin() as conn:
        ids = dict(
            conn.execute(
                select(units.c.code, units.c.id).where(units.c.code.in_(list(joins)), units.c.kind.in_(POINT_KINDS))
            ).all()
        )
        unknown = sorted(set(joins) - set(ids))
        if unknown:
            raise EditError("point", "unknown_code", value=", ".join(unknown))
        with _with_joins(conn, meeting_id, seen):
            current = bump_version(conn, meetings, meeting_id, version, seen)
        if not current["is_online"]:
            raise EditError("point", "meeting_not_online")
        before = dict(
            conn.execute(
                select(units.c.code, meeting_points.c.status)
                .join(units, units.c.id == meeting_points.c.unit_id)
                .where(meeting_points.c.meeting_id == meeting_id, units.c.code.in_(list(joins)))
            ).all()
        )
        changed = {code: status for code, status in joins.items() if before.get(code) != status}
        if not changed:
            raise EditError("row", "no_change")
        for code, status in changed.items():
            conn.execute(
                delete(meeting_points).where(
                    meeting_points.c.meeting_id == meeting_id, meeting_points.c.unit_id == ids[code]
                )
            )
            if status is not None:
                conn.execute(insert(meeting_points).values(meeting_id=meeting_id, unit_id=ids[code], status=status))
        audit.record(
            conn,
            actor.login,
            now,
            "record_meeting_points",
            meetings.name,
            meeting_id,
            {code: before.get(code) for code in changed},
            changed,
        )
    return version + 1
