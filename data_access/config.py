"""Which database the dashboard uses.

In order: the DATABASE_URL environment variable, then
`.streamlit/secrets.toml` (`[connections.office] url = ...`), then the
embedded SQLite file `data/office.db` beside the code. Read with tomllib so
the CLI and the tests need no Streamlit.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"
EMBEDDED_DB_FILE = PROJECT_ROOT / "data" / "office.db"
EMBEDDED_URL = f"sqlite:///{EMBEDDED_DB_FILE}"


def database_url() -> str:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        return url
    if SECRETS_FILE.exists():
        with SECRETS_FILE.open("rb") as f:
            secrets = tomllib.load(f)
        url = str(secrets.get("connections", {}).get("office", {}).get("url", "")).strip()
        if url:
            return url
    return EMBEDDED_URL


def is_embedded(url: str) -> bool:
    """The embedded default is the only database the app may create and fill by itself."""
    return url == EMBEDDED_URL
