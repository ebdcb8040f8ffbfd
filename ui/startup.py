"""Before any page: is the database ready? The embedded default is created, migrated and filled on first use."""

from __future__ import annotations

import streamlit as st

from data_access.core.config import is_embedded
from data_access.core.engine import get_engine
from data_access.core.errors import DatabaseProblem, guarded
from data_access.core.migrate import check_schema
from data_access.demo.embedded import prepare_embedded

SCHEMA_CHECK_TTL_SECONDS = 60


@st.cache_resource(show_spinner=False)
def _embedded_prepared(url: str) -> bool:
    prepare_embedded()
    return True


@st.cache_data(ttl=SCHEMA_CHECK_TTL_SECONDS, show_spinner=False)
def _schema_ok(url: str) -> bool:
    """Cached only when it succeeds: a failure raises, so the next run checks again."""
    guarded(lambda: check_schema(get_engine(url)))
    return True


def ensure_ready(url: str) -> None:
    """Raise DatabaseProblem unless the database can serve the pages."""
    if is_embedded(url):
        guarded(lambda: _embedded_prepared(url))
    _schema_ok(url)


def is_ready(url: str) -> bool:
    try:
        ensure_ready(url)
        return True
    except DatabaseProblem:
        return False
