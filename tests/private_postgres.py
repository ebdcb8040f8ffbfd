"""A private PostgreSQL cluster for the fault tests: initdb into a folder of the run, its own port, stopped after.

The fault tests freeze (SIGSTOP) or kill a server; they must never do that to the
shared one on 5432, so they start their own from /usr/lib/postgresql/15/bin.
As root (CI here), the cluster runs as the `postgres` user, which initdb requires.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager, suppress
from pathlib import Path

BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _as_owner(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


class PrivateCluster:
    def __init__(self, folder: Path, port: int):
        self.folder, self.port = folder, port
        self.data = folder / "data"
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def _pg_ctl(self, *args: str) -> None:
        subprocess.run(
            _as_owner([str(BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *args]),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def start(self) -> None:
        self._pg_ctl(
            "-l",
            str(self.folder / "log.txt"),
            "-o",
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1",
            "start",
        )

    def stop(self) -> None:
        self.resume()
        self._pg_ctl("-m", "immediate", "stop")

    def pids(self) -> list[int]:
        """The postmaster and every backend (all processes whose parent is the postmaster)."""
        main = int((self.data / "postmaster.pid").read_text().split()[0])
        children = subprocess.run(["pgrep", "-P", str(main)], capture_output=True, text=True).stdout.split()
        return [main, *map(int, children)]

    def freeze(self) -> None:
        for pid in self.pids():
            os.kill(pid, signal.SIGSTOP)

    def resume(self) -> None:
        try:
            pids = self.pids()
        except (FileNotFoundError, ValueError):
            return
        for pid in pids:
            with suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)


@contextmanager
def private_cluster():
    folder = Path(tempfile.mkdtemp(prefix="office-pg-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    cluster = PrivateCluster(folder, _free_port())
    subprocess.run(
        _as_owner(
            [str(BIN / "initdb"), "-D", str(cluster.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    cluster.start()
    try:
        yield cluster
    finally:
        try:
            cluster.stop()
        finally:
            time.sleep(0.1)
            shutil.rmtree(folder, ignore_errors=True)
