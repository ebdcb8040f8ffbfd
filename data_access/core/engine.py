"""One SQLAlchemy engine per database URL per process, made at first use."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from data_access.core.sql import fold

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def _lower(value):
    return value.lower() if isinstance(value, str) else value


def _fold(value):
    return fold(value) if isinstance(value, str) else value


def make_engine(url: str) -> Engine:
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
        engine = create_engine(parsed, connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys = ON")
            cur.execute("PRAGMA journal_mode = WAL")
            cur.close()
            # SQLite's lower() knows only ASCII; PostgreSQL's knows "Đ" and "Á". Searches
            # must find the same rows on both, so lower() becomes Python's.
            dbapi_conn.create_function("lower", 1, _lower, deterministic=True)
            # Searches ignore case and diacritics: office_fold() is PostgreSQL's unaccent + lower there.
            dbapi_conn.create_function("office_fold", 1, _fold, deterministic=True)

        return engine
    # Fail fast when the server is down instead of hanging a page for minutes.
    return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5})


def get_engine(url: str) -> Engine:
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = make_engine(url)
        return engine


def dispose_engine(url: str) -> None:
    with _lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()
