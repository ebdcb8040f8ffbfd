"""The headline figures of the overview page, read in one connection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection

from data_access.core.clock import VN_TZ
from data_access.core.periods import Period, previous_period
from data_access.documents import figures as documents
from data_access.documents.filters import DocumentFilter
from data_access.meetings import figures as meetings
from data_access.points import figures as points
from data_access.tasks import figures as tasks
from data_access.tasks.categories import DUE_SOON_DAYS


@dataclass(frozen=True)
class OverviewFigures:
    as_of: dt.datetime  # the instant the figures were read, aware
    period: Period
    previous: Period
    overdue: tasks.OverdueSummary
    documents: documents.DocumentVolume
    documents_previous: documents.DocumentVolume
    documents_trend: dict[str, list[int]]  # per day, week or month, as the period's length asks
    week_meetings: meetings.WeekMeetings
    meeting_load: meetings.MeetingLoad
    meeting_load_previous: meetings.MeetingLoad
    points_now: points.PointStatusCounts
    points_day_ago: points.PointStatusCounts

    @property
    def due_soon_from(self) -> dt.date:
        return self.as_of.astimezone(VN_TZ).date()

    @property
    def due_soon_to(self) -> dt.date:
        return self.due_soon_from + dt.timedelta(days=DUE_SOON_DAYS - 1)

    @property
    def incoming_change(self) -> int:
        return self.documents.incoming - self.documents_previous.incoming

    @property
    def outgoing_change(self) -> int:
        return self.documents.outgoing - self.documents_previous.outgoing

    @property
    def meetings_per_day_change(self) -> float | None:
        now, before = self.meeting_load.per_working_day, self.meeting_load_previous.per_working_day
        return None if now is None or before is None else now - before

    @property
    def points_connected_change(self) -> int:
        return self.points_now.connected - self.points_day_ago.connected


def overview_figures(conn: Connection, period: Period, now: dt.datetime) -> OverviewFigures:
    today = now.astimezone(VN_TZ).date()
    previous = previous_period(period)
    now_docs, previous_docs = documents.totals(
        conn,
        DocumentFilter(today, period.start, period.end),
        [(period.start, period.end), (previous.start, previous.end)],
    )
    return OverviewFigures(
        as_of=now,
        period=period,
        previous=previous,
        overdue=tasks.overdue_summary(conn, today),
        documents=now_docs,
        documents_previous=previous_docs,
        documents_trend=documents.volume_trend(conn, period.start, period.end),
        week_meetings=meetings.this_week(conn, today, now),
        meeting_load=meetings.load(conn, period.start, period.end),
        meeting_load_previous=meetings.load(conn, previous.start, previous.end),
        points_now=points.status_counts(conn, now),
        points_day_ago=points.status_counts(conn, now - dt.timedelta(hours=24)),
    )
