"""Users: hashed passwords, roles, disabling, resetting and the lock after repeated failures."""

import datetime as dt

import pytest
from sqlalchemy import select

from data_access.accounts import users as u
from data_access.core.schema import users


def test_create_and_authenticate(engine):
    u.create_user(engine, "Mai.NT", "specialist", "Nguyễn Thị Mai", "mat-khau-dai-1")
    user = u.authenticate(engine, "mai.nt", "mat-khau-dai-1")
    assert (user.login, user.role, user.full_name) == ("mai.nt", "specialist", "Nguyễn Thị Mai")
    with engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2") and "mat-khau-dai-1" not in stored


@pytest.mark.parametrize(
    "args, reason",
    [
        (("x", "mayor", "X", "mat-khau-dai-1"), "unknown_role"),
        (("x", "viewer", "X", "ngan"), "password_too_short"),
        (("", "viewer", "X", "mat-khau-dai-1"), "login_or_name_missing"),
    ],
)
def test_refused_users(engine, args, reason):
    with pytest.raises(u.UserError) as refused:
        u.create_user(engine, *args)
    assert refused.value.reason == reason


def test_duplicate_login(engine):
    u.create_user(engine, "hung", "viewer", "Trần Văn Hùng", "mat-khau-dai-1")
    with pytest.raises(u.UserError, match="login_taken"):
        u.create_user(engine, "HUNG", "leader", "Khác", "mat-khau-dai-2")


def test_wrong_password_and_unknown_login_say_the_same(engine):
    u.create_user(engine, "nam", "leader", "Lê Hoàng Nam", "mat-khau-dai-1")
    for login in ("nam", "khong-co"):
        with pytest.raises(u.UserError, match="bad_credentials"):
            u.authenticate(engine, login, "sai-mat-khau")


def test_lock_after_five_failures_then_unlock_after_fifteen_minutes(engine):
    u.create_user(engine, "tam", "specialist", "Bùi Thanh Tâm", "mat-khau-dai-1")
    now = dt.datetime(2025, 8, 28, 2, 0, tzinfo=dt.UTC)
    for attempt in range(1, 6):
        with pytest.raises(u.UserError) as refused:
            u.authenticate(engine, "tam", "sai", now)
        assert refused.value.reason == ("account_locked" if attempt == 5 else "bad_credentials")
    with pytest.raises(u.UserError, match="account_locked"):
        u.authenticate(engine, "tam", "mat-khau-dai-1", now + dt.timedelta(minutes=10))
    assert u.authenticate(engine, "tam", "mat-khau-dai-1", now + dt.timedelta(minutes=16)).login == "tam"


def test_disable_enable_and_reset(engine):
    u.create_user(engine, "lien", "admin", "Đặng Thị Kim Liên", "mat-khau-dai-1")
    u.set_active(engine, "lien", False)
    with pytest.raises(u.UserError, match="bad_credentials"):  # the same answer as a wrong password
        u.authenticate(engine, "lien", "mat-khau-dai-1")
    u.set_active(engine, "lien", True)
    u.reset_password(engine, "lien", "mat-khau-moi-2")
    assert u.authenticate(engine, "lien", "mat-khau-moi-2").role == "admin"
    assert [x.login for x in u.list_users(engine)] == ["lien"]
    with pytest.raises(u.UserError, match="unknown_user"):
        u.reset_password(engine, "khong-co", "mat-khau-dai-1")


def test_cli_manages_users_with_the_password_on_stdin(tmp_path):
    import subprocess
    import sys

    from data_access.core.config import PROJECT_ROOT

    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'u.db'}", "PATH": "/usr/bin:/bin"}

    def cli(*args, stdin=""):
        return subprocess.run(
            [sys.executable, "-m", "data_access", *args],
            cwd=PROJECT_ROOT,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert cli("migrate").returncode == 0
    made = cli("create-user", "mai", "--role", "specialist", "--name", "Nguyễn Thị Mai", stdin="mat-khau-dai-1\n")
    assert made.returncode == 0 and "mai" in made.stdout and "mat-khau" not in made.stdout + made.stderr
    assert cli("create-user", "mai", "--role", "viewer", "--name", "X", stdin="mat-khau-dai-1\n").returncode == 1
    short = cli("create-user", "hung", "--role", "viewer", "--name", "Hùng", stdin="ngan\n")
    assert short.returncode == 1 and "ít nhất 12 ký tự" in short.stderr
    assert cli("disable-user", "mai").returncode == 0
    listed = cli("list-users").stdout
    assert "mai\tspecialist\tĐã khóa\tNguyễn Thị Mai" in listed
    assert cli("reset-password", "mai", stdin="mat-khau-moi-2\n").returncode == 0
    from sqlalchemy import create_engine, text

    with create_engine(env["DATABASE_URL"]).connect() as conn:
        trail = conn.execute(text("SELECT user_login, action, after FROM audit_log ORDER BY id")).all()
    assert [action for _, action, _ in trail] == ["create_user", "disable_user", "reset_password"]
    assert all(login.startswith("cli:") for login, _, _ in trail)  # who ran the command
    assert "mat-khau" not in repr(trail)
