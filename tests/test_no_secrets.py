"""No password hash, session token or demo password is kept in the repository."""

import subprocess

from data_access.core.config import PROJECT_ROOT

HASH_MARK = "$argon2" + "id$v="  # how every argon2 hash starts (split, so this file does not match itself)


def _tracked_files():
    names = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [PROJECT_ROOT / name for name in names]


def test_no_hash_or_password_file_is_tracked():
    files = _tracked_files()
    assert files, "not a git checkout"
    for path in files:
        assert path.name not in ("demo-accounts.txt", "secrets.toml") and path.suffix != ".db", path
        if path.is_file() and path.suffix in (".py", ".md", ".toml", ".txt", ".ini", ".cfg", ".json", ".yml"):
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert HASH_MARK not in text, path


def test_the_demo_passwords_live_where_git_ignores_them():
    ignored = subprocess.run(
        ["git", "check-ignore", "data/demo-accounts.txt", ".streamlit/secrets.toml"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert ignored == ["data/demo-accounts.txt", ".streamlit/secrets.toml"]
