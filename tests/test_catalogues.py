"""The message catalogues (i18n/catalogues/, one module per domain, one key space): complete, consistent, used."""

from __future__ import annotations

import ast
import re
import string
import subprocess

import pytest

from data_access.core.config import PROJECT_ROOT
from i18n import CATALOGUES, catalogues

CODE_DIRS = ("app.py", "app_pages", "components", "ui", "reports", "data_access", "i18n/__init__.py")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("domain", catalogues.DOMAINS, ids=lambda d: d.__name__.rsplit(".", 1)[-1])
def test_each_domain_has_both_languages_with_the_same_keys(domain):
    assert set(domain.VI) == set(domain.EN)
    assert all(value.strip() for value in [*domain.VI.values(), *domain.EN.values()])


def test_one_key_space():
    assert set(CATALOGUES["vi"]) == set(CATALOGUES["en"])
    assert len(CATALOGUES["vi"]) == sum(len(d.VI) for d in catalogues.DOMAINS)  # no key in two domains
    with pytest.raises(ValueError, match="twice"):
        catalogues.DOMAINS[0].VI["tasks.sort"] = "x"
        try:
            catalogues.merged("vi")
        finally:
            del catalogues.DOMAINS[0].VI["tasks.sort"]


def test_a_key_prefix_lives_in_one_domain():
    """Every key's first part (tasks., doc., …) belongs to one domain module only."""
    homes: dict[str, set[str]] = {}
    for domain in catalogues.DOMAINS:
        for key in domain.VI:
            homes.setdefault(key.split(".")[0], set()).add(domain.__name__)
    assert {prefix: sorted(d) for prefix, d in homes.items() if len(d) > 1} == {}


@pytest.mark.parametrize("key", sorted(CATALOGUES["vi"]))
def test_placeholders_match(key):
    assert _placeholders(CATALOGUES["vi"][key]) == _placeholders(CATALOGUES["en"][key])


def _code_files():
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", *CODE_DIRS],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [
        PROJECT_ROOT / f for f in listed if f.endswith(".py") and "catalogues" not in f and (PROJECT_ROOT / f).exists()
    ]


def _uses():
    """The string constants of the code, and a pattern for each f-string (its fields as any key part)."""
    constants, patterns = set(), []
    for path in _code_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                constants.add(node.value)
            elif isinstance(node, ast.JoinedStr):
                parts = [re.escape(v.value) if isinstance(v, ast.Constant) else r"[\w.]+" for v in node.values]
                static = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
                if len(static.strip(".")) >= 3:  # f"{a}.{b}" would match every key
                    patterns.append(re.compile("".join(parts)))
    return constants, patterns


def test_every_key_is_used():
    """A key is used when the code names it, builds it with an f-string, or adds a code to its prefix."""
    constants, patterns = _uses()
    prefixes = {c for c in constants if c.endswith(".")}  # t("db." + problem.reason)
    unused = [
        key
        for key in CATALOGUES["vi"]
        if key not in constants
        and not any(key.startswith(p) for p in prefixes)
        and not any(p.fullmatch(key) for p in patterns)
    ]
    assert unused == []
