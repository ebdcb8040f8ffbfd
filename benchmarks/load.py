"""The running server under load: simulated users speaking Streamlit's own websocket protocol, no browser.

    python -m benchmarks load                         1, 10, 20 and 40 users, 30 s each, scale 10 on PostgreSQL
    python -m benchmarks load --compare-gc            the same, runner.postScriptGC on and off side by side
    python -m benchmarks load --users 20 --soak 30    20 users for 30 minutes, the server's RSS every minute
    python -m benchmarks load --url http://127.0.0.1:8501 --pid 4242 --database-url postgresql://...

Each simulated user holds a real login session (a row in login_sessions, its
token sent as the `office_session` cookie in the websocket handshake, with
the server's own Origin), opens the overview, /tasks and /documents in turn
as the top navigation does (a rerun with the page's script hash) and then
changes the period on the documents page (the segmented control's widget
state, as a tap sends it), round and round until the step's seconds are up.
A page counts when its script_finished arrives, and only if it really
rendered: the page's known text is there (the overview's "Nhiệm vụ quá hạn",
the tasks page's "Vướng ở đâu", the documents page's "Xử lý văn bản đến"),
no login form, no exception, no error box, no page-not-found; anything else
is an error with its reason. The client keeps the browser's message cache
(it reports the hashes it holds, the server sends references), so the server
does the browser's work and no more.

Per number of users it reports pages a second, the time from the request to
the script's end (median, 95th percentile, max), errors, the server's CPU per
page (utime + stime of the streamlit process and its children, from
/proc/<pid>/stat, over the step), its RSS (VmRSS; at the end and the
highest), and the client's own CPU (one asyncio process: if it nears a core,
the client is the bottleneck). With one user, each page's own server CPU is
also measured, the figure of the "CPU per warm page" target. Before the steps
one user goes once round every page and period (warm-up, not counted);
within a step the users first connect and open their first page (the ramp,
not counted), then the clock runs.

By default the server is started here (`streamlit run serve.py`, on a free
port, DATABASE_URL set) and stopped afterwards; --compare-gc, or --variant,
starts one server per variant and runs the same load on each, step by step
in turn, so a setting can be compared in one run. --url takes a server that
is already running instead (--pid gives its process for CPU and RSS). The
database is the benchmark database of --scale (office_bench_s10, made and
filled as by `python -m benchmarks`), or --database-url; the sessions are the
account --login's (made as a viewer if missing) and are ended at the end.
The table is printed and written as JSON (--json).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import math
import os
import resource
import secrets
import shlex
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "benchmarks" / "load-results.json"
BENCHMARK_LOGIN = "benchmark.viewer"
PERIOD_ROTATION = ("quarter", "year", "last_month", "month")  # the filter changes, in turn
CYCLE = ("overview", "tasks", "documents", "filter")
PATHS = {"overview": "", "tasks": "tasks", "documents": "documents"}
GC_VARIANTS = (
    ("postScriptGC on (Streamlit's default)", "--runner.postScriptGC true"),
    ("postScriptGC off", "--runner.postScriptGC false"),
)
TARGETS = {"p95_s": {20: 1.0, 40: 2.0}, "cpu_ms_per_warm_page": 40.0, "rss_mb": 500.0, "soak_growth_pct": 10.0}


def _texts() -> dict:
    """The catalogue's words the client looks for (Vietnamese, the default language)."""
    from i18n import t

    return {
        "marks": {
            "overview": t("kpi.overdue"),
            "tasks": t("tasks.section_stuck"),
            "documents": t("docs.section_processing"),
        },
        "login": t("login.name"),
        "period_label": t("period.label"),
        "periods": {kind: t(f"period.{kind}") for kind in PERIOD_ROTATION},
    }


# --- the server's process -------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(
    database_url: str, extra: list[str], log: Path, timeout: float = 90, app_dir: Path = ROOT
) -> tuple[subprocess.Popen, str]:
    """`streamlit run serve.py` in `app_dir` on a free port of 127.0.0.1, reading `database_url`; its process and
    address. `extra`: more command-line options for streamlit; a NAME=VALUE word among them goes in its environment.
    """
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "OFFICE_EMBEDDED_DB")}
    env["DATABASE_URL"] = database_url
    options = []
    for word in extra:
        name, sep, value = word.partition("=")
        if sep and not word.startswith("-") and name.isupper():
            env[name] = value
        else:
            options.append(word)
    command = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(
        command + options, cwd=app_dir, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        try:
            urllib.request.urlopen(base + "/_stcore/health", timeout=2)
            return proc, base
        except OSError:
            time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError(f"streamlit did not start: {log.read_text(errors='replace')[-2000:]}")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int | None) -> float | None:
    """utime + stime of the process and its waited-for children, in seconds (/proc/<pid>/stat)."""
    if not pid:
        return None
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # after the command's name, which may hold spaces
    return sum(int(v) for v in fields[11:15]) / _TICKS  # fields 14-17 of proc(5): utime stime cutime cstime


def rss_mb(pid: int | None) -> float | None:
    if not pid:
        return None
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- login sessions -------------------------------------------------------------------------------------


def open_sessions(database_url: str, login: str, count: int) -> list[str]:
    """`count` live sessions of `login` (made as a viewer with a random password if it is missing)."""
    from data_access.accounts import sessions, users
    from data_access.core.engine import get_engine

    engine = get_engine(database_url)
    user = next((u for u in users.list_users(engine) if u.login == login), None)
    if user is None:
        user = users.create_user(engine, login, "viewer", "Đo hiệu năng", secrets.token_urlsafe(16))
    return [sessions.start_session(engine, user) for _ in range(count)]


def close_sessions(database_url: str, tokens: list[str]) -> None:
    from data_access.accounts import sessions
    from data_access.core.engine import get_engine

    engine = get_engine(database_url)
    for token in tokens:
        sessions.end_session(engine, token)


# --- one simulated user ---------------------------------------------------------------------------------


@dataclass
class Visit:
    kind: str
    started: float  # perf_counter
    seconds: float
    error: str | None = None
    server_cpu_s: float | None = None  # this page's own server CPU (one user only)


@dataclass
class User:
    """A browser tab as the server sees it: one websocket, one Streamlit session, one login session."""

    base: str
    token: str
    texts: dict
    page_timeout: float = 120.0
    cpu_probe: object = None  # () -> server CPU seconds, to time each page's own CPU (one user only)
    ws: object = None
    page_hash: str = ""
    query: str = ""
    pages: dict = field(default_factory=dict)  # url path -> page script hash, from the navigation message
    period_widget: tuple | None = None  # the period control's id, option labels and default label
    period_value: str | None = None  # the label last tapped
    period_turn: int = 0
    cache: dict = field(default_factory=dict)  # message hash -> (marks it held, problem), as the browser caches
    traces: list = field(default_factory=list)  # what the first few runs that did not render received

    async def connect(self) -> None:
        from websockets.asyncio.client import connect

        from ui.routes import COOKIE

        address = self.base.replace("http://", "ws://", 1).replace("https://", "wss://", 1) + "/_stcore/stream"
        self.ws = await connect(
            address,
            origin=self.base,
            additional_headers={"Cookie": f"{COOKIE}={self.token}"},
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=self.page_timeout,
            ping_interval=None,
        )
        self.page_hash, self.query, self.period_widget, self.period_value = "", "", None, None

    async def close(self) -> None:
        if self.ws is not None:
            with contextlib.suppress(Exception):
                await self.ws.close()
            self.ws = None

    def _state(self, path: str):
        from streamlit.proto.ClientState_pb2 import ClientState

        state = ClientState()
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = "Asia/Ho_Chi_Minh", -420, "vi-VN"
        info.url = f"{self.base}/{path}" + (f"?{self.query}" if self.query else "")
        info.is_embedded, info.color_scheme = False, "light"
        state.cached_message_hashes.extend(list(self.cache)[-1000:])
        if self.period_widget:  # the router's control stays on screen across pages: the browser sends its value
            widget_id, _, default = self.period_widget
            value = self.period_value or default
            if value:
                widget = state.widget_states.widgets.add()
                widget.id = widget_id
                widget.string_array_value.data.append(value)
        return state

    async def load(self, kind: str) -> Visit:
        """A fresh load of a page (typing its address): the page named by its path, no script hash yet."""
        state = self._state(PATHS[kind])
        state.page_name = PATHS[kind]
        return await self._run(kind, state)

    async def open(self, kind: str) -> Visit:
        """A tap on the page in the top navigation: its script hash, the address without a query."""
        self.query = ""
        state = self._state(PATHS[kind])
        known = self.pages.get(PATHS[kind])
        if known:
            state.page_script_hash = known
        else:
            state.page_name = PATHS[kind]
        return await self._run(kind, state)

    async def change_period(self, on: str) -> Visit:
        """A tap on the next period of the rotation, on the page open now (`on`)."""
        if self.period_widget is None:
            return Visit("filter", time.perf_counter(), 0.0, "no period control on the page")
        labels = self.period_widget[1]
        label = self.texts["periods"][PERIOD_ROTATION[self.period_turn % len(PERIOD_ROTATION)]]
        self.period_turn += 1
        if label not in labels:
            return Visit("filter", time.perf_counter(), 0.0, f"no period {label!r} offered")
        self.period_value = label
        state = self._state(PATHS[on])
        state.page_script_hash = self.page_hash
        state.query_string = self.query
        return await self._run("filter", state, expect=on)

    async def _run(self, kind: str, state, expect: str | None = None) -> Visit:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        message = BackMsg()
        message.rerun_script.CopyFrom(state)
        cpu_before = self.cpu_probe() if self.cpu_probe else None
        started = time.perf_counter()
        try:
            await self.ws.send(message.SerializeToString())
            problem = await asyncio.wait_for(self._until_finished(expect or kind), self.page_timeout)
        except TimeoutError:
            problem = f"no script_finished within {self.page_timeout:g} s"
            await self.close()  # the run may still be going: start afresh
        except Exception as exc:  # a dropped connection is counted, and the user reconnects
            problem = f"{type(exc).__name__}: {str(exc)[:120]}"
            await self.close()
        seconds = time.perf_counter() - started
        cpu = self.cpu_probe() - cpu_before if self.cpu_probe and cpu_before is not None else None
        return Visit(kind, started, seconds, problem, cpu)

    async def _until_finished(self, page: str) -> str | None:
        """Read the run's messages up to its script_finished; the reason it did not render, or None."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        marks = {name: text.encode() for name, text in self.texts["marks"].items()}
        login = self.texts["login"].encode()
        watched = [*marks.values(), login]
        started = False
        found: set[bytes] = set()
        problem: str | None = None
        trace: list[str] = []
        while True:
            data = await self.ws.recv(decode=False)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            trace.append(_describe(msg, kind, len(data)))
            if kind == "new_session":  # every run starts with one; what came before belongs to the last run
                started, found, problem = True, set(), None
                self.page_hash = msg.new_session.page_script_hash
                continue
            if kind == "navigation":  # the page the router chose (new_session names the main script on a load)
                self.pages = {p.url_pathname: p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
                continue
            if not started:
                continue
            if kind == "delta":
                hits = {w for w in watched if w in data}
                own = self._element_problem(msg)
                found |= hits
                problem = problem or own
                if msg.metadata.cacheable:
                    self.cache[msg.hash] = (hits, own)
            elif kind == "ref_hash":
                hits, own = self.cache.get(msg.ref_hash, (set(), None))
                found |= hits
                problem = problem or own
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                problem = problem or "page not found"
            elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
                problem = problem or "script compilation exception"
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:  # st.rerun(): the next run is the page
                    started = False
                    continue
                if status == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
                    continue
                if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    return "script did not compile"
                if problem:
                    return problem
                if login in found:
                    return "login form shown"
                if marks[page] not in found:
                    if len(self.traces) < 3:
                        self.traces.append({"page": page, "messages": trace[-80:]})
                    return f"{self.texts['marks'][page]!r} missing"
                return None

    def _element_problem(self, msg) -> str | None:
        delta = msg.delta
        if delta.WhichOneof("type") != "new_element":
            return None
        element = delta.new_element
        kind = element.WhichOneof("type")
        if kind == "exception":
            return f"exception {element.exception.type}: {element.exception.message[:100]}"
        if kind == "alert" and element.alert.format == 1:  # ERROR: the database problem box, a refused read
            return f"error box: {element.alert.body[:100]}"
        group = element.button_group
        if kind == "button_group" and group.label == self.texts["period_label"]:
            labels = [o.content for o in group.options]
            default = labels[group.default[0]] if group.default and group.default[0] < len(labels) else None
            self.period_widget = (group.id, labels, default)
        return None

    async def start(self, first: str) -> Visit:
        await self.close()
        await self.connect()
        return await self.load(first)

    async def act(self, action: str, current: str) -> Visit:
        if self.ws is None:  # dropped after an error: reconnect as a reload of the page
            visit = await self.start(current)
            if visit.error:
                return visit
        if action == "filter":
            return await self.change_period(current)
        return await self.open(action)


def _describe(msg, kind: str, size: int) -> str:
    """One received message in a word or two, for the trace of a page that did not render."""
    if kind == "delta":
        delta = msg.delta
        what = delta.WhichOneof("type")
        if what == "new_element":
            what = delta.new_element.WhichOneof("type")
            if what == "markdown":
                what += ":" + delta.new_element.markdown.body[:30]
        return f"{what} {list(msg.metadata.delta_path)} {size} B"
    if kind == "script_finished":
        return f"script_finished {msg.script_finished}"
    if kind == "new_session":
        return f"new_session {msg.new_session.page_script_hash[:8]}"
    return kind or "?"


async def _user_loop(user: User, offset: int, deadline: float, visits: list[Visit]) -> None:
    turn = offset
    current = user_first_page(offset)
    while time.perf_counter() < deadline:
        action = CYCLE[turn % len(CYCLE)]
        turn += 1
        try:
            visit = await user.act(action, current)
        except Exception as exc:  # cannot even reconnect: count it, wait a moment, try again
            visit = Visit(action, time.perf_counter(), 0.0, f"{type(exc).__name__}: {str(exc)[:120]}")
            await asyncio.sleep(1)
        visits.append(visit)
        if action != "filter" and not visit.error:
            current = action


def user_first_page(offset: int) -> str:
    """The page a user starts on: the one before its first action in the cycle (documents before a filter)."""
    previous = CYCLE[(offset - 1) % len(CYCLE)]
    return "documents" if previous == "filter" else previous


# --- a step: N users for some seconds -------------------------------------------------------------------


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _latency(times: list[float]) -> dict:
    if not times:
        return {"n": 0, "p50_ms": None, "p95_ms": None, "max_ms": None}
    return {
        "n": len(times),
        "p50_ms": statistics.median(times) * 1000,
        "p95_ms": _percentile(times, 0.95) * 1000,
        "max_ms": max(times) * 1000,
    }


async def run_step(
    base: str,
    tokens: list[str],
    seconds: float,
    pid: int | None,
    page_timeout: float = 120.0,
    sample_every: float | None = None,
    on_sample=None,
) -> dict:
    """`len(tokens)` users for `seconds` (after the ramp); the step's figures.

    `sample_every`: seconds between samples of the server's RSS (and pages so far) kept in the result.
    """
    texts = _texts()
    probe = (lambda: cpu_seconds(pid)) if pid and len(tokens) == 1 else None
    users = [User(base, token, texts, page_timeout, probe) for token in tokens]
    ramp_started = time.perf_counter()
    ramp = await asyncio.gather(*(u.start(user_first_page(i)) for i, u in enumerate(users)), return_exceptions=True)
    ramp_errors = [
        (r.error if isinstance(r, Visit) else f"{type(r).__name__}: {str(r)[:120]}")
        for r in ramp
        if not isinstance(r, Visit) or r.error
    ]
    ramp_seconds = time.perf_counter() - ramp_started

    visits: list[Visit] = []
    rss_samples: list[float] = []
    series: list[dict] = []
    cpu0, client0 = cpu_seconds(pid), _client_cpu()
    t0 = time.perf_counter()
    deadline = t0 + seconds

    async def sample() -> None:
        next_kept = t0 + sample_every if sample_every else None
        while True:
            value = rss_mb(pid)
            if value is not None:
                rss_samples.append(value)
            now = time.perf_counter()
            if next_kept and now >= next_kept:
                entry = {"at_s": round(now - t0, 1), "rss_mb": value, "pages": len(visits)}
                series.append(entry)
                if on_sample:
                    on_sample(entry)
                next_kept += sample_every
            await asyncio.sleep(1)

    sampler = asyncio.create_task(sample())
    try:
        await asyncio.gather(*(_user_loop(u, i, deadline, visits) for i, u in enumerate(users)))
    finally:
        sampler.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sampler
        elapsed = time.perf_counter() - t0
        cpu1, client1 = cpu_seconds(pid), _client_cpu()
        await asyncio.gather(*(u.close() for u in users))

    done = [v for v in visits if not v.error]
    errors: dict[str, int] = {}
    for reason in ramp_errors + [f"{v.kind}: {v.error}" for v in visits if v.error]:
        errors[reason] = errors.get(reason, 0) + 1
    pages = len(done)
    server_cpu = (cpu1 - cpu0) if cpu0 is not None and cpu1 is not None else None
    final_rss = rss_mb(pid)
    by_page = {}
    for kind in CYCLE:
        mine = [v for v in done if v.kind == kind]
        entry = _latency([v.seconds for v in mine])
        cpus = [v.server_cpu_s for v in mine if v.server_cpu_s is not None]
        entry["server_cpu_ms"] = statistics.mean(cpus) * 1000 if cpus else None
        by_page[kind] = entry
    warm = [by_page[k]["server_cpu_ms"] for k in ("overview", "tasks", "documents")]
    return {
        "users": len(tokens),
        "load_average": os.getloadavg()[0],
        "seconds": elapsed,
        "ramp_s": ramp_seconds,
        "pages": pages,
        "pages_per_s": pages / elapsed if elapsed else 0.0,
        **{k: v for k, v in _latency([v.seconds for v in done]).items() if k != "n"},
        "errors": sum(errors.values()),
        "error_reasons": errors,
        "server_cpu_s": server_cpu,
        "server_cpu_ms_per_page": server_cpu / pages * 1000 if server_cpu is not None and pages else None,
        "server_cpu_ms_per_warm_page": statistics.mean(warm) if all(w is not None for w in warm) else None,
        "server_rss_mb": final_rss,
        "server_rss_max_mb": max(rss_samples) if rss_samples else final_rss,
        "client_cpu_s": client1 - client0,
        "client_cpu_pct": (client1 - client0) / elapsed * 100 if elapsed else None,
        "client_cpu_ms_per_page": (client1 - client0) / pages * 1000 if pages else None,
        "by_page": by_page,
        **({"rss_series": series} if sample_every else {}),
        "failure_traces": [trace for u in users for trace in u.traces][:3],
    }


async def warm_up(base: str, token: str, page_timeout: float = 120.0) -> dict:
    """One user once round every page under every period of the rotation (not counted); its errors."""
    user = User(base, token, _texts(), page_timeout)
    errors: list[str] = []
    started = time.perf_counter()
    try:
        first = await user.start("overview")
        errors += [first.error] if first.error else []
        current = "overview"
        for _ in PERIOD_ROTATION:
            for action in ("tasks", "documents", "filter", "overview"):
                visit = await user.act(action, current)
                if visit.error:
                    errors.append(f"{action}: {visit.error}")
                elif action != "filter":
                    current = action
    finally:
        await user.close()
    return {"seconds": time.perf_counter() - started, "errors": errors}


# --- the command ----------------------------------------------------------------------------------------


def _mask(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _rows(database_url: str) -> dict:
    from sqlalchemy import text

    from data_access.core.engine import get_engine

    with get_engine(database_url).connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in ("documents", "tasks")}


def _fmt(value, digits: int = 0) -> str:
    if value is None:
        return "-"
    return f"{value:,.{digits}f}"


def print_table(variants: list[dict]) -> None:
    width = max([len(v["name"]) for v in variants] + [7])
    print(
        f"\n{'variant':<{width}} {'users':>5} {'pages':>6} {'pages/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} "
        f"{'errors':>6} {'CPU ms/page':>11} {'warm CPU ms':>11} {'RSS MB':>6} {'max RSS':>7} {'client CPU':>10}"
    )
    users = sorted({s["users"] for v in variants for s in v["steps"]})
    for n in users:
        for variant in variants:
            for s in (s for s in variant["steps"] if s["users"] == n):
                print(
                    f"{variant['name']:<{width}} {n:>5} {s['pages']:>6} {_fmt(s['pages_per_s'], 1):>7} "
                    f"{_fmt(s['p50_ms']):>7} {_fmt(s['p95_ms']):>7} {_fmt(s['max_ms']):>7} {s['errors']:>6} "
                    f"{_fmt(s['server_cpu_ms_per_page']):>11} {_fmt(s['server_cpu_ms_per_warm_page']):>11} "
                    f"{_fmt(s['server_rss_mb']):>6} {_fmt(s['server_rss_max_mb']):>7} "
                    f"{_fmt(s['client_cpu_pct']) + ' %':>10}"
                )
    for variant in variants:
        for s in variant["steps"]:
            for reason, count in list(s["error_reasons"].items())[:5]:
                print(f"  {variant['name']}, {s['users']} user(s): {count} x {reason}")
    one = [(v["name"], s) for v in variants for s in v["steps"] if s["users"] == 1]
    for name, s in one:
        parts = ", ".join(
            f"{k} {_fmt(p['p50_ms'])} ms / CPU {_fmt(p['server_cpu_ms'])} ms" for k, p in s["by_page"].items()
        )
        print(f"  {name}, 1 user, each page (median time / its server CPU): {parts}")


def print_targets(variants: list[dict]) -> list[dict]:
    """Each target against each variant's figures: printed, and returned for the JSON."""
    checks = []
    for variant in variants:
        steps = {s["users"]: s for s in variant["steps"]}
        for n, limit in TARGETS["p95_s"].items():
            if n in steps and steps[n]["p95_ms"] is not None:
                checks.append((variant["name"], f"{n} users p95 <= {limit:g} s", steps[n]["p95_ms"] / 1000, limit))
        if steps:
            errors = sum(s["errors"] for s in steps.values())
            checks.append((variant["name"], "no errors", errors, 0))
            rss = max(s["server_rss_max_mb"] or 0 for s in steps.values())
            checks.append((variant["name"], f"RSS <= {TARGETS['rss_mb']:g} MB", rss, TARGETS["rss_mb"]))
        if 1 in steps and steps[1]["server_cpu_ms_per_warm_page"] is not None:
            limit = TARGETS["cpu_ms_per_warm_page"]
            checks.append(
                (variant["name"], f"CPU per warm page <= {limit:g} ms", steps[1]["server_cpu_ms_per_warm_page"], limit)
            )
        soak = variant.get("soak")
        if soak and soak.get("growth_pct") is not None:
            limit = TARGETS["soak_growth_pct"]
            checks.append((variant["name"], f"soak RSS growth <= {limit:g} %", soak["growth_pct"], limit))
    out = []
    if checks:
        print("\nTargets:")
    for name, what, value, limit in checks:
        ok = value <= limit
        print(f"  {'met ' if ok else 'MISS'} {name}: {what} ({_fmt(value, 2)})")
        out.append({"variant": name, "target": what, "value": value, "limit": limit, "met": ok})
    return out


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks load", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", default="1,10,20,40", help="the steps' numbers of users, e.g. 1,10,20,40")
    parser.add_argument("--seconds", type=float, default=30, help="seconds each step runs after its ramp")
    parser.add_argument("--soak", type=float, metavar="MINUTES", help="one long step instead (users: the first)")
    parser.add_argument("--sample-seconds", type=float, default=60, help="with --soak: seconds between RSS samples")
    parser.add_argument("--max-total-seconds", type=float, default=1800, help="no step starts after this")
    parser.add_argument("--max-users", type=int, default=200, help="refuse more users than this")
    parser.add_argument("--page-timeout", type=float, default=120, help="seconds a page may take before an error")
    parser.add_argument("--scale", type=float, default=10, help="the benchmark database office_bench_s<scale>")
    parser.add_argument(
        "--server", default=os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--database-url", help="this database instead of the benchmark one (SQLite too)")
    parser.add_argument("--login", default=BENCHMARK_LOGIN, help="the account of the sessions (made if missing)")
    parser.add_argument("--url", help="a running server instead of starting one, e.g. http://127.0.0.1:8501")
    parser.add_argument("--pid", type=int, help="with --url: the server's process, for its CPU and RSS")
    parser.add_argument("--compare-gc", action="store_true", help="runner.postScriptGC true and false side by side")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME=OPTIONS",
        help="a server started with these streamlit options (NAME=VALUE words go in its environment); repeatable",
    )
    parser.add_argument("--app-dir", default=str(ROOT), help="the checkout whose serve.py is started (default: this)")
    parser.add_argument("--no-warm-up", action="store_true", help="measure from a cold server")
    parser.add_argument("--json", default=str(DEFAULT_JSON))
    return parser


def _variants(args) -> list[tuple[str, list[str]]]:
    found = [(name, shlex.split(options)) for name, options in GC_VARIANTS] if args.compare_gc else []
    for spec in args.variant:
        name, _, options = spec.partition("=")
        found.append((name.strip(), shlex.split(options)))
    return found or [("server" if args.url else "default", [])]


def main(argv: list[str] | None = None) -> dict:
    args = _parser().parse_args(argv)
    users = [int(n) for n in str(args.users).split(",") if n.strip()]
    if args.soak:
        users = users[:1] if args.users != "1,10,20,40" else [20]
    if not users or min(users) < 1 or max(users) > args.max_users:
        raise SystemExit(f"--users: between 1 and {args.max_users} (--max-users)")
    variants = _variants(args)
    if args.url and len(variants) > 1:
        raise SystemExit("--url measures one running server: variants need servers started here")
    cap = max(args.max_total_seconds, (args.soak or 0) * 60 + 600)
    began = time.monotonic()

    if args.database_url:
        database_url = args.database_url
    else:
        from benchmarks.__main__ import _database

        database_url, _ = _database(args.server, args.scale, False)
    rows = _rows(database_url)
    print(f"Database {_mask(database_url)}: {rows['documents']:,} documents, {rows['tasks']:,} tasks")
    tokens = open_sessions(database_url, args.login, max(users) + 1)
    logs = Path(os.environ.get("TMPDIR", "/tmp"))
    servers: list[dict] = []
    results = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": _mask(database_url),
        "rows": rows,
        "users": users,
        "seconds_per_step": args.seconds,
        "soak_minutes": args.soak,
        "cores": os.cpu_count(),
        "app_dir": args.app_dir,
        "variants": [],
        "skipped": [],
    }
    try:
        for i, (name, options) in enumerate(variants):
            entry = {"name": name, "server_options": options, "steps": []}
            if args.url:
                base, pid = args.url.rstrip("/"), args.pid
            else:
                log = logs / f"load-server-{i}.log"
                proc, base = start_server(database_url, options, log, app_dir=Path(args.app_dir))
                servers.append({"proc": proc})
                pid = proc.pid
                entry["server_log"] = str(log)
                print(f"{name}: server {base} (pid {pid}{', ' + ' '.join(options) if options else ''})")
            entry["rss_at_start_mb"] = rss_mb(pid)
            if not args.no_warm_up:
                warm = asyncio.run(warm_up(base, tokens[-1], args.page_timeout))
                entry["warm_up"] = warm
                failed = f", errors: {warm['errors'][:3]}" if warm["errors"] else ""
                print(f"  warm-up {warm['seconds']:.0f} s{failed}")
            entry["rss_after_warm_up_mb"] = rss_mb(pid)
            entry["_base"], entry["_pid"] = base, pid
            results["variants"].append(entry)

        for n in users:
            for entry in results["variants"]:
                step_seconds = args.soak * 60 if args.soak else args.seconds
                if time.monotonic() - began + step_seconds > cap:
                    results["skipped"].append({"variant": entry["name"], "users": n, "why": "total time cap"})
                    print(f"  skipped {entry['name']}, {n} users: --max-total-seconds {cap:g}")
                    continue
                label = f"{entry['name']}, {n} user{'s' if n > 1 else ''}"

                def show(sample, label=label):
                    rss = _fmt(sample["rss_mb"])
                    print(f"  {label}: {sample['at_s']:.0f} s, RSS {rss} MB, {sample['pages']} pages")

                step = asyncio.run(
                    run_step(
                        entry["_base"],
                        tokens[:n],
                        step_seconds,
                        entry["_pid"],
                        args.page_timeout,
                        sample_every=args.sample_seconds if args.soak else None,
                        on_sample=show if args.soak else None,
                    )
                )
                entry["steps"].append(step)
                print(
                    f"  {label}: {step['pages']} pages, {step['pages_per_s']:.1f}/s, p50 {_fmt(step['p50_ms'])} ms, "
                    f"p95 {_fmt(step['p95_ms'])} ms, {step['errors']} errors"
                )
                if args.soak:
                    series = [s["rss_mb"] for s in step.get("rss_series", []) if s["rss_mb"] is not None]
                    first, last = (series[0], series[-1]) if series else (None, None)
                    entry["soak"] = {
                        "minutes": args.soak,
                        "users": n,
                        "sample_seconds": args.sample_seconds,
                        "rss_before_mb": entry["rss_after_warm_up_mb"],
                        "rss_first_sample_mb": first,
                        "rss_last_mb": last,
                        "rss_max_mb": step["server_rss_max_mb"],
                        "growth_pct": (last - first) / first * 100 if first else None,
                    }
    finally:
        for server in servers:
            stop_server(server["proc"])
        close_sessions(database_url, tokens)
        for entry in results["variants"]:
            entry.pop("_base", None)
            entry.pop("_pid", None)

    print_table(results["variants"])
    for entry in results["variants"]:
        if entry.get("soak"):
            s = entry["soak"]
            print(
                f"  {entry['name']}: soak {s['minutes']:g} min at {s['users']} users: "
                f"RSS {_fmt(s['rss_before_mb'])} MB before, {_fmt(s['rss_first_sample_mb'])} MB after "
                f"{s['sample_seconds']:g} s, {_fmt(s['rss_last_mb'])} MB at the end (max {_fmt(s['rss_max_mb'])}): "
                f"growth {_fmt(s['growth_pct'], 1)} % from the first sample"
            )
    results["targets"] = print_targets(results["variants"])
    results["seconds_total"] = time.monotonic() - began
    Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    print(f"\nWritten to {args.json}")
    return results


if __name__ == "__main__":
    main()
