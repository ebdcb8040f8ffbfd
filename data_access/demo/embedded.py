"""First start of the embedded default: create, migrate and fill the SQLite file.

Only the embedded database is ever filled by itself; a configured database
(PostgreSQL in production) is migrated and seeded by its owner with the CLI.
"""

from __future__ import annotations

import fcntl
from pathlib import Path

from sqlalchemy import func, select

from data_access.core import clock
from data_access.core.config import demo_accounts_file, embedded_db_file, embedded_url
from data_access.core.engine import get_engine
from data_access.core.migrate import upgrade
from data_access.core.schema import units
from data_access.demo.accounts import create_demo_accounts
from data_access.demo.seed import seed_demo


def embedded_needs_setup() -> bool:
    return not embedded_db_file().exists()


def prepare_embedded() -> None:
    """Migrate the embedded database and load the demo if it is empty; safe to call again.

    A file lock keeps two first visitors from seeding at once.
    """
    lock_path = Path(f"{embedded_db_file()}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        engine = get_engine(embedded_url())
        upgrade(engine)
        with engine.connect() as conn:
            empty = conn.execute(select(func.count()).select_from(units)).scalar_one() == 0
        if empty:
            seed_demo(engine, clock.now_utc())
            create_demo_accounts(engine, demo_accounts_file())
