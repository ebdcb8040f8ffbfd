"""A local cluster of the dashboard on loopback: a PostgreSQL primary and a streaming hot standby, N app
processes and HAProxy in front, keeping each browser session on one process.

    scripts/cluster up [--replicas 3] [--port 8600] [--dir .cluster] [--from-database URL] [--no-read-replica]
    scripts/cluster status [--json]
    scripts/cluster apps --replicas 2 [--no-read-replica]   # the app tier and the balancer again, same databases
    scripts/cluster stop primary|replica|app2 [--kill]     # faults, for the tests and a demonstration
    scripts/cluster start primary|replica|app2
    scripts/cluster down [--clean]

Everything it starts is recorded in DIR/cluster.json and stopped by `down`. It runs initdb and
pg_basebackup from /usr/lib/postgresql/15/bin (PG_BIN) into DIR, on ports of its own: the server on
5432 is touched only to read a database named with --from-database. As root, the PostgreSQL servers
run as the `postgres` user (initdb requires it). Only 127.0.0.1, ever.

The pieces are the well-known ones: PostgreSQL streaming replication (pg_basebackup -R, hot_standby,
hot_standby_feedback), HAProxy from Debian with a cookie for session affinity (the websocket, the
media files and the uploads of one Streamlit session must reach the process that holds it; if that
process dies, `option redispatch` sends the browser to another, where the session cookie, kept in the
database, still signs it in), and `streamlit run serve.py` with one cookie secret for all processes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DATABASE = "office"
STATE = "cluster.json"
SAFE_PATH = re.compile(r"[A-Za-z0-9_./-]+")


# --- small helpers ------------------------------------------------------------------------------------------


def say(message: str) -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _as_owner(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


def _own(path: Path) -> None:
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(path, owner.pw_uid, owner.pw_gid)


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        output = done.stdout[-1500:] + done.stderr[-1500:]
        raise SystemExit(f"{' '.join(cmd[:6])}… failed ({done.returncode}):\n{output}")
    return done


def _alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (our own child, not yet reaped) is not alive
    with contextlib.suppress(OSError):
        if Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z"):
            return False
    return True


def _wait_http(url: str, timeout: float, pid: int | None = None) -> bool:
    """Whether `url` answers 200 within `timeout` (False at once if the process `pid` has ended)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pid is not None:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)
            if not _alive(pid):
                return False
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:
                if reply.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def _ours(pid: int | None, marker: str) -> bool:
    """Whether `pid` still runs the program we started there (after a reboot the number may be another's)."""
    if not _alive(pid):
        return False
    try:
        return marker in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False


def _terminate(pid: int | None, timeout: float = 10.0, kill: bool = False, marker: str = "") -> None:
    """Stop a process group we started (SIGTERM, then SIGKILL after `timeout`; SIGKILL at once if `kill`),
    only if it still runs `marker` (streamlit, haproxy)."""
    if not _ours(pid, marker):
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL if kill else signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while _alive(pid) and time.monotonic() < deadline:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        time.sleep(0.1)
    if _alive(pid):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGKILL)


# --- the state file -----------------------------------------------------------------------------------------


class Cluster:
    def __init__(self, folder: Path):
        self.dir = folder.resolve()
        self.file = self.dir / STATE
        self.state: dict = json.loads(self.file.read_text()) if self.file.exists() else {}

    def save(self) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        self.file.write_text(json.dumps(self.state, indent=2))
        self.file.chmod(0o600)  # it holds the cookie secret

    # -- PostgreSQL ------------------------------------------------------------------------------------------
    def pg_url(self, name: str, database: str = DATABASE) -> str:
        """The server's URL with the cluster's password (kept in the 0600 state file only)."""
        port = self.state[f"{name}_port"]
        return f"postgresql://postgres:{self.state['pg_password']}@127.0.0.1:{port}/{database}"

    def pg_env(self) -> dict:
        return {**os.environ, "PGPASSWORD": self.state["pg_password"]}

    def _pg_ctl(self, name: str, *args: str) -> None:
        data = self.dir / name
        _run(_as_owner([str(BIN / "pg_ctl"), "-D", str(data), "-w", "-t", "60", *args]))

    def pg_start(self, name: str) -> None:
        # port, socket folder and address are in the server's own configuration (written by init_*), not on
        # a command line that pg_ctl hands to a shell
        self._pg_ctl(name, "-l", str(self.dir / name / "server.log"), "start")

    def pg_stop(self, name: str, immediate: bool = False) -> None:
        if self.pg_running(name):
            self._pg_ctl(name, "-m", "immediate" if immediate else "fast", "stop")

    def pg_running(self, name: str) -> bool:
        pidfile = self.dir / name / "postmaster.pid"
        if not pidfile.exists():
            return False
        with contextlib.suppress(ValueError, OSError):
            return _alive(int(pidfile.read_text().split()[0]))
        return False

    def psql(self, name: str, sql: str, database: str = "postgres") -> str:
        cmd = ["psql"]
        cmd += ["-h", "127.0.0.1", "-p", str(self.state[f"{name}_port"]), "-U", "postgres", "-d", database]
        return _run([*cmd, "-XAtqc", sql], env=self.pg_env()).stdout.strip()

    def _server_settings(self, name: str) -> str:
        return (
            f"\n# scripts/cluster: the {name}, on loopback only, its socket in its own folder\n"
            f"port = {self.state[f'{name}_port']}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{self.dir / name}'\nunix_socket_permissions = 0700\n"
        )

    def init_primary(self) -> None:
        data = self.dir / "primary"
        data.mkdir(parents=True)
        _own(data)
        data.chmod(0o700)
        # A password for TCP (scram), peer for the owner's own socket: no other local user gets in.
        secret = self.dir / "pg-password"
        secret.write_text(self.state["pg_password"] + "\n")
        secret.chmod(0o600)
        _own(secret)
        try:
            _run(
                _as_owner(
                    [str(BIN / "initdb"), "-D", str(data), "-U", "postgres", "-E", "UTF8"]
                    + ["--auth-local=peer", "--auth-host=scram-sha-256", f"--pwfile={secret}"]
                )
            )
        finally:
            secret.unlink(missing_ok=True)
        with (data / "postgresql.conf").open("a") as f:
            f.write(
                self._server_settings("primary")
                + "wal_level = replica\nmax_wal_senders = 5\nwal_keep_size = 256MB\nhot_standby = on\n"
                "hot_standby_feedback = on\nmax_connections = 200\nshared_buffers = 256MB\n"
            )
        self.pg_start("primary")

    def init_replica(self) -> None:
        data = self.dir / "replica"
        if data.exists():
            shutil.rmtree(data)
        data.mkdir(parents=True)
        _own(data)
        data.chmod(0o700)
        port = self.state["primary_port"]
        conninfo = f"host=127.0.0.1 port={port} user=postgres password={self.state['pg_password']}"
        # -R writes primary_conninfo (with the password, into the replica's 0600 folder) and standby.signal
        _run(
            _as_owner([str(BIN / "pg_basebackup"), "-d", conninfo, "-D", str(data), "-R", "-X", "stream", "-c", "fast"])
        )
        with (data / "postgresql.conf").open("a") as f:
            f.write(self._server_settings("replica"))
        self.pg_start("replica")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(SystemExit):
                if self.psql("replica", "SELECT status FROM pg_stat_wal_receiver") == "streaming":
                    return
            time.sleep(0.3)
        raise SystemExit("the replica does not stream from the primary: see " + str(data / "server.log"))

    def load_data(self, from_database: str | None, scale: float) -> None:
        self.psql("primary", f"CREATE DATABASE {DATABASE}")
        env = {**os.environ, "DATABASE_URL": self.pg_url("primary")}
        env.pop("DATABASE_READ_URL", None)
        if from_database:
            say(f"copying {from_database.rsplit('@', 1)[-1]} into the primary (pg_dump | pg_restore)")
            dump = subprocess.Popen(["pg_dump", "-Fc", "-d", from_database], stdout=subprocess.PIPE)
            restore = subprocess.Popen(
                ["pg_restore", "--no-owner", "-h", "127.0.0.1", "-p", str(self.state["primary_port"])]
                + ["-U", "postgres", "-d", DATABASE],
                stdin=dump.stdout,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
                env=self.pg_env(),
            )
            dump.stdout.close()  # pg_restore alone reads it: if it stops, pg_dump gets SIGPIPE instead of hanging
            _, errors = restore.communicate()
            dump.wait()
            if dump.returncode != 0 or restore.returncode != 0:
                raise SystemExit(f"copying the database failed: {errors[-1500:]}")
            _run([sys.executable, "-m", "data_access", "migrate"], cwd=ROOT, env=env)
        else:
            _run([sys.executable, "-m", "data_access", "migrate"], cwd=ROOT, env=env)
            say("loading the demo province into the primary (seed-demo)")
            accounts = self.dir / "demo-accounts.txt"
            cmd = [sys.executable, "-m", "data_access", "seed-demo", "--accounts-file", str(accounts)]
            if scale != 1:
                cmd += ["--scale", f"{scale:g}"]
            _run(cmd, cwd=ROOT, env=env)
            self.state["accounts_file"] = str(accounts)

    # -- the app processes and the balancer ------------------------------------------------------------------
    def app_env(self) -> dict:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DATABASE_READ_URL")}
        env["DATABASE_URL"] = self.pg_url("primary")
        if self.state.get("read_replica", True):
            env["DATABASE_READ_URL"] = self.pg_url("replica")
        return env

    def start_app(self, app: dict) -> None:
        log = (self.dir / f"{app['name']}.log").open("a")
        cmd = [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.port", str(app["port"])]
        cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        env = self.app_env()
        # One secret for all: the XSRF cookie one process set is accepted by another after a failover.
        env["STREAMLIT_SERVER_COOKIE_SECRET"] = self.state["cookie_secret"]
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        app["pid"] = proc.pid

    def haproxy_config(self) -> str:
        servers = "\n".join(
            f"    server {a['name']} 127.0.0.1:{a['port']} check inter 1s fall 2 rise 1 cookie {a['name']}"
            for a in self.state["apps"]
        )
        return f"""# scripts/cluster: written at each start; docs/DEPLOY.md explains each line
global
    maxconn 4096
    log stdout format raw local0 info

defaults
    mode http
    log global
    option httplog
    option redispatch          # a dead process's sessions go to another one
    retries 2
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout tunnel 1h          # the websocket of a Streamlit session
    timeout http-keep-alive 5s

frontend office
    bind 127.0.0.1:{self.state["front_port"]}
    default_backend apps

backend apps
    balance roundrobin
    # session affinity: the first answer sets OFFICE_APP, the browser sends it with the websocket handshake,
    # the media files and the uploads, so one Streamlit session stays on the process that holds it
    cookie OFFICE_APP insert indirect nocache httponly attr "SameSite=Lax"
    option httpchk GET /_stcore/health
    http-check expect status 200
{servers}
"""

    def start_balancer(self) -> None:
        config = self.dir / "haproxy.cfg"
        config.write_text(self.haproxy_config())
        _run(["haproxy", "-c", "-q", "-f", str(config)])
        log = (self.dir / "haproxy.log").open("a")
        proc = subprocess.Popen(
            ["haproxy", "-db", "-f", str(config)], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.state["balancer"] = {"pid": proc.pid}

    def start_app_tier(self, replicas: int) -> None:
        base = self.state.get("app_port_base")
        self.state["apps"] = []
        for i in range(1, replicas + 1):
            port = base + i - 1 if base else free_port()
            app = {"name": f"app{i}", "port": port}
            self.start_app(app)
            self.state["apps"].append(app)
        self.save()
        for app in self.state["apps"]:
            if not _wait_http(f"http://127.0.0.1:{app['port']}/_stcore/health", 120, app["pid"]):
                raise SystemExit(f"{app['name']} did not start: see {self.dir / (app['name'] + '.log')}")
        self.start_balancer()
        self.save()
        front = f"http://127.0.0.1:{self.state['front_port']}"
        if not _wait_http(front + "/_stcore/health", 30, self.state["balancer"]["pid"]):
            raise SystemExit(f"HAProxy does not answer on {front}: see {self.dir / 'haproxy.log'}")

    def stop_app_tier(self) -> None:
        _terminate((self.state.get("balancer") or {}).get("pid"), marker="haproxy")
        self.state.pop("balancer", None)
        for app in self.state.get("apps", []):
            _terminate(app.get("pid"), marker="streamlit")
        self.state["apps"] = []
        self.save()

    def app(self, name: str) -> dict:
        for app in self.state.get("apps", []):
            if app["name"] == name:
                return app
        raise SystemExit(f"no app process named {name}")


# --- the commands ----------------------------------------------------------------------------------------------


def up(args) -> Cluster:
    cluster = Cluster(Path(args.dir))
    if not SAFE_PATH.fullmatch(str(cluster.dir)):
        raise SystemExit(f"--dir: letters, digits and ._-/ only (it goes into the servers' settings): {cluster.dir}")
    if cluster.state.get("apps") and any(_ours(a.get("pid"), "streamlit") for a in cluster.state["apps"]):
        raise SystemExit(f"the cluster in {cluster.dir} is running: scripts/cluster down first")
    if (cluster.dir / "primary").exists() and not cluster.state.get("initialised"):
        raise SystemExit(f"an earlier start in {cluster.dir} did not finish: scripts/cluster down --clean, then up")
    front = args.port or free_port()
    if not _port_free(front):
        raise SystemExit(f"port {front} is taken: choose another with --port")
    cluster.state.update(
        front_port=front,
        read_replica=not args.no_read_replica,
        cookie_secret=cluster.state.get("cookie_secret") or secrets.token_urlsafe(32),
    )
    cluster.dir.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:  # the servers run as `postgres`, which must reach the folder
        cluster.dir.chmod(0o755)
        if subprocess.run(["runuser", "-u", "postgres", "--", "test", "-x", str(cluster.dir)]).returncode != 0:
            raise SystemExit(f"the user postgres cannot reach {cluster.dir}: choose a --dir it can (e.g. under /tmp)")
    started = time.monotonic()
    try:
        if not (cluster.dir / "primary").exists():
            cluster.state.update(
                primary_port=free_port(), replica_port=free_port(), pg_password=secrets.token_urlsafe(24)
            )
            cluster.save()
            say(f"PostgreSQL primary: initdb into {cluster.dir / 'primary'}, port {cluster.state['primary_port']}")
            cluster.init_primary()
            cluster.save()
            cluster.load_data(args.from_database, args.scale)
            say(f"PostgreSQL hot standby: pg_basebackup into {cluster.dir / 'replica'}")
            cluster.init_replica()
            cluster.state["initialised"] = True
        else:
            say(f"PostgreSQL primary and standby: starting again from {cluster.dir}")
            for name in ("primary", "replica"):
                if not cluster.pg_running(name):
                    cluster.pg_start(name)
        cluster.save()
        say(f"{args.replicas} app processes and HAProxy on http://127.0.0.1:{front}")
        cluster.start_app_tier(args.replicas)
    except BaseException:
        say("start failed: stopping what was started")
        down_cluster(cluster, clean=False)
        raise
    say(f"up in {time.monotonic() - started:.0f} s: http://127.0.0.1:{front}")
    if cluster.state.get("accounts_file"):
        say(f"demo accounts: {cluster.state['accounts_file']}")
    return cluster


def down_cluster(cluster: Cluster, clean: bool) -> None:
    cluster.stop_app_tier()
    for name in ("replica", "primary"):
        if (cluster.dir / name).exists():
            with contextlib.suppress(SystemExit):
                cluster.pg_stop(name)
            if cluster.pg_running(name):
                with contextlib.suppress(SystemExit):
                    cluster.pg_stop(name, immediate=True)
    if clean:
        shutil.rmtree(cluster.dir, ignore_errors=True)


def status(cluster: Cluster) -> dict:
    state = cluster.state
    if not state:
        return {"running": False}
    report: dict = {"dir": str(cluster.dir), "front": f"http://127.0.0.1:{state.get('front_port')}"}
    for name in ("primary", "replica"):
        entry = {"port": state.get(f"{name}_port"), "running": cluster.pg_running(name)}
        if entry["running"]:
            with contextlib.suppress(SystemExit):
                entry["in_recovery"] = cluster.psql(name, "SELECT pg_is_in_recovery()") == "t"
        report[name] = entry
    if report["replica"].get("running") and report["primary"].get("running"):
        with contextlib.suppress(SystemExit):
            position = cluster.psql("primary", "SELECT pg_current_wal_lsn()")
            report["replica"]["lag_bytes"] = int(
                cluster.psql("replica", f"SELECT pg_wal_lsn_diff('{position}', pg_last_wal_replay_lsn())")
            )
    report["apps"] = [
        {
            "name": a["name"],
            "port": a["port"],
            "pid": a.get("pid"),
            "running": _alive(a.get("pid")),
            "healthy": _wait_http(f"http://127.0.0.1:{a['port']}/_stcore/health", 1),
        }
        for a in state.get("apps", [])
    ]
    report["balancer"] = {"pid": (state.get("balancer") or {}).get("pid")}
    report["balancer"]["running"] = _alive(report["balancer"]["pid"])
    report["read_replica"] = state.get("read_replica", True)
    report["accounts_file"] = state.get("accounts_file")
    report["running"] = report["balancer"]["running"] or any(a["running"] for a in report["apps"])
    return report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", default=str(ROOT / ".cluster"), help="the cluster's folder (default: .cluster)")
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("up", help="start the databases, the app processes and the balancer")
    start.add_argument("--replicas", type=int, default=3, help="app processes (default 3)")
    start.add_argument("--port", type=int, default=8600, help="the front address's port (0: any free one)")
    start.add_argument("--from-database", help="copy this database (pg_dump) instead of loading the demo")
    start.add_argument("--scale", type=float, default=1, help="the demo's volume (seed-demo --scale)")
    start.add_argument("--no-read-replica", action="store_true", help="the apps read from the primary only")
    apps = commands.add_parser("apps", help="restart the app processes and the balancer (same databases)")
    apps.add_argument("--replicas", type=int, default=3)
    apps.add_argument("--no-read-replica", action="store_true")
    commands.add_parser("status", help="what runs, the replica's lag").add_argument("--json", action="store_true")
    stop = commands.add_parser("stop", help="stop one part: primary, replica, app1…")
    stop.add_argument("name")
    stop.add_argument("--kill", action="store_true", help="SIGKILL an app process; an immediate stop of a server")
    commands.add_parser("start", help="start one part again").add_argument("name")
    commands.add_parser("down", help="stop everything").add_argument("--clean", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    cluster = Cluster(Path(args.dir))
    if args.command == "up":
        up(args)
    elif args.command == "apps":
        if not cluster.state:
            raise SystemExit("no cluster here: scripts/cluster up first")
        cluster.stop_app_tier()
        cluster.state["read_replica"] = not args.no_read_replica
        cluster.start_app_tier(args.replicas)
        say(f"{args.replicas} app processes behind http://127.0.0.1:{cluster.state['front_port']}")
    elif args.command == "status":
        report = status(cluster)
        if args.json:
            print(json.dumps(report, indent=2))
        elif not report.get("running") and not report.get("primary"):
            say("no cluster")
        else:
            say(f"front {report['front']}: HAProxy {'up' if report['balancer']['running'] else 'down'}")
            for name in ("primary", "replica"):
                entry = report[name]
                lag = f", {entry['lag_bytes']} bytes behind" if "lag_bytes" in entry else ""
                say(f"{name}: port {entry['port']}, {'up' if entry['running'] else 'down'}{lag}")
            for a in report["apps"]:
                say(f"{a['name']}: port {a['port']}, {'healthy' if a['healthy'] else 'down'}")
    elif args.command == "stop":
        if args.name in ("primary", "replica"):
            cluster.pg_stop(args.name, immediate=args.kill)
        else:
            _terminate(cluster.app(args.name).get("pid"), kill=args.kill, marker="streamlit")
    elif args.command == "start":
        if args.name in ("primary", "replica"):
            cluster.pg_start(args.name)
        else:
            app = cluster.app(args.name)
            cluster.start_app(app)
            cluster.save()
            if not _wait_http(f"http://127.0.0.1:{app['port']}/_stcore/health", 120):
                raise SystemExit(f"{args.name} did not start")
    elif args.command == "down":
        down_cluster(cluster, args.clean)
        say("down: nothing of the cluster runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
