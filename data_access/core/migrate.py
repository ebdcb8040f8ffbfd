"""Run the Alembic migrations, and tell whether a database is up to date."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from data_access.core.errors import DATABASE_ERRORS, DatabaseProblem, classify

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def upgrade(engine: Engine) -> None:
    """Create or upgrade the schema to the newest revision; safe to run again."""
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def check_schema(engine: Engine) -> None:
    """Raise DatabaseProblem unless the database answers and is at the newest revision."""
    try:
        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
    except DATABASE_ERRORS as exc:
        raise classify(exc) from exc
    if current is None:
        raise DatabaseProblem(DatabaseProblem.NOT_MIGRATED)
    if current != head_revision():
        raise DatabaseProblem(DatabaseProblem.OUTDATED, current)
