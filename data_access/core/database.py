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

With a second URL (`DATABASE_READ_URL`: a PostgreSQL hot standby), reads run
on the replica and writes on the primary. A server that does not answer is
passed over for DOWN_SECONDS: reads fall back to the other one without a
word, and with the primary down the handle is read-only (`read_only()`):
a write is refused with DatabaseProblem(READ_ONLY) and nothing is written.
Writes resume by themselves once the primary answers again.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Engine

from data_access.core import clock
from data_access.core.engine import get_engine
from data_access.core.errors import DATABASE_ERRORS, DatabaseProblem, classify, guarded

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


DOWN_SECONDS = 10  # a server that did not answer is passed over this long, then tried again


FALLS_BACK = (
    DatabaseProblem.UNREACHABLE,  # the server does not answer
    DatabaseProblem.REPLICA_CONFLICT,  # a hot standby cancelled the query (a conflict with recovery)
    DatabaseProblem.NOT_MIGRATED,  # a standby that has not replayed a migration yet (a rolling upgrade)
    DatabaseProblem.OUTDATED,
)
MAX_DOWN_SECONDS = 60  # a server that keeps failing is passed over longer and longer, up to this


def _falls_back(problem: DatabaseProblem) -> bool:
    """Whether another server may answer instead."""
    return problem.reason in FALLS_BACK


class Database:
    """The office database at one URL (the primary), optionally with a read replica.

    Database errors come out as DatabaseProblem on reads. Where a read runs: `read_urls()`.
    """

    def __init__(self, url: str, read_url: str | None = None) -> None:
        self.url = url
        self.read_url = read_url if read_url and read_url != url else None
        self._down: dict[str, float] = {}  # URL -> monotonic time until which it is passed over
        self._failures: dict[str, int] = {}  # URL -> failures in a row: the time passed over doubles with each
        self._lock = threading.Lock()

    @property
    def engine(self) -> Engine:
        """The primary's engine: every write, the sessions, the migrations."""
        return get_engine(self.url)

    # -- which server answers ------------------------------------------------------------------
    def is_down(self, url: str) -> bool:
        return self._down.get(url, 0.0) > time.monotonic()

    def _mark(self, url: str, down: bool) -> None:
        with self._lock:
            if down:
                failures = self._failures[url] = self._failures.get(url, 0) + 1
                self._down[url] = time.monotonic() + min(DOWN_SECONDS * 2 ** (failures - 1), MAX_DOWN_SECONDS)
            else:
                self._down.pop(url, None)
                self._failures.pop(url, None)

    def read_only(self) -> bool:
        """The primary did not answer a moment ago, and the replica serves the reads: saving is paused."""
        return self.read_url is not None and self.is_down(self.url)

    def read_urls(self, prefer_primary: bool = False) -> list[str]:
        """Where a read may run, in order: the replica first (the primary first if `prefer_primary`: a
        session that has just written), a server known down last."""
        if self.read_url is None:
            return [self.url]
        order = [self.url, self.read_url] if prefer_primary else [self.read_url, self.url]
        return sorted(order, key=self.is_down)  # stable: the preference holds among those up

    def on_any(self, work: Callable[[str], T], prefer_primary: bool = False) -> T:
        """`work(url)` on the first server that answers; an unreachable one is marked down and the next
        tried. With one server, its DatabaseProblem as usual."""
        problem: DatabaseProblem | None = None
        for url in self.read_urls(prefer_primary):
            try:
                value = guarded(lambda: work(url))  # noqa: B023 (called at once)
            except DatabaseProblem as failed:
                if self.read_url is None or not _falls_back(failed):
                    raise
                self._mark(url, down=failed.reason != DatabaseProblem.REPLICA_CONFLICT)
                problem = failed
                continue
            if url in self._down or url in self._failures:
                self._mark(url, down=False)
            return value
        assert problem is not None
        raise problem

    def on_primary_or_replica(self, work: Callable[[Engine], T]) -> T:
        """`work(engine)` on the primary; on the replica when the primary does not answer (the session check
        and the schema check, which must go on while the primary is down)."""
        return self.on_any(lambda url: work(get_engine(url)), prefer_primary=True)

    # -- reads and writes ----------------------------------------------------------------------
    def timed(self, query: Callable[..., T], *args: Any) -> Timed:
        """Run a query function on a new connection; its answer with when it was read."""
        now = clock.now_utc()

        def run(url: str) -> T:
            with get_engine(url).connect() as conn:
                return query(conn, *with_now(args, now))

        return Timed(self.on_any(run), now)

    def read(self, query: Callable[..., T], *args: Any) -> T:
        return self.timed(query, *args).value

    def write(self, write: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a write function on the primary's engine; its refusals (EditError, Conflict, Forbidden) pass
        through. With a replica, a primary that does not answer makes it DatabaseProblem(READ_ONLY)."""
        if self.read_url is None:
            return write(self.engine, *args, **kwargs)
        try:
            done = write(self.engine, *args, **kwargs)
        except DATABASE_ERRORS as exc:
            problem = classify(exc)
            if problem.reason != DatabaseProblem.UNREACHABLE:
                raise
            self._mark(self.url, down=True)
            raise DatabaseProblem(DatabaseProblem.READ_ONLY, problem.detail) from exc
        self._mark(self.url, down=False)
        return done
