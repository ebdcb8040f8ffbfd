"""Login sessions: the token works until logout, inactivity or a disabled account; only its hash is kept."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from sqlalchemy import select

from data_access.accounts import sessions as ls
from data_access.accounts import users as u
from data_access.core.schema import login_sessions
from data_access.demo.accounts import DEMO_ACCOUNTS, create_demo_accounts, read_demo_passwords

NOW = dt.datetime(2025, 8, 28, 2, 0, tzinfo=dt.UTC)


def test_session_lives_while_used_and_ends_after_inactivity(engine, monkeypatch):
    monkeypatch.setenv(ls.IDLE_MINUTES_ENV, "30")
    user = u.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", "mat-khau-dai-1")
    token = ls.start_session(engine, user, NOW)
    with engine.connect() as conn:
        stored = conn.execute(select(login_sessions.c.token_hash)).scalar_one()
    assert token not in stored and len(stored) == 64
    for minutes in (20, 45, 70):  # each visit within 30 minutes of the last keeps it alive
        assert ls.session_user(engine, token, NOW + dt.timedelta(minutes=minutes)).login == "mai"
    assert ls.session_user(engine, token, NOW + dt.timedelta(minutes=101)) is None
    assert ls.session_user(engine, token, NOW + dt.timedelta(minutes=102)) is None  # ended for good
    assert ls.session_user(engine, "not-a-token", NOW) is None


def test_logout_and_disabled_account_end_the_session(engine):
    user = u.create_user(engine, "hung", "leader", "Trần Văn Hùng", "mat-khau-dai-1")
    first, second = ls.start_session(engine, user, NOW), ls.start_session(engine, user, NOW)
    ls.end_session(engine, first, NOW)
    assert ls.session_user(engine, first, NOW) is None
    assert ls.session_user(engine, second, NOW).role == "leader"
    u.set_active(engine, "hung", False)
    assert ls.session_user(engine, second, NOW) is None


def test_demo_accounts_one_per_role_with_passwords_only_in_their_file(engine, tmp_path):
    path = tmp_path / "demo-accounts.txt"
    create_demo_accounts(engine, path)
    assert sorted(user.role for user in u.list_users(engine)) == sorted(r for _, r, _ in DEMO_ACCOUNTS)
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    for login, password in read_demo_passwords(path).items():
        assert u.authenticate(engine, login, password).login == login


def test_concurrent_wrong_passwords_all_count(engine):
    """Sent at once, wrong passwords still lock the account (SQLite has no FOR UPDATE)."""
    import threading

    u.create_user(engine, "tam", "specialist", "Bùi Thanh Tâm", "mat-khau-dai-1")
    barrier = threading.Barrier(6)

    def wrong():
        barrier.wait()
        with contextlib.suppress(u.UserError):
            u.authenticate(engine, "tam", "sai", NOW)

    threads = [threading.Thread(target=wrong) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    with pytest.raises(u.UserError, match="account_locked"):
        u.authenticate(engine, "tam", "mat-khau-dai-1", NOW)


def test_a_password_reset_ends_the_accounts_sessions(engine):
    user = u.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", "mat-khau-dai-1")
    token = ls.start_session(engine, user, NOW)
    u.reset_password(engine, "mai", "mat-khau-moi-2")
    assert ls.session_user(engine, token, NOW) is None
