"""Small office databases with known content, written row by row by the tests."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy import Connection, insert

from data_access.core.clock import VN_TZ
from data_access.core.schema import documents, meetings, point_checks, tasks, units

_counter = itertools.count(1)


def vn(year, month, day, hour=0, minute=0) -> dt.datetime:
    """An instant given as Vietnamese wall-clock time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=VN_TZ)


class Office:
    """Inserts rows with sensible defaults; every method returns the new id."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def _insert(self, table, **values) -> int:
        return self.conn.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()

    def unit(self, kind="department", name=None, code=None, **extra) -> int:
        n = next(_counter)
        return self._insert(units, code=code or f"U-{n}", name=name or f"Đơn vị {n}", kind=kind, **extra)

    def task(
        self,
        unit_id,
        due_on=None,
        status="in_progress",
        completed_on=None,
        assigned_on=dt.date(2025, 7, 1),
        source="peoples_committee",
        **extra,
    ) -> int:
        n = next(_counter)
        progress = 100 if status == "completed" else extra.pop("progress_pct", 50)
        extra.setdefault("code", f"NV-T-{n:04d}")
        extra.setdefault("title", f"Nhiệm vụ {n}")
        return self._insert(
            tasks,
            source=source,
            assignee_unit_id=unit_id,
            assigned_on=assigned_on,
            due_on=due_on,
            status=status,
            completed_on=completed_on,
            progress_pct=progress,
            **extra,
        )

    def document(self, direction, registered_on, doc_type="Công văn", **extra) -> int:
        n = next(_counter)
        extra.setdefault("number", f"{n}/UBND-VP")
        extra.setdefault("summary", f"V/v văn bản {n}")
        return self._insert(documents, direction=direction, doc_type=doc_type, registered_on=registered_on, **extra)

    def meeting(self, starts_at, status="held", kind="meeting", **extra) -> int:
        n = next(_counter)
        extra.setdefault("title", f"Cuộc họp {n}")
        return self._insert(meetings, kind=kind, starts_at=starts_at, status=status, **extra)

    def check(self, unit_id, checked_at, status="connected", note=None) -> int:
        return self._insert(point_checks, unit_id=unit_id, checked_at=checked_at, status=status, note=note)


def read(engine, query, *args):
    """Run a data_access query function on a new connection of `engine`."""
    with engine.connect() as conn:
        return query(conn, *args)
