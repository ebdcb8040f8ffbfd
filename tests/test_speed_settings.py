"""The server skips Streamlit's full collection after every run and freezes its start-up objects (issue 17)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

from ui.warm import import_app_modules

ROOT = Path(__file__).resolve().parent.parent


def test_no_full_collection_after_every_script_run():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["postScriptGC"] is False


def test_no_file_watcher_unloads_the_modules_under_running_sessions():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["fileWatcherType"] == "none"


def test_the_modules_every_page_needs_are_imported_once_not_the_command_lines():
    names = import_app_modules()
    assert "components.shared.charts" in names and "data_access.documents.figures" in names
    assert not [n for n in names if n.endswith("__main__")]


def test_the_entry_point_freezes_what_start_up_made():
    out = subprocess.run(
        [sys.executable, "-c", "import gc, serve; print(gc.get_freeze_count())"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert int(out.stdout.strip().splitlines()[-1]) > 100_000
    assert "No runtime found" not in out.stderr
