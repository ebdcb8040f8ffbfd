"""The audit trail: one row per write, in the same transaction as the write, and its reading.

`before` and `after` hold JSON of the columns the write changed (dates as
ISO text), so the trail shows exactly what a save did.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, select

from data_access.accounts import permissions
from data_access.core.database import LIVE, freshness
from data_access.core.schema import audit_log, documents, meetings, point_checks, task_events, tasks, units, users

AUDIT_PAGE_SIZE = 25


def _json(values: Mapping[str, Any] | None) -> str | None:
    if values is None:
        return None
    return json.dumps(dict(values), ensure_ascii=False, sort_keys=True, default=str)


def record(
    conn: Connection,
    login: str,
    at: dt.datetime,
    action: str,
    table_name: str,
    row_id: int,
    before: Mapping[str, Any] | None,
    after: Mapping[str, Any] | None,
) -> None:
    conn.execute(
        insert(audit_log).values(
            at=at,
            user_login=login,
            action=action,
            table_name=table_name,
            row_id=row_id,
            before=_json(before),
            after=_json(after),
        )
    )


@dataclass(frozen=True)
class AuditFilter:
    login: str | None = None
    table_name: str | None = None
    row_id: int | None = None
    since: dt.datetime | None = None  # inclusive, UTC
    until: dt.datetime | None = None  # exclusive, UTC


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: dt.datetime
    user_login: str
    action: str
    table_name: str
    row_id: int
    before: dict | None
    after: dict | None
    item: str | None = None  # what a person calls the row: a task's code, a document's number, a point's code
    link: tuple[str, str] | None = None  # (query parameter, value) that opens the row's drill-down
    user_name: str | None = None  # the author's full name; None for the command line or a removed account

    @property
    def author(self) -> str:
        """Who made the change, as people know them: "Nguyễn Thị Mai (mai.nt)", or the login alone."""
        return f"{self.user_name} ({self.user_login})" if self.user_name else self.user_login


def _conditions(f: AuditFilter) -> list:
    c = audit_log.c
    conditions = []
    if f.login:
        conditions.append(c.user_login == f.login)
    if f.table_name:
        conditions.append(c.table_name == f.table_name)
    if f.row_id is not None:
        conditions.append(c.row_id == f.row_id)
    if f.since:
        conditions.append(c.at >= f.since)
    if f.until:
        conditions.append(c.at < f.until)
    return conditions


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int
    page: int
    pages: int


@freshness(LIVE)
def audit_page(conn: Connection, reader, f: AuditFilter, page: int, size: int = AUDIT_PAGE_SIZE) -> AuditPage:
    """The number of matching entries and one page of them, newest first; for leaders and administrators."""
    permissions.require(reader, permissions.READ_AUDIT)
    conditions = _conditions(f)
    total = conn.execute(select(func.count()).select_from(audit_log).where(*conditions)).scalar_one()
    rows = conn.execute(
        select(audit_log)
        .where(*conditions)
        .order_by(audit_log.c.at.desc(), audit_log.c.id.desc())
        .limit(size)
        .offset(max(page - 1, 0) * size)
    ).all()
    names = _item_names(conn, rows)
    logins = sorted({r.user_login for r in rows})
    people = dict(conn.execute(select(users.c.login, users.c.full_name).where(users.c.login.in_(logins))).all())
    entries = [
        AuditEntry(
            r.id,
            r.at,
            r.user_login,
            r.action,
            r.table_name,
            r.row_id,
            json.loads(r.before) if r.before else None,
            json.loads(r.after) if r.after else None,
            *names.get((r.table_name, r.row_id), (None, None)),
            user_name=people.get(r.user_login),
        )
        for r in rows
    ]
    return AuditPage(entries, total, page, max(1, -(-total // size)))


def _item_names(conn: Connection, rows) -> dict[tuple[str, int], tuple[str, tuple[str, str]]]:
    """For one page of entries, each row's name and drill-down link: one small query per kind of row."""
    ids: dict[str, set[int]] = {}
    for r in rows:
        ids.setdefault(r.table_name, set()).add(r.row_id)
    found = {}
    if ids.get("tasks"):
        for row_id, code in conn.execute(select(tasks.c.id, tasks.c.code).where(tasks.c.id.in_(ids["tasks"]))):
            found[("tasks", row_id)] = (code, ("task", code))
    if ids.get("task_events"):
        for row_id, code in conn.execute(
            select(task_events.c.id, tasks.c.code)
            .join(tasks, tasks.c.id == task_events.c.task_id)
            .where(task_events.c.id.in_(ids["task_events"]))
        ):
            found[("task_events", row_id)] = (code, ("task", code))
    if ids.get("documents"):
        for row_id, number in conn.execute(
            select(documents.c.id, documents.c.number).where(documents.c.id.in_(ids["documents"]))
        ):
            found[("documents", row_id)] = (number, ("document", str(row_id)))
    if ids.get("meetings"):
        for row_id, title in conn.execute(
            select(meetings.c.id, meetings.c.title).where(meetings.c.id.in_(ids["meetings"]))
        ):
            found[("meetings", row_id)] = (title, ("meeting", str(row_id)))
    if ids.get("point_checks"):
        for row_id, code, name in conn.execute(
            select(point_checks.c.id, units.c.code, units.c.name)
            .join(units, units.c.id == point_checks.c.unit_id)
            .where(point_checks.c.id.in_(ids["point_checks"]))
        ):
            found[("point_checks", row_id)] = (name, ("point", code))
    if ids.get("users"):
        for row_id, login in conn.execute(select(users.c.id, users.c.login).where(users.c.id.in_(ids["users"]))):
            found[("users", row_id)] = (login, None)
    return found


@freshness(LIVE)
def audit_logins(conn: Connection, reader) -> list[str]:
    """Who has written anything, for the filter; for leaders and administrators, checked here."""
    permissions.require(reader, permissions.READ_AUDIT)
    return list(conn.execute(select(audit_log.c.user_login).distinct().order_by(audit_log.c.user_login)).scalars())
