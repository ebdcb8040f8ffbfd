"""One SQLAlchemy engine per database URL per process, made at first use, with every wait bounded.

A page must get an answer or the usual message within seconds, whatever the
database does. The bounds (seconds, from the environment):

- OFFICE_DB_CONNECT_TIMEOUT (5): to open a connection to PostgreSQL;
- OFFICE_DB_STATEMENT_TIMEOUT (10): PostgreSQL ends a statement running longer;
- OFFICE_DB_LOCK_TIMEOUT (5): PostgreSQL ends a statement waiting longer for a row lock;
- OFFICE_DB_CLIENT_TIMEOUT (statement timeout + 3): the client gives up on a server that does not
  answer at all (frozen, or its machine gone without closing the socket), which the server-side
  timeouts cannot catch; the connection is then dropped from the pool. Opening a connection and
  the pool's liveness check on each checkout wait OFFICE_DB_CONNECT_TIMEOUT at most;
- TCP keepalives (idle 10 s, then every 5 s, 3 probes) find a vanished peer on an idle connection;
- OFFICE_SQLITE_BUSY_TIMEOUT (5): how long SQLite waits for another writer's lock.
"""

from __future__ import annotations

import os
import select
import threading
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from data_access.core.sql import fold

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def _seconds(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, "") or default)
    except ValueError:
        value = default
    return max(value, 0.1)


def connect_timeout() -> float:
    return _seconds("OFFICE_DB_CONNECT_TIMEOUT", 5)


def statement_timeout() -> float:
    return _seconds("OFFICE_DB_STATEMENT_TIMEOUT", 10)


def lock_timeout() -> float:
    return _seconds("OFFICE_DB_LOCK_TIMEOUT", 5)


def client_timeout() -> float:
    return _seconds("OFFICE_DB_CLIENT_TIMEOUT", statement_timeout() + 3)


def sqlite_busy_timeout_ms() -> int:
    return int(_seconds("OFFICE_SQLITE_BUSY_TIMEOUT", 5) * 1000)


def _wait_with_deadline(conn) -> None:
    """psycopg2's wait callback: like psycopg2.extras.wait_select, but giving up at a deadline.

    libpq blocks without limit on a server that accepted the connection and then stopped answering;
    with this callback psycopg2 runs every statement asynchronously and we wait for the socket with
    a bound. Raising here makes psycopg2 close the connection, which the pool then replaces.
    """
    import psycopg2
    import psycopg2.extensions as ext

    connecting = conn.status in (ext.STATUS_SETUP, getattr(ext, "STATUS_CONNECTING", 20))
    seconds = _short_wait.seconds if getattr(_short_wait, "seconds", None) else client_timeout()
    maintenance = "statement_timeout=0" in (conn.dsn or "")
    if maintenance and not connecting and not getattr(_short_wait, "seconds", None):  # a long statement by design
        seconds = float("inf")
    if connecting:
        seconds = min(seconds, connect_timeout())
    deadline = time.monotonic() + seconds
    while True:
        state = conn.poll()
        if state == ext.POLL_OK:
            return
        left = deadline - time.monotonic()
        if left <= 0 and seconds != float("inf"):
            # A DBAPI error: SQLAlchemy wraps it, the pages explain it.
            raise psycopg2.OperationalError(f"no answer from the database server in {seconds:g} s (client timeout)")
        wait = None if seconds == float("inf") else left
        if state == ext.POLL_READ:
            select.select([conn.fileno()], [], [], wait)
        elif state == ext.POLL_WRITE:
            select.select([], [conn.fileno()], [], wait)
        else:
            raise psycopg2.OperationalError(f"bad state from poll: {state}")


_short_wait = threading.local()  # a tighter deadline for the pool's liveness check


def _ping_on_checkout(dbapi_conn, _record, _proxy) -> None:
    """The pool's liveness check, with the connect bound rather than a statement's.

    A connection to a frozen server then fails in seconds and the pool tries a fresh one (raising
    DisconnectionError is SQLAlchemy's documented way), which fails as quickly: a page learns in
    about twice the connect timeout that the database does not answer.
    """
    from sqlalchemy.exc import DisconnectionError

    _short_wait.seconds = connect_timeout()
    try:
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute("SELECT 1")
        finally:
            cursor.close()
    except Exception as exc:
        raise DisconnectionError(str(exc)) from exc
    finally:
        _short_wait.seconds = None


def _bounded_waits_for_psycopg2() -> None:
    import psycopg2.extensions as ext

    if ext.get_wait_callback() is None:
        ext.set_wait_callback(_wait_with_deadline)


def _postgresql_connect_args() -> dict:
    ms = lambda seconds: int(seconds * 1000)  # noqa: E731
    return {
        "connect_timeout": max(int(round(connect_timeout())), 1),
        "options": f"-c statement_timeout={ms(statement_timeout())} -c lock_timeout={ms(lock_timeout())}",
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "tcp_user_timeout": ms(client_timeout()),
    }


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def _fold(value):
    return fold(value) if isinstance(value, str) else value


def make_engine(url: str, bounded: bool = True) -> Engine:
    """A new engine; SQLite gets foreign keys on and WAL so readers do not block a writer.

    A plain postgresql:// URL uses psycopg2, the driver the project pins
    (SQLAlchemy 2.1 would otherwise pick psycopg 3).
    """
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg2")
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": sqlite_busy_timeout_ms() / 1000})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute(f"PRAGMA busy_timeout = {sqlite_busy_timeout_ms()}")
            cur.execute("PRAGMA foreign_keys = ON")
            # INSERT OR REPLACE deletes the row it replaces; only with this do the delete triggers see it
            # (the documents summary's, migration 0008)
            cur.execute("PRAGMA recursive_triggers = ON")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.close()
            # SQLite's lower() knows only ASCII; PostgreSQL's knows "Đ" and "Á". Searches
            # must find the same rows on both, so lower() becomes Python's.
            dbapi_conn.create_function("lower", 1, _lower, deterministic=True)
            # Searches ignore case and diacritics: office_fold() is PostgreSQL's unaccent + lower there.
            dbapi_conn.create_function("office_fold", 1, _fold, deterministic=True)

        return engine
    # Fail fast when the server is down, frozen or overloaded instead of hanging a page for minutes.
    if parsed.get_driver_name() != "psycopg2":
        return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5})
    _bounded_waits_for_psycopg2()
    connect_args = _postgresql_connect_args()
    if not bounded:  # maintenance (migrate, seed-demo): long statements are the point; the connection is still bounded
        connect_args["options"] = "-c statement_timeout=0 -c lock_timeout=0"
    engine = create_engine(parsed, pool_timeout=connect_timeout(), connect_args=connect_args)
    event.listen(engine, "checkout", _ping_on_checkout)
    return engine


def get_engine(url: str, bounded: bool = True) -> Engine:
    """The process's engine for `url`; `bounded=False`: one without statement and lock timeouts, for the
    maintenance commands (a migration's index or the demo's bulk load may rightly take minutes)."""
    key = url if bounded else f"{url}#unbounded"
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = make_engine(url, bounded)
        return engine


def dispose_engine(url: str) -> None:
    with _lock:
        engines = [_engines.pop(key) for key in (url, f"{url}#unbounded") if key in _engines]
    for engine in engines:
        engine.dispose()
