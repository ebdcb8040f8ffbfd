"""The pages' reads, cached: one st.cache_data wrapper per data_access query.

Figures are read at most every READ_TTL_SECONDS; a write clears the cache
(`clear_reads`) so that an edit shows at once. Database errors come out as
DatabaseProblem, which app.py turns into a message. Arguments are plain
values (the URL, dates) so that the cache key is exact.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from data_access.core import clock
from data_access.core.bootstrap import prepare_embedded
from data_access.core.config import is_embedded
from data_access.core.engine import get_engine
from data_access.core.errors import DatabaseProblem, guarded
from data_access.core.migrate import check_schema
from data_access.overview.figures import OverviewFigures, overview_figures
from data_access.core.periods import Period, current_period, previous_period, same_period_last_year
from data_access.overview.slides import ShowFigures
from data_access.accounts import audit
from data_access.accounts import users
from data_access.documents import lists as document_list
from data_access.documents import figures as documents
from data_access.meetings import load as meetings
from data_access.points import status as points
from data_access.tasks import lists as task_list
from data_access.tasks import figures as tasks
from data_access.accounts.audit import AuditEntry, AuditFilter, audit_page
from data_access.tasks.imports import ImportRow, read_tasks
from data_access.meetings import figures as mf
from data_access.points import figures as pf
from data_access.documents.filters import DocumentFilter
from data_access.tasks.detail import TaskDetail, task_by_code
from data_access.tasks.filters import TaskFilter
from data_access.tasks.figures import TaskCategoryCounts

READ_TTL_SECONDS = 60
SCHEMA_CHECK_TTL_SECONDS = 60
CHOICES_TTL_SECONDS = 600
PRESENTATION_TTL_SECONDS = 3600
SHOW_UNITS = 8  # lead units on the slide: as many as fit a 1080-pixel screen in large type  # the show asks for a new bucket when it wants fresh figures  # filter choices (units, document types) change rarely


def _read(url: str, query, *args):
    """Run one data_access query on a connection of the URL's engine."""
    def run():
        with get_engine(url).connect() as conn:
            return query(conn, *args)
    return guarded(run)


@st.cache_resource(show_spinner=False)
def _embedded_prepared(url: str) -> bool:
    prepare_embedded()
    return True


@st.cache_data(ttl=SCHEMA_CHECK_TTL_SECONDS, show_spinner=False)
def _schema_ok(url: str) -> bool:
    """Cached only when it succeeds: a failure raises, so the next run checks again."""
    guarded(lambda: check_schema(get_engine(url)))
    return True


def ensure_ready(url: str) -> None:
    """Raise DatabaseProblem unless the database can serve the pages.

    The embedded default is created, migrated and filled on first use.
    """
    if is_embedded(url):
        guarded(lambda: _embedded_prepared(url))
    _schema_ok(url)


def is_ready(url: str) -> bool:
    try:
        ensure_ready(url)
        return True
    except DatabaseProblem:
        return False


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def overview(url: str, kind: str, start: dt.date, end: dt.date) -> OverviewFigures:
    return guarded(lambda: overview_figures(get_engine(url), Period(kind, start, end), clock.now_utc()))



@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def task_picture(url: str, f: TaskFilter) -> tuple[TaskCategoryCounts, TaskCategoryCounts, dt.datetime]:
    """The five categories of the filter (its category ignored), the same a year before, and when read."""
    whole = f.without("category", "age")
    return (_read(url, tasks.count_by_category, whole),
            _read(url, tasks.count_by_category, whole.a_year_before()), clock.now_utc())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def task_breakdowns(url: str, f: TaskFilter) -> tuple[list[tasks.UnitLoad], list[tasks.SourceLoad], dict]:
    return (_read(url, tasks.overdue_by_unit, f), _read(url, tasks.by_source, f),
            _read(url, tasks.overdue_ages, f))


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def task_page(url: str, f: TaskFilter, sort: str, page: int) -> task_list.TaskPage:
    return _read(url, task_list.task_page, f, sort, page)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def tasks_due_soon(url: str, f: TaskFilter) -> list[task_list.TaskRow]:
    return _read(url, task_list.due_soon, f)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def urging_summary(url: str, f: TaskFilter) -> tuple[int, int]:
    return _read(url, task_list.urging_summary, f)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def urging_list(url: str, f: TaskFilter) -> list[task_list.UrgingRow]:
    return _read(url, task_list.urging_list, f)


@st.cache_data(ttl=CHOICES_TTL_SECONDS, show_spinner=False)
def task_units(url: str) -> list[task_list.UnitChoice]:
    return _read(url, task_list.units_with_tasks)


@st.cache_data(ttl=CHOICES_TTL_SECONDS, show_spinner=False)
def all_units(url: str) -> list[task_list.UnitChoice]:
    return _read(url, task_list.all_units)


@st.cache_data(ttl=CHOICES_TTL_SECONDS, show_spinner=False)
def point_names(url: str) -> list[tuple[str, str]]:
    return _read(url, points.point_names)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def task_detail(url: str, code: str, as_of: dt.date) -> TaskDetail | None:
    return _read(url, task_by_code, code, as_of)



@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def document_figures(url: str, f: DocumentFilter, previous: tuple, last_year: tuple
                     ) -> tuple[documents.DocumentFigures, dt.datetime]:
    return _read(url, documents.document_figures, f, previous, last_year), clock.now_utc()


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def document_page(url: str, f: DocumentFilter, sort: str, page: int) -> document_list.DocumentPage:
    return _read(url, document_list.document_page, f, sort, page)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def document_detail(url: str, document_id: int, as_of: dt.date) -> document_list.DocumentDetail | None:
    return _read(url, document_list.document_by_id, document_id, as_of)


@st.cache_data(ttl=CHOICES_TTL_SECONDS, show_spinner=False)
def document_choices(url: str) -> tuple[list[str], list[document_list.Choice]]:
    return _read(url, document_list.document_types), _read(url, document_list.handling_units)



@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def meeting_figures(url: str, start: dt.date, end: dt.date, prev_start: dt.date, prev_end: dt.date):
    """The page's figures, the load of the period and of the one before, and when read."""
    return (_read(url, mf.meeting_figures, start, end), _read(url, meetings.load, start, end),
            _read(url, meetings.load, prev_start, prev_end), clock.now_utc())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def meetings_upcoming(url: str) -> list[mf.MeetingRow]:
    return _read(url, mf.upcoming, clock.now_utc())


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def meetings_on(url: str, day: dt.date) -> list[mf.MeetingRow]:
    return _read(url, mf.meetings_on, day, day)


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def meeting_detail(url: str, meeting_id: int) -> mf.MeetingDetail | None:
    return _read(url, mf.meeting_by_id, meeting_id)



@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def point_figures(url: str, start: dt.date, end: dt.date) -> tuple[pf.PointFigures, dt.datetime]:
    now = clock.now_utc()
    return _read(url, pf.point_figures, start, end, now), now


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def point_detail(url: str, code: str) -> tuple[pf.PointDetail | None, dt.datetime]:
    now = clock.now_utc()
    return _read(url, pf.point_by_code, code, now), now



@st.cache_data(ttl=PRESENTATION_TTL_SECONDS, show_spinner=False, max_entries=4)
def presentation_figures(url: str, refresh_bucket: int) -> ShowFigures:
    """Everything the slides show, read afresh once per refresh bucket (the show's own refresh rate)."""
    now = clock.now_utc()
    today = now.astimezone(clock.VN_TZ).date()
    month = current_period("month", today)
    before = previous_period(month)
    engine = get_engine(url)

    def read():
        with engine.connect() as conn:
            return ShowFigures(
                read_at=now,
                overview=overview_figures(engine, month, now),
                units=tasks.overdue_by_unit(conn, TaskFilter(today), limit=SHOW_UNITS),
                documents=documents.document_figures(
                    conn, DocumentFilter(today, month.start, month.end), (before.start, before.end),
                    (same_period_last_year(month).start, same_period_last_year(month).end)),
                meetings=mf.meeting_figures(conn, month.start, month.end),
                meeting_load=meetings.load(conn, month.start, month.end),
                meeting_load_before=meetings.load(conn, before.start, before.end),
                points=pf.point_figures(conn, month.start, month.end, now),
                month=month, before=before)
    return guarded(read)


def clear_reads() -> None:
    """After every write: the next page run reads fresh figures."""
    st.cache_data.clear()


def audit_entries(url: str, reader, f: AuditFilter, page: int) -> tuple[int, list[AuditEntry]]:
    """One page of the audit trail; never cached, so the trail always shows the last save."""
    return _read(url, audit_page, reader, f, page)


def audit_logins(url: str) -> list[str]:
    return _read(url, audit.audit_logins)


def import_preview(url: str, stream, source_names: dict[str, str], today: dt.date) -> list[ImportRow]:
    """The rows of an uploaded task list with their problems; never cached (every upload is new)."""
    return _read(url, read_tasks, stream, source_names, today)


def user_list(url: str) -> list[users.User]:
    """The accounts, never cached: an administrator sees a change at once."""
    return _read(url, users.list_users_in)
