"""Which database the dashboard uses.

In order: the DATABASE_URL environment variable, then
`.streamlit/secrets.toml` (`[connections.office] url = ...`), then the
embedded SQLite file `data/office.db` beside the code (OFFICE_EMBEDDED_DB
moves it, for tests). Read with tomllib so the CLI and the tests need no
Streamlit.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
DEFAULT_EMBEDDED_DB_FILE = PROJECT_ROOT / "data" / "office.db"


def embedded_db_file() -> Path:
    return Path(os.environ.get("OFFICE_EMBEDDED_DB", "").strip() or DEFAULT_EMBEDDED_DB_FILE)


def demo_accounts_file() -> Path:
    """Where the demo accounts' passwords are written: beside the embedded database, outside git."""
    return embedded_db_file().parent / "demo-accounts.txt"


def embedded_url() -> str:
    return f"sqlite:///{embedded_db_file()}"


def _secret(key: str) -> str:
    if not SECRETS_FILE.exists():
        return ""
    with SECRETS_FILE.open("rb") as f:
        secrets = tomllib.load(f)
    return str(secrets.get("connections", {}).get("office", {}).get(key, "")).strip()


def database_url() -> str:
    return os.environ.get("DATABASE_URL", "").strip() or _secret("url") or embedded_url()


def database_read_url() -> str | None:
    """A read replica (a PostgreSQL hot standby of DATABASE_URL): DATABASE_READ_URL, or `read_url` beside
    `url` in secrets.toml. None (unset): one database for reads and writes."""
    if not database_url().startswith("postgresql"):  # a replica of SQLite: none (a leftover variable)
        return None
    if os.environ.get("DATABASE_URL", "").strip():  # the environment's pair, never half from the secrets
        return os.environ.get("DATABASE_READ_URL", "").strip() or None
    return os.environ.get("DATABASE_READ_URL", "").strip() or _secret("read_url") or None


def is_embedded(url: str) -> bool:
    """The embedded default is the only database the app may create and fill by itself."""
    return url == embedded_url()
