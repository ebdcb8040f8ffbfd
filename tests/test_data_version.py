"""The data version (migration 0009) and the handle's routing between a primary and a read replica.

- any committed write to a figure's table, by anyone and through plain SQL, makes the version larger;
  a rolled-back one does not; the session bookkeeping does not; on PostgreSQL TRUNCATE does, and a role
  granted one table only can still write it;
- the UI's cached handle serves a cached figure within a page run, and the next page run sees a write
  made by another process (here: another engine) without any cache being cleared;
- with a read URL, a replica that does not answer is passed over without a word, and a primary that
  does not answer makes the handle read-only: reads go on, a write is refused with READ_ONLY.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid

import pytest
from sqlalchemy import Connection, func, insert, select, text

from data_access.core import data_version
from data_access.core.database import Database
from data_access.core.engine import get_engine
from data_access.core.errors import DatabaseProblem
from data_access.core.schema import login_sessions, point_checks, users
from tests.builders import Office, vn

UNREACHABLE = "postgresql://postgres@127.0.0.1:9/office_nowhere"  # the discard port: refused at once


def _version(engine) -> int:
    """The sum of the counters (the server's start time beside it does not change within a test)."""
    with engine.connect() as conn:
        return data_version.current(conn)[0]


def _unit(engine) -> int:
    with engine.begin() as conn:
        return Office(conn).unit(kind="commune", name="Xã Thử", code=f"X{uuid.uuid4().hex[:6]}")


def test_every_committed_write_makes_the_version_larger_and_nothing_else_does(engine):
    unit_id = _unit(engine)
    start = _version(engine)
    assert start > 0
    with engine.begin() as conn:  # plain SQL, only the contract's columns
        conn.execute(
            insert(point_checks).values(unit_id=unit_id, checked_at=vn(2025, 8, 28, 9), status="connected", note=None)
        )
    after_insert = _version(engine)
    assert after_insert > start
    with engine.begin() as conn:
        conn.execute(text("UPDATE point_checks SET note = 'x' WHERE unit_id = :u"), {"u": unit_id})
    after_update = _version(engine)
    assert after_update > after_insert
    with engine.connect() as conn, conn.begin() as tx:  # rolled back: the version is as it was
        conn.execute(text("DELETE FROM point_checks WHERE unit_id = :u"), {"u": unit_id})
        tx.rollback()
    assert _version(engine) == after_update
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM point_checks WHERE unit_id = :u"), {"u": unit_id})
    after_delete = _version(engine)
    assert after_delete > after_update
    # the session bookkeeping is not versioned: a session touched every minute invalidates nothing
    with engine.begin() as conn:
        user_id = conn.execute(
            insert(users)
            .values(
                login=f"u{uuid.uuid4().hex[:6]}",
                full_name="A",
                role="viewer",
                password_hash="x",
                active=True,
                created_at=dt.datetime(2025, 8, 28, 2, tzinfo=dt.UTC),
            )
            .returning(users.c.id)
        ).scalar_one()
    after_user = _version(engine)
    assert after_user > after_delete  # users are versioned (names on pages)
    now = dt.datetime(2025, 8, 28, 2, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            insert(login_sessions).values(
                user_id=user_id, token_hash=uuid.uuid4().hex, created_at=now, last_seen_at=now
            )
        )
        conn.execute(text("UPDATE login_sessions SET last_seen_at = last_seen_at WHERE user_id = :u"), {"u": user_id})
    assert _version(engine) == after_user


def test_every_versioned_table_has_its_triggers(engine):
    """A write to each versioned table moves its own counter."""
    with engine.connect() as conn:
        names = set(conn.execute(text("SELECT table_name FROM office_data_version")).scalars())
    assert set(data_version.VERSIONED_TABLES) <= names
    counter = text("SELECT version FROM office_data_version WHERE table_name = :t")
    for table in data_version.VERSIONED_TABLES:
        with engine.begin() as conn:
            before = conn.execute(counter, {"t": table}).scalar_one()
            conn.execute(text(f"DELETE FROM {table} WHERE 1 = 0"))  # a statement touching no row
            conn.execute(text(f"UPDATE {table} SET {_first_column(conn, table)} = {_first_column(conn, table)}"))
        with engine.begin() as conn:  # bumped at the commit
            after = conn.execute(counter, {"t": table}).scalar_one()
            if conn.dialect.name == "postgresql":  # statement triggers fire for a statement touching no row
                assert after > before, table
            else:  # row triggers: one per event
                events = conn.execute(
                    text(
                        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = :t AND name LIKE :n"
                    ),
                    {"t": table, "n": f"office_data_version_{table}_%"},
                ).scalar_one()
                assert events == 3, table


def _first_column(conn: Connection, table: str) -> str:
    if conn.dialect.name == "postgresql":
        return conn.execute(
            text("SELECT column_name FROM information_schema.columns WHERE table_name = :t ORDER BY ordinal_position"),
            {"t": table},
        ).first()[0]
    return conn.execute(text(f"PRAGMA table_info({table})")).first()[1]


@pytest.mark.postgres
def test_truncate_and_another_systems_role_bump_the_version(migrated):
    engine = get_engine(migrated("postgres"))
    unit_id = _unit(engine)
    role = f"probe_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:
        conn.execute(text(f"CREATE ROLE {role}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA {conn.execute(text('SELECT current_schema()')).scalar()} TO {role}"))
        conn.execute(text(f"GRANT SELECT, INSERT ON point_checks TO {role}"))
        conn.execute(text(f"GRANT USAGE ON SEQUENCE point_checks_id_seq TO {role}"))
    try:
        start = _version(engine)
        with engine.begin() as conn:  # a role with rights on point_checks only, not on office_data_version
            conn.execute(text(f"SET LOCAL ROLE {role}"))
            conn.execute(
                text("INSERT INTO point_checks (unit_id, checked_at, status) VALUES (:u, now(), 'degraded')"),
                {"u": unit_id},
            )
        after = _version(engine)
        assert after > start
        with engine.begin() as conn:
            conn.execute(text("TRUNCATE point_checks"))
        assert _version(engine) > after
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))


@pytest.mark.postgres
def test_a_temporary_table_cannot_shadow_the_counters(migrated):
    """A role allowed to write one table creates a temporary office_data_version: the real counter is still
    bumped, and its own table receives nothing (the functions search pg_temp last, names qualified)."""
    engine = get_engine(migrated("postgres"))
    unit_id = _unit(engine)
    role = f"shadow_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:
        database = conn.execute(text("SELECT current_database()")).scalar()
        conn.execute(text(f"CREATE ROLE {role}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA {conn.execute(text('SELECT current_schema()')).scalar()} TO {role}"))
        conn.execute(text(f'GRANT TEMPORARY ON DATABASE "{database}" TO {role}'))
        conn.execute(text(f"GRANT SELECT, INSERT ON point_checks TO {role}"))
        conn.execute(text(f"GRANT USAGE ON SEQUENCE point_checks_id_seq TO {role}"))
    try:
        start = _version(engine)
        with engine.connect() as conn:
            with conn.begin():
                conn.execute(text(f"SET ROLE {role}"))
                conn.execute(
                    text("CREATE TEMP TABLE office_data_version (table_name text PRIMARY KEY, version bigint)")
                )
                conn.execute(text("CREATE TEMP TABLE office_data_version_pending (id bigserial PRIMARY KEY)"))
                conn.execute(
                    text("INSERT INTO point_checks (unit_id, checked_at, status) VALUES (:u, now(), 'connected')"),
                    {"u": unit_id},
                )
            shadow = conn.execute(text("SELECT count(*) FROM pg_temp.office_data_version")).scalar_one()
            conn.execute(text("RESET ROLE"))
            conn.execute(text("DISCARD TEMP"))  # the pooled connection goes back without them
            conn.commit()
        assert shadow == 0
        assert _version(engine) > start
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))


@pytest.mark.postgres
def test_a_long_transaction_does_not_hold_up_another_writer_of_the_same_table(migrated):
    """The counters are bumped at COMMIT: while another system's transaction on point_checks stays open,
    the app's own insert into point_checks commits at once (it waited for the counter's lock before)."""
    engine = get_engine(migrated("postgres"))
    unit_id = _unit(engine)
    start = _version(engine)
    with engine.connect() as other:
        other_tx = other.begin()
        other.execute(
            text("INSERT INTO point_checks (unit_id, checked_at, status) VALUES (:u, now(), 'degraded')"),
            {"u": unit_id},
        )
        started = time.monotonic()
        with engine.begin() as conn:
            conn.exec_driver_sql("SET LOCAL lock_timeout = '1s'")
            conn.execute(
                text("INSERT INTO point_checks (unit_id, checked_at, status) VALUES (:u, now(), 'connected')"),
                {"u": unit_id},
            )
        assert time.monotonic() - started < 1
        mid = _version(engine)
        assert mid > start  # the app's commit is seen
        other_tx.commit()
    assert _version(engine) > mid  # and the other's, at its commit


def count_checks(conn: Connection, unit_id: int) -> int:
    """A query function as the pages have them (cached as FIGURES)."""
    return conn.execute(select(func.count()).where(point_checks.c.unit_id == unit_id)).scalar_one()


def test_the_next_page_run_sees_another_processs_write_without_clearing_any_cache(db_url):
    from ui.db import CachedDatabase, clear_reads

    clear_reads()
    engine = get_engine(db_url)
    unit_id = _unit(engine)
    handle = CachedDatabase(db_url)
    handle.begin_run()
    assert handle.read(count_checks, unit_id) == 0
    with engine.begin() as conn:  # another process: a plain write, this handle is not told
        Office(conn).check(unit_id, vn(2025, 8, 28, 9))
    assert handle.read(count_checks, unit_id) == 0  # within the same page run: the cached answer
    handle.begin_run()  # the next page run reads the version again
    assert handle.read(count_checks, unit_id) == 1


def test_a_replica_that_does_not_answer_is_passed_over_without_a_word(db_url):
    unit_id = _unit(get_engine(db_url))
    handle = Database(db_url, read_url=UNREACHABLE)
    assert handle.read(count_checks, unit_id) == 0  # from the primary
    assert handle.is_down(UNREACHABLE) and not handle.read_only()
    assert handle.read_urls() == [db_url, UNREACHABLE]  # the replica is tried again later, after the primary


def test_a_primary_that_does_not_answer_makes_the_handle_read_only(db_url):
    unit_id = _unit(get_engine(db_url))
    handle = Database(UNREACHABLE, read_url=db_url)
    assert handle.read(count_checks, unit_id) == 0  # from the replica
    assert not handle.read_only()  # reads alone never go to the primary
    engine_used = []

    def record_check(engine, unit):
        engine_used.append(engine.url.render_as_string(hide_password=True))
        with engine.begin() as conn:
            conn.execute(insert(point_checks).values(unit_id=unit, checked_at=vn(2025, 8, 28), status="connected"))

    with pytest.raises(DatabaseProblem) as refused:
        handle.write(record_check, unit_id)
    assert refused.value.reason == DatabaseProblem.READ_ONLY
    assert handle.read_only()
    assert handle.read(count_checks, unit_id) == 0  # nothing written anywhere
    assert "nowhere" in engine_used[0]  # the write went to the primary only
    # the session check goes on from the replica
    assert handle.on_primary_or_replica(lambda engine: engine.url.database) != "office_nowhere"


def test_the_read_url_comes_with_its_primary(monkeypatch):
    from data_access.core.config import database_read_url

    monkeypatch.setenv("DATABASE_URL", "postgresql://p@127.0.0.1/office")
    monkeypatch.delenv("DATABASE_READ_URL", raising=False)
    assert database_read_url() is None
    monkeypatch.setenv("DATABASE_READ_URL", "postgresql://p@127.0.0.1:5433/office")
    assert database_read_url() == "postgresql://p@127.0.0.1:5433/office"


def test_units_are_versioned_too(engine):
    start = _version(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE units SET name = name"))
    if engine.dialect.name == "postgresql":
        assert _version(engine) > start
    _unit(engine)
    assert _version(engine) > start


def test_a_read_url_beside_sqlite_is_ignored(monkeypatch, tmp_path):
    from data_access.core.config import database_read_url

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'office.db'}")
    monkeypatch.setenv("DATABASE_READ_URL", "postgresql://p@127.0.0.1:5433/office")
    assert database_read_url() is None


def test_a_session_checked_on_the_replica_during_a_long_outage_does_not_end(engine):
    """While the primary is down the "last seen" cannot be written; an outage longer than the idle limit
    must not sign everyone out. Ended and disabled sessions still end."""
    from data_access.accounts import sessions
    from data_access.accounts.users import create_user, set_active

    user = create_user(engine, f"u{uuid.uuid4().hex[:6]}", "viewer", "Người Xem", "ngựa vằn đi qua cầu tre")
    long_ago = dt.datetime(2025, 8, 28, 2, tzinfo=dt.UTC)
    token = sessions.start_session(engine, user, long_ago)
    later = long_ago + dt.timedelta(hours=2)
    assert sessions.session_user(engine, token, later, on_replica=True).login == user.login
    assert sessions.session_user(engine, token, later) is None  # on the primary, idle: ended
    other = sessions.start_session(engine, user, later)
    set_active(engine, user.login, False)
    assert sessions.session_user(engine, other, later, on_replica=True) is None
