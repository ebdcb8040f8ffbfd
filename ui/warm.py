"""Import every module the pages use, once, before the server takes its first page (see serve.py)."""

from __future__ import annotations

import importlib
import logging
import pkgutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("data_access", "components", "reports", "i18n", "ui")


def import_app_modules() -> list[str]:
    """The app's own modules (not the command lines, not the pages' scripts), imported; their names."""
    names = []
    # Before the runtime exists a cached function's decoration logs "No runtime found"; its caches are made
    # at the first call, inside the runtime, so the warning says nothing here.
    quiet = logging.getLogger("streamlit.runtime.caching.cache_data_api")
    level = quiet.level
    quiet.setLevel(logging.ERROR)
    try:
        for package in PACKAGES:
            for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
                if info.name.rsplit(".", 1)[-1] == "__main__":
                    continue
                importlib.import_module(info.name)
                names.append(info.name)
    finally:
        quiet.setLevel(level)
    return names
