"""Benchmark every page at several scales on PostgreSQL; print a table and write it as JSON.

    python -m benchmarks                       scale 1 and 10, 20 concurrent sessions
    python -m benchmarks --scales 1 --sessions 0
    python -m benchmarks load [--users 1,10,20,40] [--compare-gc] [--soak 30]   the running server under load

For each scale a database office_bench_s<scale> is created on the server
(--server, default postgresql://postgres@127.0.0.1:5432/postgres) and filled
with the demo province at that scale, unless it already holds it (--fresh
makes it anew). Each page, in its default and a filtered view, is run with
AppTest cold (caches cleared) and warm; the same SQL is run straight on the
data layer; every statement's returned rows are counted; the process's peak
memory is read. Then N browser sessions open pages and change a filter
against one running server. Timings vary on a shared machine: they are
printed, not asserted.

AppTest's runner skips the full garbage collection a server runs after every
script run (runner.postScriptGC): its warm times are the page's own work, for
the ratio of page to SQL. What a running server costs, and how it holds up
under many users, is `python -m benchmarks load` (benchmarks/load.py).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import time
from pathlib import Path

from sqlalchemy import create_engine, event, func, select, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")


def _database(server: str, scale: float, fresh: bool) -> tuple[str, float | None]:
    """The URL of the benchmark database for a scale, filled if needed; and the seconds seeding took."""
    from data_access.core import clock
    from data_access.core.engine import get_engine
    from data_access.core.migrate import upgrade
    from data_access.core.schema import documents
    from data_access.demo.seed import seed_demo

    name = f"office_bench_s{scale:g}".replace(".", "_")
    admin = create_engine(make_url(server).set(drivername="postgresql+psycopg2"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if exists and fresh:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            exists = None
        if not exists:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    engine = get_engine(url, bounded=False)  # a migration's backfill or the bulk load may take minutes
    upgrade(engine)
    with engine.connect() as conn:
        filled = conn.execute(select(func.count()).select_from(documents)).scalar_one()
    seconds = None
    if not filled:
        started = time.perf_counter()
        seed_demo(engine, clock.now_utc(), scale=scale)
        with engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        seconds = time.perf_counter() - started
    return url, seconds


def _empty_page_seconds() -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string("import streamlit as st\nst.write('x')")
    at.run()
    started = time.perf_counter()
    at.run()
    return time.perf_counter() - started


def _viewer_token(url: str) -> str:
    """A session of the benchmark's own viewer account (made on first use, random password)."""
    import secrets

    from data_access.accounts import sessions as login_sessions
    from data_access.accounts import users
    from data_access.core.engine import get_engine

    engine = get_engine(url)
    login = "benchmark.viewer"
    user = next((u for u in users.list_users(engine) if u.login == login), None) or users.create_user(
        engine, login, "viewer", "Đo hiệu năng", secrets.token_urlsafe(16)
    )
    return login_sessions.start_session(engine, user)


def _page_run(url: str, page: str, query: dict) -> tuple[float, float, list[int]]:
    """Cold and warm seconds of one page run, and the rows each statement returned (cold run)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from data_access.core.engine import get_engine

    os.environ["DATABASE_URL"] = url
    rows: list[int] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            rows.append(cursor.rowcount)

    from ui import keys

    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.session_state[keys.SESSION_TOKEN] = _viewer_token(url)
    at.run()  # the router's first run: schema check, default page
    st.cache_data.clear()
    engine = get_engine(url)
    event.listen(engine, "after_cursor_execute", count)
    started = time.perf_counter()
    at.switch_page(page).run()
    cold = time.perf_counter() - started
    event.remove(engine, "after_cursor_execute", count)
    if at.exception:
        raise RuntimeError(f"{page}: {at.exception[0].value}")
    started = time.perf_counter()
    at.switch_page(page).run()
    warm = time.perf_counter() - started
    return cold, warm, rows


def _sql_seconds(url: str, page: str, view: str) -> float:
    from benchmarks.pages import replay
    from data_access.core import clock
    from data_access.core.engine import get_engine

    engine = get_engine(url)
    replay(engine, page, view, clock.now_utc())  # warm the database's own caches, as the page run did
    started = time.perf_counter()
    replay(engine, page, view, clock.now_utc())
    return time.perf_counter() - started


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _concurrent(url: str, sessions: int, limit_seconds: float = 180) -> dict:
    """N browser sessions against one server: open a page, wait until it has finished, change the period."""
    import asyncio
    import socket
    import subprocess
    import sys
    import urllib.request

    from playwright.async_api import async_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    from ui.session import COOKIE

    env = dict(os.environ, DATABASE_URL=url)
    token = _viewer_token(url)
    log = open(Path(os.environ.get("TMPDIR", "/tmp")) / "benchmark-server.log", "w")  # noqa: SIM115 (open while the server runs)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            APP,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(base + "/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        paths = ["/", "/tasks", "/documents", "/meetings", "/points"]
        # finished: the page's content is there and the script is no longer running
        finished = (
            '() => document.querySelector(\'[data-testid="stMetric"], [data-testid="stDataFrame"]\')'
            " && !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        )
        wait_ms = limit_seconds * 1000

        async def one(browser, i, times, failures):
            context = await browser.new_context(viewport={"width": 1024, "height": 768})
            await context.add_cookies([{"name": COOKIE, "value": token, "url": base}])
            page = await context.new_page()
            try:
                started = time.perf_counter()
                await page.goto(base + paths[i % len(paths)], timeout=wait_ms)
                await page.wait_for_timeout(300)
                await page.wait_for_function(finished, timeout=wait_ms)
                times.append(time.perf_counter() - started)
                started = time.perf_counter()
                await page.get_by_role("radio", name="Quý này").click(timeout=wait_ms)
                await page.wait_for_timeout(300)
                await page.wait_for_function(finished, timeout=wait_ms)
                times.append(time.perf_counter() - started)
            except Exception as exc:  # a session that does not finish is counted, not fatal
                if not failures:
                    await page.screenshot(path=str(Path(os.environ.get("TMPDIR", "/tmp")) / "benchmark-failure.png"))
                failures.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
            finally:
                await context.close()

        async def run():
            times: list[float] = []
            failures: list[str] = []
            async with async_playwright() as p:
                browser = await p.chromium.launch(
                    executable_path="/usr/bin/chromium",
                    args=[
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                    ],
                )
                await asyncio.wait_for(
                    asyncio.gather(*(one(browser, i, times, failures) for i in range(sessions))),
                    timeout=limit_seconds * 2,
                )
                await browser.close()
            return times, failures

        times, failures = asyncio.run(run())
        times.sort()
        if not times:
            return {"sessions": sessions, "page_loads": 0, "failures": failures}
        return {
            "sessions": sessions,
            "page_loads": len(times),
            "failures": failures,
            "median_s": statistics.median(times),
            "p95_s": times[max(0, int(round(0.95 * len(times))) - 1)],
            "max_s": times[-1],
        }
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    import sys

    if sys.argv[1:2] == ["load"]:  # the load benchmark of a running server (benchmarks/load.py)
        from benchmarks.load import main as load

        load(sys.argv[2:])
        return
    if sys.argv[1:2] == ["cluster"]:  # the same against the scale-out cluster, 1, 2 and 3 processes (cluster.py)
        from benchmarks.cluster import main as cluster

        cluster(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", type=float, nargs="+", default=[1, 10])
    parser.add_argument(
        "--server", default=os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    )
    parser.add_argument("--fresh", action="store_true", help="make the benchmark databases anew")
    parser.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (0: none)")
    parser.add_argument("--json", default=str(ROOT / "benchmarks" / "results.json"))
    args = parser.parse_args()

    os.environ.pop("OFFICE_FROZEN_NOW", None)
    empty = _empty_page_seconds()
    results = {"empty_page_s": empty, "scales": []}
    print(f"Empty Streamlit page: {empty * 1000:.0f} ms")
    for scale in args.scales:
        url, seeded = _database(args.server, scale, args.fresh)
        from data_access.core.engine import get_engine

        with get_engine(url).connect() as conn:
            counts = {
                t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("documents", "tasks", "task_events", "meetings", "meeting_points", "point_checks")
            }
        entry = {"scale": scale, "seed_s": seeded, "rows": counts, "pages": []}
        print(
            f"\nScale {scale:g}: "
            + ", ".join(f"{k} {v:,}" for k, v in counts.items())
            + (f" (seeded in {seeded:.0f} s)" if seeded else "")
        )
        print(
            f"{'page':<10} {'view':<9} {'cold ms':>8} {'warm ms':>8} {'SQL ms':>7} {'cold/SQL':>8} "
            f"{'budget':>7} {'stmts':>5} {'max rows':>8} {'peak MB':>8}"
        )
        from benchmarks.pages import VIEWS

        for (page, view), (script, query, _) in VIEWS.items():
            cold, warm, rows = _page_run(url, script, query)
            sql = _sql_seconds(url, page, view)
            budget_ok = cold <= 1.5 * sql + empty
            row = {
                "page": page,
                "view": view,
                "cold_s": cold,
                "warm_s": warm,
                "sql_s": sql,
                "ratio": cold / sql if sql else None,
                "within_budget": budget_ok,
                "statements": len(rows),
                "max_rows": max(rows, default=0),
                "peak_mb": _peak_mb(),
            }
            entry["pages"].append(row)
            print(
                f"{page:<10} {view:<9} {cold * 1000:>8.0f} {warm * 1000:>8.0f} {sql * 1000:>7.0f} "
                f"{row['ratio'] or 0:>8.1f} {'ok' if budget_ok else 'over':>7} {len(rows):>5} "
                f"{row['max_rows']:>8} {row['peak_mb']:>8.0f}"
            )
        if args.sessions:
            entry["concurrency"] = _concurrent(url, args.sessions)
            c = entry["concurrency"]
            if c["page_loads"]:
                print(
                    f"{args.sessions} concurrent sessions, {c['page_loads']} finished pages "
                    f"({len(c['failures'])} sessions did not finish): median {c['median_s']:.2f} s, "
                    f"95th percentile {c['p95_s']:.2f} s, max {c['max_s']:.2f} s"
                )
            else:
                print(f"{args.sessions} concurrent sessions: none finished ({c['failures'][:3]})")
        results["scales"].append(entry)
    Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    print(f"\nWritten to {args.json}")


if __name__ == "__main__":
    main()
