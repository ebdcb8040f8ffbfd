"""The office's own information systems ("Hệ thống thông tin"), probed like the commune points: each with
its status by its latest check, its latency, and its failures of the last days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select

from data_access.core.schema import info_system_checks, info_systems
from data_access.core.sql import as_utc

# The systems seed 004 names among what serves the office's work, as the demo declares them.
OFFICE_SYSTEMS = (
    ("QLVB", "Phần mềm quản lý văn bản và hồ sơ công việc"),
    ("THU-CONG-VU", "Hệ thống thư điện tử công vụ"),
    ("CONG-DVC", "Cổng dịch vụ công tỉnh"),
    ("MANG-NOI-BO", "Mạng nội bộ (LAN) Văn phòng"),
)
FAILURE_DAYS = 7


@dataclass(frozen=True)
class SystemState:
    code: str
    name: str
    endpoint: str | None
    status: str  # a check status, or "not_checked"
    checked_at: dt.datetime | None
    latency_ms: int | None
    failures: int  # checks not connected over the last FAILURE_DAYS days
    last_failure_at: dt.datetime | None


def system_board(conn: Connection, now: dt.datetime) -> list[SystemState]:
    """Every information system with its latest check at or before `now` and its recent failures."""
    c = info_system_checks.c
    latest_id = (
        select(c.id)
        .where(c.system_id == info_systems.c.id, c.checked_at <= now)
        .order_by(c.checked_at.desc(), c.id.desc())
        .limit(1)
        .correlate(info_systems)
        .scalar_subquery()
    )
    latest = info_system_checks.alias("latest")
    failures = (
        select(c.system_id, func.count().label("n"), func.max(c.checked_at).label("last"))
        .where(c.status != "connected", c.checked_at <= now, c.checked_at > now - dt.timedelta(days=FAILURE_DAYS))
        .group_by(c.system_id)
        .subquery()
    )
    rows = conn.execute(
        select(
            info_systems.c.code,
            info_systems.c.name,
            info_systems.c.endpoint,
            func.coalesce(latest.c.status, "not_checked"),
            latest.c.checked_at,
            latest.c.latency_ms,
            func.coalesce(failures.c.n, 0),
            failures.c.last,
        )
        .select_from(
            info_systems.outerjoin(latest, latest.c.id == latest_id).outerjoin(
                failures, failures.c.system_id == info_systems.c.id
            )
        )
        .order_by(info_systems.c.name)
    ).all()
    return [SystemState(r[0], r[1], r[2], r[3], as_utc(r[4]), r[5], r[6], as_utc(r[7])) for r in rows]


def declare_office_systems(conn: Connection, now: dt.datetime, history: bool = True) -> int:
    """The demo's four systems (no endpoint: an administrator sets the real ones), with a week of hourly
    checks when `history`: mostly connected, the portal slow now and then, the e-mail down one evening."""
    ids = [
        conn.execute(insert(info_systems).values(code=code, name=name).returning(info_systems.c.id)).scalar_one()
        for code, name in OFFICE_SYSTEMS
    ]
    if not history:
        return len(ids)
    rows = []
    start = now.replace(minute=0, second=0, microsecond=0) - dt.timedelta(days=FAILURE_DAYS)
    for hour in range(FAILURE_DAYS * 24 + 1):
        at = start + dt.timedelta(hours=hour)
        for i, system_id in enumerate(ids):
            status, latency = "connected", 20 + 7 * i + hour % 5
            if i == 2 and hour % 37 == 5:
                status, latency = "degraded", 1800
            if i == 1 and 100 <= hour < 103:
                status, latency = "disconnected", None
            rows.append(
                {"system_id": system_id, "checked_at": at, "status": status, "latency_ms": latency, "note": None}
            )
    conn.execute(insert(info_system_checks), rows)
    return len(ids)
