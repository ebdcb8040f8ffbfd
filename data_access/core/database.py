"""One office database: reads run a query function on a connection, writes run a write function.

In the spirit of Datasette's `Database`: the caller names the query function
itself (`db.read(figures.overdue_summary, today)`), so the path from a figure
on screen to its SQL is one hop. Every query function takes a Connection
first; every write function takes the Engine first (it opens its own
transaction, holding the write and its audit row).

How long a read may be reused is said by the query function, with a named
freshness (`@freshness(CHOICES)`); unmarked queries are `FIGURES`. This plain
handle, used by the CLI, the tests and the benchmark, never caches; the UI's
handle (`ui.db`) caches by that freshness and clears every read after a write.

A query that needs the current instant takes `NOW` in its arguments: the
handle puts the clock's instant there when the query actually runs, so a
cached read is keyed by the sentinel, not by a new instant every call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine

from data_access.core import clock
from data_access.core.engine import get_engine
from data_access.core.errors import guarded

T = TypeVar("T")


@dataclass(frozen=True)
class Freshness:
    """How long a query's answer may be shown again without asking the database: a name and seconds."""

    name: str
    seconds: int  # 0: never reused


FIGURES = Freshness("figures", 60)  # the pages' figures and lists
CHOICES = Freshness("choices", 600)  # filter choices: units, document types, point names
SHOW = Freshness("show", 3600)  # the slides: read again when the show's refresh bucket changes
LIVE = Freshness("live", 0)  # never reused: the audit trail, the accounts, an uploaded file


def freshness(kind: Freshness) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Mark a query function with how long its answer may be reused."""

    def mark(query: Callable[..., T]) -> Callable[..., T]:
        query.freshness = kind  # type: ignore[attr-defined]
        return query

    return mark


def freshness_of(query: Callable) -> Freshness:
    return getattr(query, "freshness", FIGURES)


class _Now:
    """Stands for "the instant the query runs" in a read's arguments."""

    def __repr__(self) -> str:
        return "NOW"

    def __reduce__(self):
        return "NOW"


NOW = _Now()


def with_now(args: tuple, now: dt.datetime) -> tuple:
    return tuple(now if a is NOW else a for a in args)


@dataclass(frozen=True)
class Timed:
    """A read's answer and the instant it was read (aware, UTC): "Cập nhật lúc …"."""

    value: Any
    read_at: dt.datetime


class Database:
    """The office database at one URL. Database errors come out as DatabaseProblem on reads."""

    def __init__(self, url: str) -> None:
        self.url = url

    @property
    def engine(self) -> Engine:
        return get_engine(self.url)

    def timed(self, query: Callable[..., T], *args: Any) -> Timed:
        """Run a query function on a new connection; its answer with when it was read."""
        now = clock.now_utc()

        def run() -> T:
            with self.engine.connect() as conn:
                return query(conn, *with_now(args, now))

        return Timed(guarded(run), now)

    def read(self, query: Callable[..., T], *args: Any) -> T:
        return self.timed(query, *args).value

    def write(self, write: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a write function on the engine; its refusals (EditError, Conflict, Forbidden) pass through."""
        return write(self.engine, *args, **kwargs)
