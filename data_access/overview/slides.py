"""What the presentation mode's slides show, as one value read in one go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection

from data_access.core.clock import VN_TZ
from data_access.core.database import SHOW, freshness
from data_access.core.periods import Period, current_period, default_period, previous_period, same_period_last_year
from data_access.documents.figures import DocumentFigures, document_figures
from data_access.documents.filters import DocumentFilter
from data_access.meetings.figures import MeetingFigures, MeetingLoad, load, meeting_figures
from data_access.overview.figures import OverviewFigures, overview_figures
from data_access.points.figures import PointFigures, point_figures
from data_access.services.figures import ServiceHeadline, UnitDossiers, service_headline, units_by_late
from data_access.services.filters import DossierFilter
from data_access.tasks.figures import UnitLoad, overdue_by_unit
from data_access.tasks.filters import TaskFilter

SHOW_UNITS = 8  # lead units on the slide: as many as fit a 1080-pixel screen in large type


@dataclass(frozen=True)
class ShowFigures:
    read_at: dt.datetime
    overview: OverviewFigures
    units: list[UnitLoad]  # lead units by open overdue tasks, all tasks
    documents: DocumentFigures
    meetings: MeetingFigures
    meeting_load: MeetingLoad
    meeting_load_before: MeetingLoad
    points: PointFigures
    month: Period
    before: Period
    services: ServiceHeadline | None = None  # the public services slide
    service_units: tuple[UnitDossiers, ...] = ()  # units by late and overdue dossiers of the month


@freshness(SHOW)
def show_figures(conn: Connection, now: dt.datetime) -> ShowFigures:
    """Everything the slides show for the month (last month during a month's first days), as of `now`."""
    today = now.astimezone(VN_TZ).date()
    month = current_period(default_period(today), today)  # this month, or last month in its first days
    before = previous_period(month)
    year_ago = same_period_last_year(month)
    return ShowFigures(
        read_at=now,
        overview=overview_figures(conn, month, now),
        units=overdue_by_unit(conn, TaskFilter(today), limit=SHOW_UNITS),
        documents=document_figures(
            conn,
            DocumentFilter(today, month.start, month.end),
            (before.start, before.end),
            (year_ago.start, year_ago.end),
        ),
        meetings=meeting_figures(conn, month.start, month.end),
        meeting_load=load(conn, month.start, month.end),
        meeting_load_before=load(conn, before.start, before.end),
        points=point_figures(conn, month.start, month.end, now),
        month=month,
        before=before,
        services=service_headline(conn, month.start, month.end, today),
        service_units=tuple(units_by_late(conn, DossierFilter.of_period(month.start, month.end, today), SHOW_UNITS)),
    )
