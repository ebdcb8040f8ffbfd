"""Imports flow one way: app.py → app_pages → components → ui → reports → i18n → data_access.

Every import of a project module, at the top of a file or inside a function,
is checked against the layer of the file that makes it: a module may import
its own layer and the layers below, never one above. Inside components, the
shared pieces never import a page family; inside data_access, core is the
bottom, then accounts, then the domains, then overview, then the demo. The
data layer never imports Streamlit, so the CLI, the tests and the benchmark
use it directly. See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from data_access.core.config import PROJECT_ROOT

# Highest first. Entry points (app.py, the CLI) sit above everything; tests, benchmarks and scripts are not checked.
LAYERS = ("entry", "app_pages", "components", "ui", "reports", "i18n", "data_access")
ENTRY_POINTS = {"app", "serve", "data_access.__main__", "reports.__main__"}
DATA_LAYERS = ("demo", "overview", "domains", "accounts", "core")  # inside data_access, highest first
DOMAINS = {"tasks", "documents", "meetings", "points", "services", "alerts", "probe"}
UNCHECKED = {"tests", "benchmarks", "scripts"}


def layer_of(module: str) -> str | None:
    if module in ENTRY_POINTS:
        return "entry"
    top = module.split(".")[0]
    return top if top in LAYERS else None


def data_layer_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "data_access" or len(parts) < 2 or module in ENTRY_POINTS:
        return None
    return "domains" if parts[1] in DOMAINS else parts[1] if parts[1] in DATA_LAYERS else None


def module_name(path: Path) -> str:
    rel = path.relative_to(PROJECT_ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def project_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [PROJECT_ROOT / f for f in listed if (PROJECT_ROOT / f).exists()]


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in the file; `from pkg import mod` gives pkg.mod when that is a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            subs = [f"{node.module}.{alias.name}" for alias in node.names]
            modules = [
                s
                for s in subs
                if (PROJECT_ROOT / Path(*s.split("."))).with_suffix(".py").exists()
                or (PROJECT_ROOT / Path(*s.split(".")) / "__init__.py").exists()
            ]
            found += [(node.lineno, m) for m in modules] or [(node.lineno, node.module)]
    return found


def violations(files: list[Path]) -> list[str]:
    problems = []
    for path in files:
        me = module_name(path)
        if me.split(".")[0] in UNCHECKED or "migrations" in me.split("."):
            continue
        mine = layer_of(me)
        for line, imported in imports_of(path):
            theirs = layer_of(imported)
            where = f"{path.relative_to(PROJECT_ROOT)}:{line} imports {imported}"
            if mine == "data_access" and me not in ENTRY_POINTS and imported.split(".")[0] == "streamlit":
                problems.append(f"{where}: the data layer never imports Streamlit")
            if theirs is None or mine is None:
                continue
            if LAYERS.index(theirs) < LAYERS.index(mine):
                problems.append(f"{where}: {mine} may not import the {theirs} layer above it")
            if (
                me.startswith("components.shared")
                and imported.startswith("components.")
                and not imported.startswith("components.shared")
            ):
                problems.append(f"{where}: the shared components may not import a page family")
            my_data, their_data = data_layer_of(me), data_layer_of(imported)
            if my_data and their_data and DATA_LAYERS.index(their_data) < DATA_LAYERS.index(my_data):
                problems.append(f"{where}: data_access.{my_data} may not import data_access.{their_data}")
    return problems


def test_imports_flow_one_way():
    assert violations(project_files()) == []


@pytest.mark.parametrize(
    "module, line",
    [
        ("data_access/core/clock.py", "from data_access.tasks import figures"),
        ("data_access/tasks/figures.py", "from ui import keys"),
        ("ui/display.py", "from components.shared import kpi"),
        ("components/shared/kpi.py", "from components.tasks import table"),
        ("components/tasks/table.py", "import app_pages.tasks"),
        ("reports/urging_workbook.py", "from ui.db import current"),
        ("i18n/__init__.py", "from reports import urging_workbook"),
        ("data_access/core/engine.py", "import streamlit"),
    ],
)
def test_an_upward_import_is_caught(tmp_path, module, line):
    """The check itself: the same file with one upward import added is refused."""
    original = PROJECT_ROOT / module
    changed = original.with_name(f"_layer_probe_{original.name}")
    changed.write_text(original.read_text() + f"\n{line}\n")
    try:
        assert len(violations([changed])) == 1
    finally:
        changed.unlink()


def test_no_python_module_at_the_root_but_the_router_and_its_server():
    assert sorted(p.name for p in PROJECT_ROOT.glob("*.py")) == ["app.py", "serve.py"]


def test_data_access_never_imports_streamlit_when_loaded():
    code = (
        "import pkgutil, importlib, sys, data_access\n"
        "for m in pkgutil.walk_packages(data_access.__path__, 'data_access.'):\n"
        "    if '.migrations' not in m.name and not m.name.endswith('__main__'):\n"
        "        importlib.import_module(m.name)\n"
        "import reports.urging_workbook, i18n\n"
        "print('streamlit' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
