"""The pages' database handle: reads cached by the query's named freshness, writes that clear every read.

`app.py` opens it once (`open_database`); pages and components get it with
`current()` and name the data_access function themselves:

    overdue = current().read(task_figures.overdue_summary, today)

A read is cached per query function and arguments for its freshness
(`data_access.core.database`: FIGURES 60 s, CHOICES 600 s, SHOW 3600 s,
LIVE never); a write runs the write function and clears all reads, so every
page shows the new figures at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from data_access.core.config import database_url
from data_access.core.database import CHOICES, FIGURES, LIVE, SHOW, Database, Freshness, Timed, freshness_of

T = TypeVar("T")


def _run(url: str, _query: Callable, args: tuple) -> Timed:
    return Database(url).timed(_query, *args)


def _cached(kind: Freshness):
    def read(url: str, module: str, name: str, bucket: Any, _query: Callable, *args: Any) -> Timed:
        """Keyed by the URL, the query's module and name, the bucket and the arguments."""
        return _run(url, _query, args)

    read.__qualname__ = read.__name__ = f"read_{kind.name}"
    return st.cache_data(ttl=kind.seconds, show_spinner=False, max_entries=4 if kind is SHOW else None)(read)


_READS = {kind.name: _cached(kind) for kind in (FIGURES, CHOICES, SHOW)}


class CachedDatabase(Database):
    def timed(self, query: Callable[..., T], *args: Any, bucket: Any = None) -> Timed:
        """`bucket`: a value the cache is also keyed by (the show's refresh round)."""
        kind = freshness_of(query)
        if kind is LIVE:
            return super().timed(query, *args)
        return _READS[kind.name](self.url, query.__module__, query.__qualname__, bucket, query, *args)

    def write(self, write: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        done = super().write(write, *args, **kwargs)
        clear_reads()
        return done


@st.cache_resource(show_spinner=False)
def open_database(url: str) -> CachedDatabase:
    return CachedDatabase(url)


def current() -> CachedDatabase:
    """The database the dashboard is configured for (DATABASE_URL, secrets.toml or the embedded file)."""
    return open_database(database_url())


def clear_reads() -> None:
    """After every write: the next page run reads fresh figures."""
    st.cache_data.clear()
