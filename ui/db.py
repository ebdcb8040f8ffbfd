"""The pages' database handle: reads cached by the query's named freshness and the data version.

`app.py` opens it once (`open_database`) and calls `begin_run()` at the top of every page run;
pages and components get it with `current()` and name the data_access function themselves:

    overdue = current().read(task_figures.overdue_summary, today)

A read is cached per query function and arguments for its freshness
(`data_access.core.database`: FIGURES 60 s, CHOICES 600 s, SHOW 3600 s, LIVE
never), and keyed by the server it ran on and that server's **data version**
(`data_access.core.data_version`: counters bumped by triggers in every
writing transaction, whoever writes). Each page run reads the version once,
so a write by this process, by another process serving the app, by the
command line or by another system straight into the tables is seen by the
next page run of every process: no cached figure older than the last
committed write to the server it reads is ever served (a replica reads as of
its replay, milliseconds behind; one left behind over 30 s is passed over). A
write through the handle also clears this process's reads at once.

With a read replica (`DATABASE_READ_URL`), reads run there and writes on the
primary; after a save the session reads from the primary until the replica
has replayed the save (read your writes), usually within the same page run.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from data_access.core import data_version, replication
from data_access.core.config import database_read_url, database_url
from data_access.core.database import CHOICES, FIGURES, LIVE, SHOW, Database, Freshness, Timed, freshness_of
from data_access.core.engine import get_engine
from ui import keys

T = TypeVar("T")

# A page run reads each server's data version once; a run (or a fragment's rerun) longer than this reads
# it again.
RUN_VERSION_SECONDS = 1.0


def _run(url: str, _query: Callable, args: tuple) -> Timed:
    return Database(url).timed(_query, *args)


def _cached(kind: Freshness):
    def read(url: str, version: int, module: str, name: str, bucket: Any, _query: Callable, *args: Any) -> Timed:
        """Keyed by the server's URL and data version, the query's module and name, the bucket and the
        arguments."""
        return _run(url, _query, args)

    read.__qualname__ = read.__name__ = f"read_{kind.name}"
    # Bounded: entries of older data versions are never read again and leave at their TTL or here.
    entries = {SHOW.name: 4, CHOICES.name: 500}.get(kind.name, 5000)
    return st.cache_data(ttl=kind.seconds, show_spinner=False, max_entries=entries)(read)


_READS = {kind.name: _cached(kind) for kind in (FIGURES, CHOICES, SHOW)}
_this_run = threading.local()  # a script run happens on one thread: the versions read in it


def _session_state():
    """This browser session's state, or None outside a page run (a background thread)."""
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        return st.session_state if get_script_run_ctx(suppress_warning=True) is not None else None
    except Exception:  # noqa: BLE001 (no runtime at all)
        return None


PIN_SECONDS = 600  # a session's pin to the primary is forgotten after this, replayed or not
REPLICA_CHECK_SECONDS = 2.0  # how often a process compares the replica's replay with the primary's position
MAX_BEHIND_SECONDS = 30.0  # a replica behind the primary longer than this is passed over (stuck, cut off)


class CachedDatabase(Database):
    """Pins, for read your writes: per signed-in session (its token, so a reload, a new browser tab and the
    same process behind the balancer's affinity keep it), the primary's position after its last save."""

    def __init__(self, url: str, read_url: str | None = None) -> None:
        super().__init__(url, read_url)
        self._pins: dict[str, tuple[str, float]] = {}
        self._replica_checked_at = -REPLICA_CHECK_SECONDS
        self._behind_since: float | None = None  # since when the replica has been short of the primary

    @staticmethod
    def _who() -> str | None:
        state = _session_state()
        if state is None:
            return None
        token = state.get(keys.SESSION_TOKEN)
        return token if isinstance(token, str) else None

    def begin_run(self) -> None:
        """At the top of every page run: the data versions are read again on first use."""
        _this_run.versions = {}
        _this_run.at = time.monotonic()

    def _memo(self) -> dict:
        memo = getattr(_this_run, "versions", None)
        if memo is None or time.monotonic() - getattr(_this_run, "at", 0.0) > RUN_VERSION_SECONDS:
            self.begin_run()
            memo = _this_run.versions
        return memo

    def data_version(self, url: str) -> int:
        """The server's data version, read once per page run."""
        memo = self._memo()
        if url not in memo:
            with get_engine(url).connect() as conn:
                memo[url] = data_version.current(conn)
        return memo[url]

    def _replica_stale(self) -> bool:
        """The replica has stayed behind the primary for over MAX_BEHIND_SECONDS (its replay stuck or paused,
        or cut off from the primary): the reads go to the primary while it answers. Checked every
        REPLICA_CHECK_SECONDS per process; a primary that does not answer leaves the replica as it is."""
        now = time.monotonic()
        if now - self._replica_checked_at >= REPLICA_CHECK_SECONDS and not self.is_down(self.url):
            self._replica_checked_at = now
            try:
                with get_engine(self.read_url).connect() as conn:
                    replayed = replication.replayed_position(conn)
                with self.engine.connect() as conn:
                    position = replication.primary_position(conn)
                    late = (
                        replayed is not None and position is not None and replication.behind(conn, position, replayed)
                    )
                if not late:
                    self._behind_since = None
                elif self._behind_since is None:
                    self._behind_since = now
            except Exception:  # noqa: BLE001 (either server down: on_any passes over it)
                pass
        return self._behind_since is not None and now - self._behind_since > MAX_BEHIND_SECONDS

    def _prefer_primary(self) -> bool:
        """Read your writes: this session saved something the replica has not replayed yet; or the replica
        has fallen behind."""
        if self.read_url is None:
            return False
        if self._replica_stale():
            return True
        if not self._pins:
            return False
        who = self._who()
        pin = self._pins.get(who) if who else None
        if pin is None:
            return False
        position, since = pin
        if time.monotonic() - since > PIN_SECONDS:
            self._pins.pop(who, None)
            return False
        if self.is_down(self.read_url):
            return True
        memo = self._memo()
        if ("replayed", position) not in memo:
            try:
                with get_engine(self.read_url).connect() as conn:
                    memo[("replayed", position)] = replication.replayed(conn, position)
            except Exception:  # noqa: BLE001 (the replica is down: the reads go to the primary meanwhile)
                memo[("replayed", position)] = False
                self._mark(self.read_url, down=True)
        if memo[("replayed", position)]:
            self._pins.pop(who, None)
            return False
        return True

    def timed(self, query: Callable[..., T], *args: Any, bucket: Any = None) -> Timed:
        """`bucket`: a value the cache is also keyed by (the show's refresh round)."""
        kind = freshness_of(query)
        if kind is LIVE:  # the audit trail, the accounts, an upload: from the primary while it answers
            return self.on_any(lambda url: _run(url, query, args), prefer_primary=True)
        read = _READS[kind.name]
        module, name = query.__module__, query.__qualname__
        return self.on_any(
            lambda url: read(url, self.data_version(url), module, name, bucket, query, *args),
            prefer_primary=self._prefer_primary(),
        )

    def write(self, write: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        done = super().write(write, *args, **kwargs)
        clear_reads()
        self.begin_run()
        who = self._who() if self.read_url is not None else None
        if who is not None:
            try:
                with self.engine.connect() as conn:
                    position = replication.primary_position(conn)
            except Exception:  # noqa: BLE001 (saved; the primary went away since: the replica will do)
                position = None
            if position:
                now = time.monotonic()
                for stale in [k for k, (_, at) in list(self._pins.items()) if now - at > PIN_SECONDS]:
                    self._pins.pop(stale, None)
                self._pins[who] = (position, now)
        return done


@st.cache_resource(show_spinner=False)
def open_database(url: str, read_url: str | None = None) -> CachedDatabase:
    return CachedDatabase(url, read_url)


def current() -> CachedDatabase:
    """The database the dashboard is configured for (DATABASE_URL, secrets.toml or the embedded file), with
    its read replica if one is configured (DATABASE_READ_URL)."""
    return open_database(database_url(), database_read_url())


def clear_reads() -> None:
    """After every write: the next page run reads fresh figures."""
    st.cache_data.clear()
