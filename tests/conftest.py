"""Fixtures: a migrated SQLite database and a throwaway PostgreSQL database per run.

PostgreSQL tests are marked `postgres`. They never skip: when the server at
TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres)
cannot be reached they fail with a message saying so. Deselect them with
`-m "not postgres"` on a machine without a server.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, delete, text
from sqlalchemy.engine import make_url

from data_access.core.engine import dispose_engine, get_engine
from data_access.core.migrate import upgrade
from data_access.core.schema import metadata

# The test machine runs the suite, the browsers and the servers on two cores: a page's statement may
# wait far longer than in production. The fault tests set their own bounds (tests/test_hardening_faults.py).
os.environ.setdefault("OFFICE_DB_STATEMENT_TIMEOUT", "120")

PG_SERVER_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
DIALECTS = [pytest.param("sqlite", id="sqlite"), pytest.param("postgres", id="postgres", marks=pytest.mark.postgres)]


def _admin_engine():
    return create_engine(
        make_url(PG_SERVER_URL).set(drivername="postgresql+psycopg2"),
        isolation_level="AUTOCOMMIT",
        connect_args={"connect_timeout": 5},
    )


@pytest.fixture(scope="session")
def postgres_url():
    """A new, empty PostgreSQL database for this run, dropped at the end."""
    name = f"office_test_{uuid.uuid4().hex[:10]}"
    admin = _admin_engine()
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        pytest.fail(
            f"PostgreSQL is needed for the tests marked postgres and cannot be reached at "
            f"{make_url(PG_SERVER_URL).render_as_string(hide_password=True)}: {exc}. "
            f"Start it, set TEST_POSTGRES_URL, or deselect with -m 'not postgres'."
        )
    url = make_url(PG_SERVER_URL).set(database=name).render_as_string(hide_password=False)
    yield url
    dispose_engine(url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory):
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'office.db'}"


@pytest.fixture(scope="session")
def migrated(request, tmp_path_factory):
    """Per dialect, a database migrated once per run."""
    done = {}

    def get(dialect: str) -> str:
        if dialect not in done:
            url = request.getfixturevalue("postgres_url" if dialect == "postgres" else "sqlite_url")
            upgrade(get_engine(url))
            done[dialect] = url
        return done[dialect]

    return get


def empty_all_tables(engine) -> None:
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            if table.name != "office_data_version":  # the counters only grow: an old cached figure's key never returns
                conn.execute(delete(table))


@pytest.fixture(params=DIALECTS)
def db_url(request, migrated):
    """The URL of a migrated, empty database: once SQLite, once PostgreSQL."""
    url = migrated(request.param)
    empty_all_tables(get_engine(url))
    return url


@pytest.fixture
def engine(db_url):
    return get_engine(db_url)


@pytest.fixture
def conn(engine, request):
    """A connection to a database holding the test module's known data (the module's KNOWN.fill)."""
    with engine.begin() as c:
        request.module.KNOWN.fill(c)
    with engine.connect() as c:
        yield c
