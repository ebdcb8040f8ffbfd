"""Issue 16 items 5 and 6: a frozen, overloaded or locked database answers within seconds.

PostgreSQL: a private cluster this module starts and stops (tests/private_postgres.py), frozen
with SIGSTOP, its rows locked by a second connection, a statement outrunning its bound.
SQLite: the database file held locked by a second process.
On main before the fix, the frozen save blocked for good (the pytest timeout ends it) and the
locked SQLite read failed after 30 s.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time

import pytest
from sqlalchemy import text

from data_access.accounts import sessions, users
from data_access.core.engine import dispose_engine, get_engine
from data_access.core.errors import DatabaseProblem, guarded
from data_access.core.migrate import upgrade
from tests.apptest import run_app
from tests.private_postgres import private_cluster
from ui import keys

PASSWORD = "sông hồng mùa thu chín"
NOW_ISO = "2026-12-01T09:00:00+07:00"
NOW = dt.datetime.fromisoformat(NOW_ISO)


@pytest.fixture(scope="module")
def cluster():
    with private_cluster() as c:
        yield c


@pytest.fixture
def pg(cluster, monkeypatch):
    """The private cluster's database, migrated, with tight bounds for the test (seconds)."""
    monkeypatch.setenv("OFFICE_DB_STATEMENT_TIMEOUT", "2")
    monkeypatch.setenv("OFFICE_DB_LOCK_TIMEOUT", "1")
    monkeypatch.setenv("OFFICE_DB_CLIENT_TIMEOUT", "3")
    monkeypatch.setenv("OFFICE_DB_CONNECT_TIMEOUT", "2")
    dispose_engine(cluster.url)
    engine = get_engine(cluster.url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    upgrade(engine)
    users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", PASSWORD)
    yield engine
    cluster.resume()
    dispose_engine(cluster.url)


def _within(seconds: float, work) -> tuple[object, float]:
    started = time.monotonic()
    try:
        result = work()
    except DatabaseProblem as problem:
        result = problem
    took = time.monotonic() - started
    assert took < seconds, f"took {took:.1f} s"
    return result, took


@pytest.mark.postgres
@pytest.mark.timeout(90)
def test_item5_a_frozen_server_gives_the_usual_message_within_seconds_then_recovers(pg, cluster):
    user = users.authenticate(pg, "mai", PASSWORD)
    token = sessions.start_session(pg, user)
    cluster.freeze()
    try:
        read, took_read = _within(8, lambda: guarded(lambda: sessions.session_user(pg, token)))
        save, took_save = _within(8, lambda: guarded(lambda: users.set_active(pg, "mai", False)))
    finally:
        cluster.resume()
    print(f"frozen server: read refused in {took_read:.1f} s, save in {took_save:.1f} s")
    assert isinstance(read, DatabaseProblem) and read.reason == DatabaseProblem.UNREACHABLE
    assert isinstance(save, DatabaseProblem) and save.reason == DatabaseProblem.UNREACHABLE
    assert sessions.session_user(pg, token).login == "mai"  # back, nothing lost
    assert users.authenticate(pg, "mai", PASSWORD).active


@pytest.mark.postgres
@pytest.mark.timeout(60)
def test_item5_a_row_locked_elsewhere_and_a_slow_statement_end_as_busy(pg):
    holder = pg.connect()
    tx = holder.begin()
    holder.execute(text("UPDATE users SET full_name = full_name WHERE login = 'mai'"))  # holds the row
    try:
        locked, took = _within(6, lambda: guarded(lambda: users.set_active(pg, "mai", False)))
    finally:
        tx.rollback()
        holder.close()
    print(f"row lock: refused in {took:.1f} s")
    assert isinstance(locked, DatabaseProblem) and locked.reason == DatabaseProblem.BUSY

    def slow():
        with pg.connect() as conn:
            conn.execute(text("SELECT pg_sleep(10)"))

    slow_result, took = _within(6, lambda: guarded(slow))
    print(f"slow statement: ended in {took:.1f} s")
    assert isinstance(slow_result, DatabaseProblem) and slow_result.reason == DatabaseProblem.BUSY


@pytest.mark.postgres
def test_item5_the_bounds_are_set_on_every_connection(pg):
    with pg.connect() as conn:
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "2s"
        assert conn.execute(text("SHOW lock_timeout")).scalar() == "1s"
        dsn = conn.connection.dbapi_connection.get_dsn_parameters()
    assert dsn["keepalives"] == "1" and dsn["keepalives_idle"] == "10" and dsn["tcp_user_timeout"] == "3000"


# SQLite: a second process holds the write lock


@pytest.fixture
def locked_sqlite(tmp_path, monkeypatch):
    """A migrated SQLite file, and a function that holds its write lock from another process."""
    monkeypatch.setenv("OFFICE_SQLITE_BUSY_TIMEOUT", "2")
    path = tmp_path / "office.db"
    url = f"sqlite:///{path}"
    upgrade(get_engine(url))
    holders = []

    def hold(seconds: float = 20) -> None:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "import sqlite3, sys, time\n"
                "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                "c.execute('BEGIN IMMEDIATE')\n"
                "print('locked', flush=True)\n"
                "time.sleep(float(sys.argv[2]))\n",
                str(path),
                str(seconds),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout.readline().strip() == "locked"
        holders.append(proc)

    yield url, hold
    for proc in holders:
        proc.kill()
        proc.wait()
    dispose_engine(url)


@pytest.mark.timeout(60)
def test_item6_a_read_with_a_session_refresh_does_not_wait_for_a_locked_sqlite(locked_sqlite):
    url, hold = locked_sqlite
    engine = get_engine(url)
    user = users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", PASSWORD)
    token = sessions.start_session(engine, user, NOW - dt.timedelta(minutes=10))  # due for its refresh
    hold()
    seen, took = _within(1.5, lambda: sessions.session_user(engine, token, NOW))
    print(f"locked SQLite: session read in {took:.2f} s")
    assert seen.login == "mai"
    refused, took = _within(6, lambda: guarded(lambda: users.set_active(engine, "mai", False)))
    print(f"locked SQLite: save refused in {took:.1f} s")
    assert isinstance(refused, DatabaseProblem) and refused.reason == DatabaseProblem.BUSY


@pytest.mark.timeout(120)
def test_item6_a_page_opens_and_a_save_explains_itself_while_sqlite_is_locked(locked_sqlite, monkeypatch):
    url, hold = locked_sqlite
    engine = get_engine(url)
    boss = users.create_user(engine, "quantri", "admin", "Lê Hoàng Nam", PASSWORD)
    token = sessions.start_session(engine, boss, NOW - dt.timedelta(minutes=10))  # due for its refresh
    hold(60)
    started = time.monotonic()
    at = run_app(monkeypatch, url, NOW_ISO, role=None, state={keys.SESSION_TOKEN: token})
    print(f"locked SQLite: the overview opened in {time.monotonic() - started:.1f} s")
    assert not at.exception and at.metric and not at.error
    at.switch_page("app_pages/users.py").run()
    at.text_input(key=keys.NEW_USER_LOGIN).input("tam.bt")
    at.text_input(key=keys.NEW_USER_NAME).input("Bùi Thanh Tâm")
    at.text_input(key=keys.NEW_USER_PASSWORD).input("bàn phím xanh lá cây")
    started = time.monotonic()
    at.button(key=keys.NEW_USER_SAVE).click().run()
    print(f"locked SQLite: the save answered in {time.monotonic() - started:.1f} s")
    assert not at.exception
    message = at.error[0].value
    assert "đang bận" in message and "thử lại" in message and "query_failed" not in message
    assert at.text_input(key=keys.NEW_USER_NAME).value == "Bùi Thanh Tâm"  # what was typed stays


@pytest.mark.postgres
@pytest.mark.timeout(60)
def test_item5_maintenance_commands_may_run_long_statements(pg, cluster):
    """migrate and seed-demo use an engine without the statement bounds (a bulk load takes minutes)."""
    long = get_engine(cluster.url, bounded=False)
    with long.connect() as conn:
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "0"
        conn.execute(text("SELECT pg_sleep(4)"))  # beyond the 2 s statement and 3 s client bounds
