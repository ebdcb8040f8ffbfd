"""Writes on commune points: a connection check typed in by a specialist, with its audit row."""

from __future__ import annotations

from sqlalchemy import Engine, insert, select

from data_access.accounts import audit, permissions
from data_access.core import clock
from data_access.core.edit_errors import EditError
from data_access.core.schema import CHECK_STATUSES, POINT_KINDS, point_checks, units


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
        unit_id = conn.execute(
            select(units.c.id).where(units.c.code == unit_code, units.c.kind.in_(POINT_KINDS))
        ).scalar()
        if unit_id is None:
            raise EditError("point", "unknown_code", value=unit_code)
        values = {"unit_id": unit_id, "checked_at": now, "status": status, "note": note}
        check_id = conn.execute(insert(point_checks).values(**values).returning(point_checks.c.id)).scalar_one()
        audit.record(conn, actor.login, now, "record_point_check", point_checks.name, check_id, None, values)
    return check_id
