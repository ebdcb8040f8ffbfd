"""The figures of the office's report for any period ("Báo cáo kết quả công tác"), read in one go.

The same queries as the pages, so that every figure in the report, the slides
and the preview equals the dashboard's for the same period:

- documents: the documents page (volumes, types, urgency, processing of the incoming ones, signatures);
- meetings: the meetings page (served, per working day, central delegations, online and their points);
- tasks: the tasks page (assigned in the period, the five categories as of the period's end or today,
  against cùng kỳ; the lead units with most overdue tasks open today, whenever assigned);
- commune points: the points page (connected now, of all points);
- public services: the /services page (the period's dossiers against cùng kỳ, the units by late and overdue
  dossiers, procedures in force and the index today), or None and empty when the province keeps no
  public-service data here (as the overview leaves its section out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, distinct, func, select

from data_access.core.clock import VN_TZ
from data_access.core.database import FIGURES, freshness
from data_access.core.periods import Period, previous_period, same_period_last_year
from data_access.core.schema import meeting_points, meetings
from data_access.documents.figures import DocumentFigures, document_figures
from data_access.documents.filters import DocumentFilter
from data_access.meetings.figures import MeetingFigures, MeetingLoad, load, meeting_figures
from data_access.meetings.filters import in_days
from data_access.points.figures import PointStatusCounts, status_counts
from data_access.services.figures import (
    ProcedureCounts,
    ServiceHeadline,
    UnitDossiers,
    procedures_published,
    service_headline,
    units_by_late,
)
from data_access.services.filters import DossierFilter
from data_access.tasks.figures import (
    TaskCategoryCounts,
    UnitLoad,
    count_by_category,
    overdue_by_unit,
    overdue_summary,
)
from data_access.tasks.filters import TaskFilter

REPORT_UNITS = 10  # lead units named in the report's annex, most overdue first


@dataclass(frozen=True)
class ReportFigures:
    period: Period
    last_year: Period  # cùng kỳ
    as_of: dt.date  # the day the tasks' and documents' states are counted on: the period's end, or today
    read_at: dt.datetime
    documents: DocumentFigures  # .volume.incoming/.outgoing, .types, .urgencies, .processing, .signed, .last_year
    meetings: MeetingFigures  # .delegations, .online_held, .kinds
    meeting_load: MeetingLoad  # .meetings served (not cancelled), .working_days, .per_working_day
    online_points: int  # distinct commune points connected to at least one online meeting of the period
    tasks: TaskCategoryCounts  # assigned in the period, as of `as_of`
    tasks_last_year: TaskCategoryCounts  # the same, a year before
    overdue_units: list[UnitLoad]  # lead units by tasks open and overdue today, whenever assigned
    points: PointStatusCounts  # now (or at the period's end, for a past period)
    overdue_now: int = 0  # every task open and overdue today, whenever assigned (the overview's figure)
    # public services, as /services counts them; None and empty when no public-service data is kept here
    services: ServiceHeadline | None = None  # the period's dossiers and cùng kỳ, procedures and index today
    service_procedures: ProcedureCounts | None = None  # in force today, by level and online level
    service_units: tuple[UnitDossiers, ...] = ()  # units by dossiers of the period resolved late + overdue

    @property
    def services_as_of(self) -> dt.date:
        """The day the period's dossiers are classified on (/services' DossierFilter.of_period)."""
        return DossierFilter.of_period(self.period.start, self.period.end, self.read_at.astimezone(VN_TZ).date()).as_of

    @property
    def points_read_at(self) -> dt.datetime:
        """When the points' states are read: now, or the last minute of a period that has ended."""
        return points_instant(self.period, self.read_at)

    @property
    def points_connected_share(self) -> float | None:
        return self.points.connected / self.points.total if self.points.total else None


def _points_online(conn: Connection, start: dt.date, end: dt.date) -> int:
    held = meetings.c.status == "held"
    return conn.execute(
        select(func.count(distinct(meeting_points.c.unit_id)))
        .select_from(meetings.join(meeting_points, meeting_points.c.meeting_id == meetings.c.id))
        .where(in_days(start, end), held, meetings.c.is_online.is_(True), meeting_points.c.status == "connected")
    ).scalar_one()


def points_instant(period: Period, now: dt.datetime) -> dt.datetime:
    if period.end >= now.astimezone(VN_TZ).date():
        return now
    return dt.datetime.combine(period.end, dt.time(23, 59), VN_TZ)


def _services(conn: Connection, period: Period, today: dt.date) -> dict:
    headline = service_headline(conn, period.start, period.end, today)
    if not headline.has_data:
        return {}
    return {
        "services": headline,
        "service_procedures": procedures_published(conn, today),
        "service_units": tuple(
            units_by_late(conn, DossierFilter.of_period(period.start, period.end, today), REPORT_UNITS)
        ),
    }


@freshness(FIGURES)
def report_figures(conn: Connection, period: Period, now: dt.datetime) -> ReportFigures:
    """Every figure of the report for `period`, as the pages count them at `now`."""
    today = now.astimezone(VN_TZ).date()
    as_of = min(period.end, today)
    year_ago = same_period_last_year(period)
    tasks_in_period = TaskFilter(as_of=as_of, assigned_from=period.start, assigned_to=period.end)
    before = previous_period(period)
    return ReportFigures(
        period=period,
        last_year=year_ago,
        as_of=as_of,
        read_at=now,
        documents=document_figures(
            conn,
            DocumentFilter(as_of, period.start, period.end),
            (before.start, before.end),
            (year_ago.start, year_ago.end),
            today,
        ),
        meetings=meeting_figures(conn, period.start, period.end),
        meeting_load=load(conn, period.start, period.end),
        online_points=_points_online(conn, period.start, period.end),
        tasks=count_by_category(conn, tasks_in_period),
        tasks_last_year=count_by_category(conn, tasks_in_period.a_year_before()),
        overdue_units=overdue_by_unit(conn, TaskFilter(today), limit=REPORT_UNITS),
        overdue_now=overdue_summary(conn, today).overdue_now,
        points=status_counts(conn, points_instant(period, now)),
        **_services(conn, period, today),
    )
