"""Before any page: is the database ready? The embedded default is created, migrated and filled on first use.

The embedded demo is built in a background thread, started by the first page
run: the login form shows at once, and a sign-in waits for the build to end
(about ten seconds on a fresh clone) instead of being refused.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import streamlit as st

from data_access.core.config import is_embedded
from data_access.core.database import Database
from data_access.core.engine import get_engine
from data_access.core.errors import DatabaseProblem, guarded
from data_access.core.migrate import check_schema
from data_access.demo.embedded import embedded_needs_setup, prepare_embedded_apart

SCHEMA_CHECK_TTL_SECONDS = 60
FIRST_START_WAIT_SECONDS = 120  # a sign-in waits this long for the demo's build at most
BUILD_TIMEOUT_SECONDS = 600  # the child building the demo is stopped after this
RETRY_FAILED_BUILD_SECONDS = 120  # a failed build is tried again after this, not on every page run


@dataclass
class _Build:
    done: threading.Event = field(default_factory=threading.Event)
    error: DatabaseProblem | None = None
    failed_at: float = 0.0


@st.cache_resource(show_spinner=False)
def _embedded_build(url: str) -> _Build:
    """One build per process (prepare_embedded's file lock serialises processes); started, not awaited."""
    build = _Build()

    def run() -> None:
        try:
            prepare_embedded_apart(BUILD_TIMEOUT_SECONDS)
        except DatabaseProblem as problem:
            build.error = problem
        finally:
            build.failed_at = time.monotonic()
            build.done.set()

    threading.Thread(target=run, name="office-first-start", daemon=True).start()
    return build


def _finished(url: str, timeout: float | None) -> bool:
    """Whether the embedded build has ended within `timeout` seconds; a failed build raises its
    DatabaseProblem, and is tried again only RETRY_FAILED_BUILD_SECONDS later."""
    build = _embedded_build(url)
    if not build.done.wait(timeout):
        return False
    if build.error is not None:
        if time.monotonic() - build.failed_at > RETRY_FAILED_BUILD_SECONDS:
            _embedded_build.clear()
        raise build.error
    return True


def first_start_done(url: str) -> bool:
    """False while the embedded demo is still being built (the build starts on the first call). With the file
    there already, only its migrations are left: they are awaited (well under a second)."""
    if not is_embedded(url):
        return True
    return _finished(url, timeout=None if not embedded_needs_setup() else 0)


def wait_for_first_start(url: str) -> None:
    if is_embedded(url) and not _finished(url, timeout=FIRST_START_WAIT_SECONDS):
        raise DatabaseProblem(DatabaseProblem.BUSY, "first_start_building")


@st.cache_data(ttl=SCHEMA_CHECK_TTL_SECONDS, show_spinner=False)
def _schema_ok(url: str, _db: Database | None = None) -> bool:
    """Cached only when it succeeds: a failure raises, so the next run checks again.

    On the primary; while the primary does not answer, on its replica, which holds the primary's schema
    (a hot standby replays the migrations too), so the pages go on from the replica."""
    if _db is None:
        guarded(lambda: check_schema(get_engine(url)))
    else:
        _db.on_primary_or_replica(check_schema)
    return True


def ensure_ready(url: str, db: Database | None = None) -> None:
    """Raise DatabaseProblem unless the database can serve the pages."""
    wait_for_first_start(url)
    _schema_ok(url, db)


def is_ready(url: str, db: Database | None = None) -> bool:
    try:
        ensure_ready(url, db)
        return True
    except DatabaseProblem:
        return False
