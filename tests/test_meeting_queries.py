"""The meetings page's queries against known meetings, on SQLite and PostgreSQL."""

import datetime as dt

import pytest

from data_access.meetings import detail as meeting_detail
from data_access.meetings import figures as meetings
from data_access.meetings import figures as mf
from data_access.meetings import lists as meeting_lists
from tests import known_meetings as K
from tests.builders import vn

START = dt.date(2025, 8, 1)


KNOWN = K  # the conftest's `conn` fixture fills the database with it


def test_load_per_working_day_against_the_previous_period(conn):
    now = meetings.load(conn, START, K.TODAY)
    before = meetings.load(conn, dt.date(2025, 7, 1), dt.date(2025, 7, 28))
    assert (now.meetings, now.working_days) == K.LOAD
    assert (before.meetings, before.working_days) == K.PREVIOUS_LOAD
    assert now.per_working_day == pytest.approx(0.35)


def test_per_day_in_vietnam_time(conn):
    """Sunday 23:30 and Monday 00:30 in Vietnam fall on their Vietnamese days."""
    assert [(d.day.isoformat(), d.count) for d in mf.per_day(conn, START, K.TODAY)] == K.PER_DAY
    assert [(d.day.isoformat(), d.count) for d in mf.busiest_days(conn, START, K.TODAY)] == K.BUSIEST


def test_per_week_and_kind(conn):
    got = [(w.week.isoformat(), w.kind, w.count) for w in mf.per_week_and_kind(conn, START, K.TODAY)]
    assert got == K.PER_WEEK
    assert [(k.kind, k.online, k.in_person) for k in mf.by_kind(conn, START, K.TODAY)] == K.BY_KIND


def test_online_meetings_and_points_missing_most(conn):
    online, total = mf.online_meetings(conn, START, K.TODAY)
    assert [(m.title, m.connected, m.failed, m.absent) for m in online] == K.ONLINE and total == 2
    missed = mf.points_missing_most(conn, START, K.TODAY)
    assert [(p.unit_name, p.failed, p.absent, p.meetings) for p in missed] == K.MISSED


def test_next_seven_days(conn):
    got = meeting_lists.upcoming(conn, vn(2025, 8, 28, 9, 0))
    assert [m.title for m in got] == K.UPCOMING


def test_one_meeting_in_full(conn):
    detail = meeting_detail.meeting_by_id(conn, K.IDS["m2"])
    assert detail.meeting.title == "Hội nghị trực tuyến 01/08" and detail.meeting.is_online
    assert [(p.unit_name, p.status) for p in detail.points] == [
        ("Xã Bình Đức", "failed"),
        ("Xã Tân Lợi", "absent"),
        ("Xã Mỹ Hòa Hưng", "connected"),
    ]
    assert [t.code for t in detail.tasks] == ["NV-2025-0200"]
    assert meeting_detail.meeting_by_id(conn, 987654) is None


def test_meetings_of_a_tapped_day(conn):
    got = meeting_lists.meetings_on(conn, dt.date(2025, 8, 1), dt.date(2025, 8, 1))
    assert [m.title for m in got] == ["Hội nghị trực tuyến 01/08", "Họp sáng 01/08"]
