"""The load benchmark against the cluster's front address, with 1, 2 and 3 app processes (and the replica on or
off), side by side in one run.

    python -m benchmarks cluster                                  # 1,2,3 processes, replica on; 3 without it
    python -m benchmarks cluster --processes 1,2,3 --users 20,40 --seconds 30 --scale 10
    python -m benchmarks cluster --dir /tmp/office-bench-cluster --keep   # reuse the cluster next time

It starts its own cluster (scripts/cluster up, the demo at --scale loaded into the cluster's primary and
copied to the standby by pg_basebackup; nothing on 5432 is touched) unless --dir already holds one, then
for each variant restarts the app tier (scripts/cluster apps --replicas N [--no-read-replica]), warms it
up through HAProxy and runs the load benchmark's simulated users (benchmarks/load.py) against the front
address. Figures per step: pages/s, p50/p95/max, errors, the CPU of all app processes and of the two
PostgreSQL servers per page.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.load import _fmt, close_sessions, cpu_seconds, open_sessions, run_step, warm_up

ROOT = Path(__file__).resolve().parent.parent
CLUSTER = [sys.executable, str(ROOT / "scripts" / "cluster.py")]
DEFAULT_JSON = ROOT / "benchmarks" / "cluster-results.json"


def _cluster(folder: Path, *args: str) -> str:
    done = subprocess.run([*CLUSTER, "--dir", str(folder), *args], capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"scripts/cluster {' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    return done.stdout


def _postgres_pids(folder: Path) -> list[int]:
    """Every process of the two servers (postmaster and backends), for their CPU."""
    pids = []
    for name in ("primary", "replica"):
        pidfile = folder / name / "postmaster.pid"
        if pidfile.exists():
            main = int(pidfile.read_text().split()[0])
            children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
            pids += [main, *map(int, children)]
    return pids


def _cpu(pids: list[int]) -> float:
    return sum(c for c in (cpu_seconds(p) for p in pids) if c is not None)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", default="1,2,3", help="the app processes of each variant, e.g. 1,2,3")
    parser.add_argument("--no-replica-variant", action="store_true", help="skip the variant reading the primary only")
    parser.add_argument("--users", default="20,40", help="the steps' numbers of users")
    parser.add_argument("--seconds", type=float, default=30, help="seconds each step runs after its ramp")
    parser.add_argument("--scale", type=float, default=10, help="the demo's volume in the cluster (seed-demo)")
    parser.add_argument("--dir", help="the cluster's folder (default: a new one under /tmp, removed after)")
    parser.add_argument("--keep", action="store_true", help="leave the cluster's databases for the next run")
    parser.add_argument("--page-timeout", type=float, default=120)
    parser.add_argument("--json", default=str(DEFAULT_JSON))
    return parser


def main(argv: list[str] | None = None) -> dict:
    args = _parser().parse_args(argv)
    processes = [int(n) for n in args.processes.split(",") if n.strip()]
    users = [int(n) for n in args.users.split(",") if n.strip()]
    variants = [(f"{n} process{'es' if n > 1 else ''}, replica", n, True) for n in processes]
    if not args.no_replica_variant:
        variants.append((f"{max(processes)} processes, primary only", max(processes), False))
    folder = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="office-bench-cluster-"))
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    began = time.monotonic()
    fresh = not (folder / "cluster.json").exists()
    print(f"cluster in {folder} ({'new, scale ' + format(args.scale, 'g') if fresh else 'reused'})", flush=True)
    if fresh:
        _cluster(folder, "up", "--replicas", str(max(processes)), "--port", "0", "--scale", f"{args.scale:g}")
    else:
        _cluster(folder, "up", "--replicas", str(max(processes)), "--port", "0")
    state = json.loads((folder / "cluster.json").read_text())
    primary = f"postgresql://postgres:{state['pg_password']}@127.0.0.1:{state['primary_port']}/office"
    front = f"http://127.0.0.1:{state['front_port']}"
    print(f"up after {time.monotonic() - began:.0f} s: {front}", flush=True)
    try:
        tokens = open_sessions(primary, "bench_viewer", max(users) + 1)
    except BaseException:
        _cluster(folder, "down", *([] if args.keep else ["--clean"]))
        raise
    results = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cores": os.cpu_count(),
        "scale": args.scale,
        "users": users,
        "seconds_per_step": args.seconds,
        "variants": [],
    }
    try:
        for name, n, replica in variants:
            _cluster(folder, "apps", "--replicas", str(n), *([] if replica else ["--no-read-replica"]))
            state = json.loads((folder / "cluster.json").read_text())
            app_pids = [a["pid"] for a in state["apps"]]
            warm = asyncio.run(warm_up(front, tokens[-1], args.page_timeout))
            # each process warms its own cache: a few more rounds, as the balancer spreads new sessions
            for _ in range(n - 1):
                asyncio.run(warm_up(front, tokens[-1], args.page_timeout))
            entry = {"name": name, "processes": n, "read_replica": replica, "warm_up_errors": warm["errors"]}
            entry["steps"] = []
            failed = f", errors {warm['errors'][:2]}" if warm["errors"] else ""
            print(f"{name}: warm-up {warm['seconds']:.0f} s{failed}", flush=True)
            for count in users:
                apps0, pg0 = _cpu(app_pids), _cpu(_postgres_pids(folder))
                step = asyncio.run(run_step(front, tokens[:count], args.seconds, None, args.page_timeout))
                apps1, pg1 = _cpu(app_pids), _cpu(_postgres_pids(folder))
                pages = step["pages"] or 1
                step["apps_cpu_ms_per_page"] = (apps1 - apps0) / pages * 1000
                step["postgres_cpu_ms_per_page"] = (pg1 - pg0) / pages * 1000
                step["apps_cpu_cores"] = (apps1 - apps0) / step["seconds"] if step["seconds"] else None
                step.pop("failure_traces", None)
                entry["steps"].append(step)
                print(
                    f"  {count} users: {step['pages']} pages, {step['pages_per_s']:.1f}/s, "
                    f"p50 {_fmt(step['p50_ms'])} ms, p95 {_fmt(step['p95_ms'])} ms, {step['errors']} errors; "
                    f"CPU a page: apps {_fmt(step['apps_cpu_ms_per_page'])} ms, "
                    f"PostgreSQL {_fmt(step['postgres_cpu_ms_per_page'])} ms; "
                    f"load {step['load_average']:.1f}",
                    flush=True,
                )
            results["variants"].append(entry)
    finally:
        close_sessions(primary, tokens)
        _cluster(folder, "down", *([] if args.keep else ["--clean"]))
    print(
        f"\n{'variant':<28} {'users':>5} {'pages/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6} {'apps CPU/page':>13}"
    )
    for count in users:
        for entry in results["variants"]:
            for s in (s for s in entry["steps"] if s["users"] == count):
                print(
                    f"{entry['name']:<28} {count:>5} {_fmt(s['pages_per_s'], 1):>7} {_fmt(s['p50_ms']):>7} "
                    f"{_fmt(s['p95_ms']):>7} {s['errors']:>6} {_fmt(s['apps_cpu_ms_per_page']) + ' ms':>13}"
                )
    results["seconds_total"] = time.monotonic() - began
    Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    print(f"\nWritten to {args.json}")
    return results


if __name__ == "__main__":
    main()
