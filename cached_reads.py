"""The pages' reads, cached: one st.cache_data wrapper per data_access query.

Figures are read at most every READ_TTL_SECONDS; a write clears the cache
(`clear_reads`) so that an edit shows at once. Database errors come out as
DatabaseProblem, which app.py turns into a message. Arguments are plain
values (the URL, dates) so that the cache key is exact.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from data_access import clock
from data_access.bootstrap import prepare_embedded
from data_access.config import is_embedded
from data_access.engine import get_engine
from data_access.errors import DATABASE_ERRORS, DatabaseProblem, classify
from data_access.migrate import check_schema
from data_access.overview import OverviewFigures, overview_figures
from data_access.periods import Period

READ_TTL_SECONDS = 60
SCHEMA_CHECK_TTL_SECONDS = 60


def _guarded(read):
    """Run a read; any database failure becomes a DatabaseProblem (a bug stays a bug)."""
    try:
        return read()
    except DATABASE_ERRORS as exc:
        raise classify(exc) from exc


@st.cache_resource(show_spinner=False)
def _embedded_prepared(url: str) -> bool:
    prepare_embedded()
    return True


@st.cache_data(ttl=SCHEMA_CHECK_TTL_SECONDS, show_spinner=False)
def _schema_ok(url: str) -> bool:
    """Cached only when it succeeds: a failure raises, so the next run checks again."""
    _guarded(lambda: check_schema(get_engine(url)))
    return True


def ensure_ready(url: str) -> None:
    """Raise DatabaseProblem unless the database can serve the pages.

    The embedded default is created, migrated and filled on first use.
    """
    if is_embedded(url):
        _guarded(lambda: _embedded_prepared(url))
    _schema_ok(url)


def is_ready(url: str) -> bool:
    try:
        ensure_ready(url)
        return True
    except DatabaseProblem:
        return False


@st.cache_data(ttl=READ_TTL_SECONDS, show_spinner=False)
def overview(url: str, kind: str, start: dt.date, end: dt.date) -> OverviewFigures:
    return _guarded(lambda: overview_figures(get_engine(url), Period(kind, start, end), clock.now_utc()))


def clear_reads() -> None:
    """After every write: the next page run reads fresh figures."""
    st.cache_data.clear()
