"""The prober: every commune point's and information system's endpoint checked at once, classified, and
written as checks (author "probe") like a person's.

An endpoint is `host:port` (a TCP connect, timed) or an http(s) URL (a GET; an answer under 500 counts).
Each endpoint is tried a few times with a time limit per try; the whole run has its own limit, and an
endpoint still unanswered then is disconnected. All tries failed: disconnected; some: degraded
(intermittent); all answered but slowly (median above `slow_ms`): degraded (slow); else connected.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import statistics
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from sqlalchemy import Engine, insert, select

from data_access.accounts import audit
from data_access.core import clock
from data_access.core.schema import POINT_KINDS, info_system_checks, info_systems, point_checks, units

AUTHOR = "probe"
HTTP_THREADS = 128
TRIES = 3
SLOW_MS = 500


@dataclass(frozen=True)
class Target:
    kind: str  # "point" or "system"
    id: int
    code: str
    endpoint: str


@dataclass(frozen=True)
class Outcome:
    target: Target
    status: str  # connected, degraded, disconnected
    why: str  # connected, slow, intermittent, disconnected
    latency_ms: int | None
    ok: int
    tries: int
    reason: str | None = None  # the last failure


def parse_endpoint(endpoint: str) -> tuple[str, str, int] | tuple[str, str] | None:
    """("tcp", host, port), ("http", url), or None for something that is neither."""
    text = (endpoint or "").strip()
    if text.lower().startswith(("http://", "https://")):
        parts = urlsplit(text)
        return ("http", text) if parts.hostname else None
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return ("tcp", host, int(port))


async def _tcp(host: str, port: int, timeout: float) -> float:
    started = time.perf_counter()
    _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    elapsed = (time.perf_counter() - started) * 1000
    writer.close()
    with contextlib.suppress(OSError, TimeoutError):
        await asyncio.wait_for(writer.wait_closed(), 1)
    return elapsed


def _http_blocking(url: str, timeout: float) -> float:
    started = time.perf_counter()
    request = urllib.request.Request(url, method="GET", headers={"User-Agent": "office-dashboard-probe"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:  # noqa: S310 (a configured endpoint)
            answer.read(1024)
            status = answer.status
    except urllib.error.HTTPError as answered:
        status = answered.code
    if status >= 500:
        raise ConnectionError(f"HTTP {status}")
    return (time.perf_counter() - started) * 1000


async def _http(url: str, timeout: float, pool: ThreadPoolExecutor | None) -> float:
    loop = asyncio.get_running_loop()
    return await asyncio.wait_for(loop.run_in_executor(pool, _http_blocking, url, timeout), timeout + 0.5)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError | asyncio.TimeoutError):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "refused"
    text = str(exc) or type(exc).__name__
    return text[:200]


async def probe_one(
    target: Target, timeout: float, tries: int = TRIES, slow_ms: float = SLOW_MS, pool: ThreadPoolExecutor | None = None
) -> Outcome:
    parsed = parse_endpoint(target.endpoint)
    if parsed is None:
        return Outcome(target, "disconnected", "disconnected", None, 0, 0, "bad endpoint")
    latencies, reason = [], None
    for _ in range(tries):
        try:
            if parsed[0] == "tcp":
                latencies.append(await _tcp(parsed[1], parsed[2], timeout))
            else:
                latencies.append(await _http(parsed[1], timeout, pool))
        except (OSError, TimeoutError, urllib.error.URLError, ValueError) as exc:
            reason = _reason(exc)
    ok = len(latencies)
    latency = round(statistics.median(latencies)) if latencies else None
    if ok == 0:
        return Outcome(target, "disconnected", "disconnected", None, 0, tries, reason)
    if ok < tries:
        return Outcome(target, "degraded", "intermittent", latency, ok, tries, reason)
    if latency is not None and latency > slow_ms:
        return Outcome(target, "degraded", "slow", latency, ok, tries)
    return Outcome(target, "connected", "connected", latency, ok, tries)


async def probe_many(
    targets: list[Target], timeout: float, run_timeout: float, tries: int = TRIES, slow_ms: float = SLOW_MS
) -> list[Outcome]:
    """Every target at once; what has not finished within `run_timeout` seconds is disconnected."""
    if not targets:
        return []
    # HTTP tries block a thread each: enough threads for every endpoint at once (TCP needs none)
    pool = ThreadPoolExecutor(max_workers=min(HTTP_THREADS, len(targets)), thread_name_prefix="probe")
    try:
        jobs = {asyncio.create_task(probe_one(t, timeout, tries, slow_ms, pool)): t for t in targets}
        done, pending = await asyncio.wait(jobs, timeout=run_timeout)
        for job in pending:
            job.cancel()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    outcomes = [job.result() for job in done]
    outcomes += [
        Outcome(jobs[job], "disconnected", "disconnected", None, 0, tries, "run time limit") for job in pending
    ]
    order = {id(t): i for i, t in enumerate(targets)}
    return sorted(outcomes, key=lambda o: order[id(o.target)])


def technical_note(o: Outcome) -> str:
    """The check's note when the caller gives no words of its own."""
    if o.why == "connected":
        return f"probe: connected, {o.latency_ms} ms"
    if o.why == "slow":
        return f"probe: slow, {o.latency_ms} ms"
    if o.why == "intermittent":
        return f"probe: {o.ok}/{o.tries} tries succeeded"
    return f"probe: not reachable ({o.reason})"


@dataclass
class ProbeRun:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def points(self) -> int:
        return sum(1 for o in self.outcomes if o.target.kind == "point")

    @property
    def systems(self) -> int:
        return sum(1 for o in self.outcomes if o.target.kind == "system")

    def counts(self) -> dict[str, int]:
        out = {"connected": 0, "degraded": 0, "disconnected": 0}
        for o in self.outcomes:
            out[o.status] += 1
        return out


def targets(engine: Engine) -> list[Target]:
    with engine.connect() as conn:
        points = conn.execute(
            select(units.c.id, units.c.code, units.c.endpoint)
            .where(units.c.kind.in_(POINT_KINDS), units.c.endpoint.is_not(None), units.c.endpoint != "")
            .order_by(units.c.code)
        ).all()
        systems = conn.execute(
            select(info_systems.c.id, info_systems.c.code, info_systems.c.endpoint)
            .where(info_systems.c.endpoint.is_not(None), info_systems.c.endpoint != "")
            .order_by(info_systems.c.code)
        ).all()
    return [Target("point", *p) for p in points] + [Target("system", *s) for s in systems]


def probe_all(
    engine: Engine,
    timeout: float = 3.0,
    run_timeout: float = 60.0,
    tries: int = TRIES,
    slow_ms: float = SLOW_MS,
    note: Callable[[Outcome], str] = technical_note,
    now: dt.datetime | None = None,
) -> ProbeRun:
    """Probe every endpoint and write one check per endpoint, with its audit row, in one transaction."""
    outcomes = asyncio.run(probe_many(targets(engine), timeout, run_timeout, tries, slow_ms))
    now = now or clock.now_utc()
    with engine.begin() as conn:
        for o in outcomes:
            text = note(o)[:2000]
            if o.target.kind == "point":
                values = {"unit_id": o.target.id, "checked_at": now, "status": o.status, "note": text, "author": AUTHOR}
                row_id = conn.execute(insert(point_checks).values(**values).returning(point_checks.c.id)).scalar_one()
                audit.record(conn, AUTHOR, now, "record_point_check", point_checks.name, row_id, None, values)
            else:
                values = {
                    "system_id": o.target.id,
                    "checked_at": now,
                    "status": o.status,
                    "latency_ms": o.latency_ms,
                    "note": text,
                }
                conn.execute(insert(info_system_checks).values(**values))
    return ProbeRun(outcomes)
