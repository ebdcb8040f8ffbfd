"""Every overview query against the known office, on SQLite and PostgreSQL."""

import dataclasses
import datetime as dt

import pytest

from data_access.core.periods import current_period
from data_access.documents import figures as documents
from data_access.meetings import figures as meetings
from data_access.overview.figures import overview_figures
from data_access.points import figures as points
from data_access.tasks import figures as tasks
from data_access.tasks.filters import TaskFilter
from tests import known_office
from tests.builders import read
from tests.known_office import EXPECTED as E
from tests.known_office import NOW, TODAY


@pytest.fixture
def office(engine):
    with engine.begin() as conn:
        known_office.fill(conn)
    return engine


def test_overdue_summary(office):
    """Overdue now and a week ago, and due in the next 7 days, at the day boundaries."""
    with office.connect() as conn:
        got = tasks.overdue_summary(conn, TODAY)
    assert (got.overdue_now, got.overdue_week_ago, got.due_next_7_days) == (
        E["overdue_now"],
        E["overdue_week_ago"],
        E["due_next_7_days"],
    )
    assert got.change == E["overdue_now"] - E["overdue_week_ago"]


def test_five_categories(office):
    """The Government's classification: cancelled left out, completed on the due date is on time."""
    with office.connect() as conn:
        got = tasks.count_by_category(conn, TaskFilter(TODAY))
    assert dataclasses.asdict(got) == {
        k: E[k] for k in ("completed_on_time", "completed_late", "open_in_time", "open_overdue", "no_deadline")
    }
    assert got.total == 13
    assert got.completion_rate == pytest.approx(4 / 13)
    assert got.overdue_share == pytest.approx(5 / 13)


def test_categories_on_a_past_day(office):
    """A week ago a task completed since then was still open and overdue."""
    with office.connect() as conn:
        got = tasks.count_by_category(conn, TaskFilter(TODAY.replace(day=21)))
    assert got.open_overdue == E["overdue_week_ago"]
    assert got.total == 12  # the task assigned on 25/08 did not exist yet


def test_document_volumes(office):
    period = current_period("month", TODAY)
    with office.connect() as conn:
        now = documents.volume(conn, period.start, period.end)
        before = documents.volume(conn, period.start.replace(month=7), period.end.replace(month=7))
        daily = documents.volume_trend(conn, period.start, period.end)
        weekly = documents.volume_trend(conn, dt.date(2025, 7, 1), TODAY)
    assert (now.incoming, now.outgoing) == (E["incoming"], E["outgoing"])
    assert (before.incoming, before.outgoing) == (E["incoming_previous"], E["outgoing_previous"])
    assert len(daily["incoming"]) == 28
    assert daily["incoming"][0] == 1 and daily["incoming"][27] == 1 and sum(daily["incoming"]) == 2
    assert daily["outgoing"][14] == 3
    # a quarter goes by weeks: the first (30/06-06/07) holds 01/07; that of 28/07 holds 28/07, 31/07, 01/08
    assert len(weekly["incoming"]) == 9
    assert weekly["incoming"][0] == 1 and weekly["incoming"][4] == 3 and sum(weekly["incoming"]) == 5


def test_meetings_this_week_in_vietnam_time(office):
    """Monday 00:30 in Vietnam is Sunday in UTC and still counts in this week."""
    with office.connect() as conn:
        got = meetings.this_week(conn, TODAY, NOW)
    assert (got.total, got.upcoming, got.last_week) == (E["week_total"], E["week_upcoming"], E["last_week"])


def test_meeting_load_per_working_day(office):
    with office.connect() as conn:
        got = meetings.load(conn, TODAY.replace(day=1), TODAY)
    assert (got.meetings, got.working_days) == (E["period_meetings"], E["period_working_days"])
    assert got.per_working_day == pytest.approx(0.30)


def test_point_status_now_and_a_day_ago(office):
    """Latest check wins, ties broken by the later row, future checks and non-points ignored."""
    with office.connect() as conn:
        now = points.status_counts(conn, NOW)
        before = points.status_counts(conn, NOW - dt.timedelta(hours=24))
    assert dataclasses.asdict(now) == E["points"]
    assert dataclasses.asdict(before) == E["points_day_ago"]
    assert now.total == 6


def test_overview_figures_together(office):
    f = read(office, overview_figures, current_period("month", TODAY), NOW)
    assert f.overdue.overdue_now == E["overdue_now"]
    assert f.previous.start.isoformat() == "2025-07-01" and f.previous.end.isoformat() == "2025-07-28"
    assert f.incoming_change == 0 and f.outgoing_change == 2
    assert f.meeting_load_previous.meetings == E["previous_meetings"]
    assert f.meetings_per_day_change == pytest.approx(6 / 20 - 1 / 20)
    assert f.points_connected_change == 1
    assert (f.due_soon_from.isoformat(), f.due_soon_to.isoformat()) == ("2025-08-28", "2025-09-03")


def test_empty_database_gives_zeros(engine):
    f = read(engine, overview_figures, current_period("week", TODAY), NOW)
    assert f.overdue.overdue_now == 0 and f.documents.incoming == 0
    assert f.points_now.total == 0
    assert f.meeting_load.per_working_day == 0
