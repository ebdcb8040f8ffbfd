"""One meeting in full: its row, how each commune point joined, the tasks it assigned."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, case, select

from data_access.core.schema import POINT_KINDS, meeting_points, meetings, tasks, units
from data_access.meetings.lists import MeetingRow, row_columns
from data_access.tasks.lists import AssignedTask, tasks_assigned_by


@dataclass(frozen=True)
class PointJoin:
    unit_code: str
    unit_name: str
    status: str


@dataclass(frozen=True)
class MeetingDetail:
    meeting: MeetingRow
    points: tuple[PointJoin, ...]  # failed and absent first, then connected, by name
    tasks: tuple[AssignedTask, ...]
    version: int

    def seen(self) -> dict:
        """Status and how each point joined, as shown: a save compares against these."""
        return {
            "version": self.version,
            "status": self.meeting.status,
            "points": {p.unit_code: p.status for p in self.points},
        }


def meeting_by_id(conn: Connection, meeting_id: int) -> MeetingDetail | None:
    row = conn.execute(select(*row_columns, meetings.c.version).where(meetings.c.id == meeting_id)).first()
    if row is None:
        return None  # the version is read with the values it guards: a save compares against what was shown
    order = case((meeting_points.c.status == "failed", 0), (meeting_points.c.status == "absent", 1), else_=2)
    joins = conn.execute(
        select(units.c.code, units.c.name, meeting_points.c.status)
        .select_from(meeting_points.join(units, units.c.id == meeting_points.c.unit_id))
        .where(meeting_points.c.meeting_id == meeting_id, units.c.kind.in_(POINT_KINDS))
        .order_by(order, units.c.name)
    ).all()
    return MeetingDetail(
        MeetingRow(*row[:-1]),
        tuple(PointJoin(*j) for j in joins),
        tasks_assigned_by(conn, tasks.c.meeting_id, meeting_id),
        row[-1],
    )
