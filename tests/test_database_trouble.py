"""Database trouble shows a Vietnamese message that says what to do, never a traceback,
and the app recovers by itself when the database is back."""

import subprocess
import sys
import time

import pytest
from sqlalchemy import text

from data_access.core.config import PROJECT_ROOT
from data_access.core.engine import get_engine
from data_access.core.migrate import upgrade
from data_access.demo.accounts import read_demo_passwords
from tests.apptest import metrics, run_app, signed_in_token
from ui import keys


def _error_text(at) -> str:
    assert not at.exception, at.exception
    assert len(at.error) == 1
    assert not at.metric
    return at.error[0].value


def test_bad_url(monkeypatch):
    message = _error_text(run_app(monkeypatch, "not a url"))
    assert "Địa chỉ cơ sở dữ liệu không hợp lệ" in message


def test_server_down(monkeypatch):
    message = _error_text(run_app(monkeypatch, "postgresql://postgres@127.0.0.1:1/office"))
    assert "Không kết nối được máy chủ cơ sở dữ liệu" in message


def test_schema_not_migrated_then_recovers(monkeypatch, tmp_path):
    """An empty database gets the migrate instruction; once migrated, the same session shows figures."""
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    at = run_app(monkeypatch, url)
    assert "python -m data_access migrate" in _error_text(at)
    assert at.button[0].label == "Thử lại ngay"
    upgrade(get_engine(url))
    at.session_state[keys.SESSION_TOKEN] = signed_in_token(url, "viewer")  # the user signs in
    at.run()
    assert not at.exception and not at.error
    assert metrics(at)["Nhiệm vụ quá hạn"][0] == "0"


def test_schema_from_another_version(monkeypatch, tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(get_engine(url))
    with get_engine(url).begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    assert "chưa được cập nhật" in _error_text(run_app(monkeypatch, url))


@pytest.mark.postgres
def test_postgres_database_missing(monkeypatch, postgres_url):
    from sqlalchemy.engine import make_url

    url = make_url(postgres_url).set(database="office_does_not_exist_x").render_as_string(False)
    assert "Không kết nối được" in _error_text(run_app(monkeypatch, url))


def test_embedded_default_sets_itself_up(monkeypatch, tmp_path):
    """Nothing configured: the app creates, migrates and fills the embedded SQLite file."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("OFFICE_EMBEDDED_DB", str(tmp_path / "office.db"))
    monkeypatch.chdir(tmp_path)  # no .streamlit/secrets.toml here
    from data_access.core import config

    monkeypatch.setattr(config, "SECRETS_FILE", tmp_path / "secrets.toml")
    from data_access.core.config import embedded_url

    at = run_app(monkeypatch, "", "2026-11-23T10:00:00+07:00")
    assert not at.exception and not at.error
    assert "demo-accounts.txt" in at.caption[0].value  # where the demo accounts' passwords are
    assert "Lần chạy đầu" in at.info[0].value  # built in the background: the login form is there already
    passwords = tmp_path / "demo-accounts.txt"
    deadline = time.monotonic() + 60
    while not passwords.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    password = read_demo_passwords(passwords)["chuyenvien"]
    at.text_input(key=keys.LOGIN_NAME).input("chuyenvien")
    at.text_input(key=keys.LOGIN_PASSWORD).input(password)
    at.button[0].click().run(timeout=120)  # the sign-in waits for the build, then the page opens
    assert not at.exception and not at.error
    assert password not in str(at)  # the page never shows a password
    assert metrics(at)["Điểm cầu xã đang kết nối"][0].endswith("/102")
    assert (tmp_path / "office.db").exists()
    assert embedded_url().endswith("office.db")


@pytest.mark.parametrize(
    "url, words",
    [
        ("not a url", "không hợp lệ"),
        ("postgresql://postgres@127.0.0.1:1/office", "Không kết nối được"),
    ],
)
def test_cli_says_what_is_wrong_without_traceback(url, words):
    done = subprocess.run(
        [sys.executable, "-m", "data_access", "check"],
        cwd=PROJECT_ROOT,
        env={"DATABASE_URL": url, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert words in done.stderr
    assert "Traceback" not in done.stderr


def test_a_first_start_that_cannot_build_says_so_and_waits_before_trying_again(monkeypatch, tmp_path):
    """The data folder cannot be made (a file is in its way): one clear Vietnamese message, no traceback,
    the build not started again on every run."""
    monkeypatch.delenv("DATABASE_URL", raising=False)
    (tmp_path / "blocked").write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("OFFICE_EMBEDDED_DB", str(tmp_path / "blocked" / "office.db"))
    monkeypatch.chdir(tmp_path)
    from data_access.core import config

    monkeypatch.setattr(config, "SECRETS_FILE", tmp_path / "secrets.toml")
    at = run_app(monkeypatch, "", "2026-11-23T10:00:00+07:00")
    assert not at.exception
    at.text_input(key=keys.LOGIN_NAME).input("chuyenvien")
    at.text_input(key=keys.LOGIN_PASSWORD).input("một mật khẩu bất kỳ")
    at.button[0].click().run(timeout=60)  # the sign-in waits for the build, which fails
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert "Không tạo được cơ sở dữ liệu mẫu" in shown and "data/" in shown
    from ui import startup

    build = startup._embedded_build(config.embedded_url())
    assert build.done.is_set() and build.error is not None
    assert startup._embedded_build(config.embedded_url()) is build  # not started again at once
