"""The commune points page's queries against the known office, on SQLite and PostgreSQL."""

import dataclasses
import datetime as dt

import pytest

from data_access.points import detail as point_detail
from data_access.points import figures as pf
from tests import known_office as K
from tests.known_office import NOW

KNOWN = K  # the conftest's `conn` fixture fills the database with it


def test_board_worst_first_with_stale_flags(conn):
    got = pf.board(conn, NOW)
    assert [(p.name, p.status, p.is_stale(NOW)) for p in got] == K.BOARD
    assert got[0].note is None and got[0].checked_at == NOW.replace(hour=7).astimezone(dt.UTC)


def test_counts_now(conn):
    assert dataclasses.asdict(pf.point_figures(conn, dt.date(2025, 8, 1), K.TODAY, NOW).counts) == K.EXPECTED["points"]


def test_trouble_over_thirty_days(conn):
    got = [(p.name, p.failed_checks, p.missed_meetings) for p in pf.trouble(conn, NOW)]
    assert got == K.TROUBLE


def test_connection_rate_per_day_up_to_now(conn):
    got = pf.connection_rate_per_day(conn, dt.date(2025, 8, 1), K.TODAY, NOW)
    assert [(r.day.isoformat(), r.connected, r.checks) for r in got] == K.RATES
    assert got[-1].rate == pytest.approx(0.6)


def test_one_point_in_full(conn):
    detail = point_detail.point_by_code(conn, K.CODES["p2"], NOW)
    assert (detail.state.name, detail.state.status) == ("Xã Bình Đức", "disconnected")
    assert [c.status for c in detail.checks] == ["disconnected", "connected"]
    assert [(j.status) for j in detail.meetings] == ["connected"]
    never = point_detail.point_by_code(conn, K.CODES["p3"], NOW)
    assert (never.state.status, never.state.checked_at, never.checks) == ("not_checked", None, ())
    assert point_detail.point_by_code(conn, "XA-KHONG-CO", NOW) is None
    assert point_detail.point_by_code(conn, "SO-TC-NOT-A-POINT", NOW) is None
