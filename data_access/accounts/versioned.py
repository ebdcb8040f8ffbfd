"""The one way an editable row is changed: version check, validation, write and audit in one transaction.

The version is bumped first, with `WHERE version = <the version the user
loaded>`: that statement takes the row's write lock (PostgreSQL) or the
database's (SQLite) before anything is read, so of two concurrent saves
exactly one matches and the other finds the new version and is refused with
what changed. No update is ever lost and nothing is overwritten unseen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection, Table, select, update

from data_access.accounts import audit
from data_access.core.edit_errors import Change, Conflict, EditError
from data_access.core.schema import audit_log


def _conflict(conn: Connection, table: Table, row_id: int, seen: Mapping[str, Any]) -> Conflict:
    current = conn.execute(select(table).where(table.c.id == row_id)).mappings().first()
    if current is None:
        return Conflict((Change("row", "present", None),), None)
    changes = tuple(
        Change(name, value, current[name])
        for name, value in seen.items()
        if name in current and name != "version" and current[name] != value
    )
    by = conn.execute(
        select(audit_log.c.user_login)
        .where(audit_log.c.table_name == table.name, audit_log.c.row_id == row_id)
        .order_by(audit_log.c.id.desc())
        .limit(1)
    ).scalar()
    return Conflict(changes, current["version"], by)


def bump_version(
    conn: Connection, table: Table, row_id: int, version: int, seen: Mapping[str, Any]
) -> Mapping[str, Any]:
    """Take the row for this transaction if it is still at `version` (else Conflict); returns it."""
    bumped = conn.execute(
        update(table).where(table.c.id == row_id, table.c.version == version).values(version=table.c.version + 1)
    )
    if bumped.rowcount != 1:
        raise _conflict(conn, table, row_id, seen)
    return conn.execute(select(table).where(table.c.id == row_id)).mappings().one()


def change_row(
    conn: Connection,
    table: Table,
    row_id: int,
    version: int,
    seen: Mapping[str, Any],
    make_values: Callable[[Mapping[str, Any]], dict[str, Any]],
    login: str,
    at: dt.datetime,
    action: str,
) -> tuple[int, dict[str, Any]]:
    """Apply `make_values(current row)` to the row if it is still at `version`.

    `seen` is the row as the user loaded it (to say what changed on a
    conflict); `make_values` validates against the current row and raises
    EditError. Returns the new version and the changed columns as they were before.
    """
    current = bump_version(conn, table, row_id, version, seen)
    values = make_values(current)
    before = {k: current[k] for k, v in values.items() if current[k] != v}
    after = {k: values[k] for k in before}
    if not after:
        raise EditError("row", "no_change")  # rolls the version back: nothing was written
    conn.execute(update(table).where(table.c.id == row_id).values(**after))
    audit.record(conn, login, at, action, table.name, row_id, before, after)
    return version + 1, before


def require_text(value: str | None, field: str, max_length: int = 2000) -> str:
    value = (value or "").strip()
    if not value:
        raise EditError(field, "required")
    if len(value) > max_length:
        raise EditError(field, "too_long", max=max_length)
    return value
