"""First start of the embedded default: create, migrate and fill the SQLite file.

Only the embedded database is ever filled by itself; a configured database
(PostgreSQL in production) is migrated and seeded by its owner with the CLI.

The demo is built in a file beside the real one (`office.db.building`) and
moved into place only when it is whole, so a start that is stopped halfway
leaves nothing that looks ready, and the next start builds again. The app
builds it in the background (ui/startup.py): the login form shows at once.
"""

from __future__ import annotations

import fcntl
import logging
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from data_access.core import clock
from data_access.core.config import PROJECT_ROOT, demo_accounts_file, embedded_db_file, embedded_url
from data_access.core.engine import dispose_engine, get_engine
from data_access.core.errors import DatabaseProblem, guarded
from data_access.core.migrate import upgrade
from data_access.core.schema import units
from data_access.demo.accounts import create_demo_accounts
from data_access.demo.seed import seed_demo


def embedded_needs_setup() -> bool:
    return not embedded_db_file().exists()


def _building_file() -> Path:
    return Path(f"{embedded_db_file()}.building")


def _remove_sqlite_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _build(target: Path) -> None:
    """The demo province and its accounts in a fresh file at `target` (anything there is dropped first)."""
    _remove_sqlite_file(target)
    url = f"sqlite:///{target}"
    engine = get_engine(url, bounded=False)
    try:
        upgrade(engine)
        create_demo_accounts(engine, demo_accounts_file())  # first: the login page points at their file
        seed_demo(engine, clock.now_utc())
        with engine.connect() as conn:  # fold the write-ahead log into the file before it moves
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        dispose_engine(url)


def prepare_embedded() -> None:
    """Build the demo if there is no embedded database yet, then migrate it; safe to call again, from several
    threads or processes (a file lock keeps two first visitors from building at once)."""
    lock_path = Path(f"{embedded_db_file()}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if embedded_needs_setup():
            building = _building_file()
            _build(building)
            _remove_sqlite_file(embedded_db_file())  # a deleted database's -wal would be replayed onto the new one
            dispose_engine(embedded_url())  # a connection opened meanwhile holds the old, empty file
            os.replace(building, embedded_db_file())
            _remove_sqlite_file(building)  # its emptied -wal and -shm
        engine = get_engine(embedded_url())
        upgrade(engine)
        with engine.connect() as conn:
            empty = conn.execute(select(func.count()).select_from(units)).scalar_one() == 0
        if empty:  # a file made by hand, or by an older version that filled it in place
            seed_demo(engine, clock.now_utc())
            create_demo_accounts(engine, demo_accounts_file())


_LOGGER = logging.getLogger(__name__)


def _build_in_child(timeout_seconds: float) -> None:
    """Build the demo in a child process: the build's Python work would otherwise hold the server's
    interpreter lock, and its login form would wait for it. A failure is logged with the child's last
    lines and raised as one DatabaseProblem; nothing is then built in the caller's process instead."""
    try:
        child = subprocess.run(
            [sys.executable, "-m", "data_access.demo.embedded"],
            cwd=PROJECT_ROOT,
            # the same file whatever the caller's working directory (the child's is the project's)
            env={**os.environ, "OFFICE_EMBEDDED_DB": str(embedded_db_file().absolute())},
            capture_output=True,
            text=True,
            timeout=timeout_seconds,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        _LOGGER.error("first start: the demo build did not run: %s", exc)
        raise DatabaseProblem(DatabaseProblem.FIRST_START_FAILED, type(exc).__name__) from exc
    if child.returncode != 0 or embedded_needs_setup():
        _LOGGER.error("first start: the demo build failed (%s):\n%s", child.returncode, child.stderr[-4000:])
        raise DatabaseProblem(DatabaseProblem.FIRST_START_FAILED, f"exit {child.returncode}")


def prepare_embedded_apart(timeout_seconds: float) -> None:
    """prepare_embedded for a server: a missing demo built in a child process, then the migrations a file
    made earlier still needs (quick); every failure comes out as one DatabaseProblem, logged."""
    try:
        if embedded_needs_setup():
            _build_in_child(timeout_seconds)
        guarded(prepare_embedded)
    except DatabaseProblem:
        raise
    except Exception as exc:  # a full disk, a folder that cannot be written: said, not a traceback
        _LOGGER.exception("first start failed")
        raise DatabaseProblem(DatabaseProblem.FIRST_START_FAILED, type(exc).__name__) from exc


if __name__ == "__main__":  # the app's first start runs the build in a child process (ui/startup.py)
    prepare_embedded()
