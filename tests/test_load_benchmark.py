"""The load benchmark (benchmarks/load.py) against a real server on a small SQLite demo: two users, a few seconds.

Not a speed test: it checks that the simulated users really sign in and see the pages drawn, that a user
without a live session is caught as an error, and that the JSON holds the figures the README quotes.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from benchmarks import load
from data_access.core import clock
from data_access.core.config import PROJECT_ROOT
from data_access.core.engine import get_engine
from data_access.core.migrate import upgrade
from data_access.core.schema import login_sessions
from data_access.demo.seed import seed_demo

STEP_FIELDS = (
    "users",
    "pages",
    "pages_per_s",
    "p50_ms",
    "p95_ms",
    "max_ms",
    "errors",
    "error_reasons",
    "server_cpu_ms_per_page",
    "server_rss_mb",
    "server_rss_max_mb",
    "client_cpu_pct",
    "by_page",
)


@pytest.fixture(scope="module")
def small_server(tmp_path_factory):
    """A tenth of the demo province in SQLite, served by `streamlit run serve.py`."""
    tmp = tmp_path_factory.mktemp("load")
    url = f"sqlite:///{tmp / 'office.db'}"
    engine = get_engine(url)
    upgrade(engine)
    seed_demo(engine, clock.now_utc(), scale=0.1)
    # No file watcher: others editing this working tree would reload modules under the running server.
    proc, base = load.start_server(url, ["--server.fileWatcherType", "none"], tmp / "server.log")
    yield url, base, proc.pid, tmp
    load.stop_server(proc)


def test_two_users_see_every_page_drawn_and_the_json_has_the_figures(small_server):
    url, base, pid, tmp = small_server
    out = tmp / "load.json"
    argv = ["--url", base, "--pid", str(pid), "--database-url", url, "--users", "2", "--seconds", "4"]
    load.main([*argv, "--json", str(out)])
    results = json.loads(out.read_text())
    variant = results["variants"][0]
    assert variant["warm_up"]["errors"] == []  # every page and every period of the rotation, the filter included
    (step,) = variant["steps"]
    assert set(STEP_FIELDS) <= set(step)
    assert step["users"] == 2 and step["errors"] == 0, step["error_reasons"]
    assert step["pages"] >= 4 and step["pages_per_s"] > 0
    assert step["p50_ms"] <= step["p95_ms"] <= step["max_ms"]
    assert step["server_cpu_ms_per_page"] > 0 and step["server_rss_mb"] > 50
    assert {kind for kind, figures in step["by_page"].items() if figures["n"]} >= {"overview", "tasks"}
    assert results["targets"] and results["rows"]["documents"] > 0
    with get_engine(url).connect() as conn:  # the benchmark's sessions are ended
        live = select(func.count()).select_from(login_sessions).where(login_sessions.c.ended_at.is_(None))
        assert conn.execute(live).scalar_one() == 0


def test_a_user_without_a_live_session_is_an_error(small_server):
    """The login form instead of the page counts as an error: the check is not vacuous."""
    import asyncio

    _, base, _, _ = small_server

    async def visit():
        user = load.User(base, "no-such-session", load._texts())
        try:
            return await user.start("tasks")
        finally:
            await user.close()

    assert asyncio.run(visit()).error == "login form shown"


def test_the_command_line_offers_the_load_benchmark():
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "load", "--help"], cwd=PROJECT_ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "--compare-gc" in done.stdout and "--soak" in done.stdout


def test_a_soak_samples_the_servers_memory_and_reports_its_growth(small_server):
    url, base, pid, tmp = small_server
    out = tmp / "soak.json"
    argv = ["--url", base, "--pid", str(pid), "--database-url", url, "--users", "1", "--no-warm-up"]
    load.main([*argv, "--soak", "0.1", "--sample-seconds", "2", "--json", str(out)])
    variant = json.loads(out.read_text())["variants"][0]
    soak, (step,) = variant["soak"], variant["steps"]
    assert step["errors"] == 0, step["error_reasons"]
    assert len(step["rss_series"]) >= 2 and all(s["rss_mb"] > 50 for s in step["rss_series"])
    assert soak["rss_first_sample_mb"] > 50 and soak["growth_pct"] is not None
