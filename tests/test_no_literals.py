"""No user-facing text is written in the pages or components: it all comes from the catalogues.

A string constant that holds a Vietnamese letter, or two words side by side,
is taken for user-facing text. Docstrings, CSS and Altair/Vega field specs
are not.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(
    [
        *(ROOT / "app_pages").glob("*.py"),
        *(ROOT / "components").rglob("*.py"),
        *(ROOT / "ui").rglob("*.py"),
        ROOT / "app.py",
    ]
)
TWO_WORDS = re.compile(r"[A-Za-z]{2,} [A-Za-z]{2,}")


def _docstrings(tree) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _looks_user_facing(text: str) -> bool:
    if text.lstrip().startswith(("<style>", "export default function")):  # CSS, a component's JavaScript
        return False
    has_vietnamese = any(ch.isalpha() and not ch.isascii() for ch in text)
    return has_vietnamese or bool(TWO_WORDS.search(text))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_user_facing_literals(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstrings(tree)
    found = [
        f"{path.name}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and _looks_user_facing(node.value)
    ]
    assert not found, "text outside the catalogues:\n" + "\n".join(found)
