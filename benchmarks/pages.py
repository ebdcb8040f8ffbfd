"""What each page reads, replayed on the data layer alone: the SQL time a page run is compared with.

Each entry mirrors one page's reads in one view (default or filtered), so
that `page time / SQL time` shows what Streamlit and the page add.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine

from data_access.core.periods import current_period, previous_period, same_period_last_year
from data_access.documents import figures as documents
from data_access.documents import lists as document_list
from data_access.documents.filters import DocumentFilter
from data_access.meetings import figures as meetings
from data_access.meetings import figures as mf
from data_access.meetings import lists as meeting_lists
from data_access.overview.figures import overview_figures
from data_access.points import figures as pf
from data_access.tasks import figures as tasks
from data_access.tasks import lists as task_list
from data_access.tasks.filters import TaskFilter

# page script, query of the filtered view, and the period it implies
VIEWS = {
    ("overview", "default"): ("app_pages/overview.py", {}, "month"),
    ("overview", "filtered"): ("app_pages/overview.py", {"period": "year"}, "year"),
    ("tasks", "default"): ("app_pages/tasks.py", {}, "month"),
    ("tasks", "filtered"): ("app_pages/tasks.py", {"scope": "all", "category": "open_overdue"}, "month"),
    ("documents", "default"): ("app_pages/documents.py", {}, "month"),
    ("documents", "filtered"): ("app_pages/documents.py", {"period": "year", "state": "overdue"}, "year"),
    ("meetings", "default"): ("app_pages/meetings.py", {}, "month"),
    ("meetings", "filtered"): ("app_pages/meetings.py", {"period": "quarter"}, "quarter"),
    ("points", "default"): ("app_pages/points.py", {}, "month"),
    ("points", "filtered"): ("app_pages/points.py", {"status": "disconnected", "period": "quarter"}, "quarter"),
}


def replay(engine: Engine, page: str, view: str, now: dt.datetime) -> None:
    """Run the SQL the page runs for that view, straight on the data layer."""
    _, query, kind = VIEWS[(page, view)]
    today = now.astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    period = current_period(kind, today)
    before, year_ago = previous_period(period), same_period_last_year(period)
    if page == "overview":
        with engine.connect() as conn:
            overview_figures(conn, period, now)
        return
    with engine.connect() as conn:
        if page == "tasks":
            every = query.get("scope") == "all"
            f = TaskFilter(
                today, None if every else period.start, None if every else period.end, category=query.get("category")
            )
            whole = f.without("category", "age")
            tasks.count_by_category(conn, whole)
            tasks.count_by_category(conn, whole.a_year_before())
            tasks.overdue_by_unit(conn, f), tasks.by_source(conn, f), tasks.overdue_ages(conn, f)
            task_list.units_with_tasks(conn), task_list.due_soon(conn, f)
            task_list.task_page(conn, f), task_list.urging_list(conn, f)
        elif page == "documents":
            f = DocumentFilter(today, period.start, period.end, state=query.get("state"))
            documents.document_figures(conn, f, (before.start, before.end), (year_ago.start, year_ago.end))
            document_list.document_types(conn), document_list.handling_units(conn)
            document_list.document_page(conn, f)
        elif page == "meetings":
            mf.meeting_figures(conn, period.start, period.end)
            meetings.load(conn, period.start, period.end), meetings.load(conn, before.start, before.end)
            meeting_lists.upcoming(conn, now)
        elif page == "points":
            pf.point_figures(conn, period.start, period.end, now)
