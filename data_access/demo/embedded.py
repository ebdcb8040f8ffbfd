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
import os
from pathlib import Path

from sqlalchemy import func, select

from data_access.core import clock
from data_access.core.config import demo_accounts_file, embedded_db_file, embedded_url
from data_access.core.engine import dispose_engine, get_engine
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


if __name__ == "__main__":  # the app's first start runs the build in a child process (ui/startup.py)
    prepare_embedded()
