"""Issue 16: passwords, lockout per login and source, equal refusals, own password, reads guarded, grants.

Each test here failed on main before the fix (they name the item of the issue).
"""

from __future__ import annotations

import datetime as dt
import time

import pytest
from sqlalchemy import select, update

from data_access.accounts import admin, audit, sessions, users
from data_access.accounts.audit import AuditFilter
from data_access.core.edit_errors import Forbidden
from data_access.core.schema import audit_log, login_sessions

PASSWORD = "sông hồng mùa thu chín"
NOW = dt.datetime(2026, 12, 1, 1, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "password, reason",
    [
        ("12345678", "password_too_short"),
        ("        ", "password_too_short"),
        ("            ", "password_too_weak"),  # twelve spaces
        ("123456789012", "password_too_weak"),
        ("qwertyuiopas", "password_too_weak"),
        ("matkhau12345", "password_too_weak"),
        ("aaaaaaaaaaaaaaaa", "password_too_weak"),
        ("nguyenthimai1", "password_too_weak"),  # the person's own name
        ("Vanphong@2025", "password_too_weak"),
    ],
)
def test_item9_short_common_and_guessable_passwords_are_refused(engine, password, reason):
    with pytest.raises(users.UserError) as refused:
        users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", password)
    assert refused.value.reason == reason


def test_item9_a_long_unguessable_password_is_taken(engine):
    assert users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", PASSWORD).login == "mai"


def test_item9_a_reset_follows_the_same_rules(engine):
    users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", PASSWORD)
    with pytest.raises(users.UserError, match="password_too_weak"):
        users.reset_password(engine, "mai", "123456789012")


def test_item9_a_disabled_account_answers_like_a_wrong_password_in_the_same_time(engine):
    users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", PASSWORD)
    users.create_user(engine, "lan", "specialist", "Trần Thị Lan", PASSWORD)
    users.set_active(engine, "lan", False)

    def timed(login: str, password: str, source: str) -> tuple[str, float]:
        started = time.perf_counter()
        with pytest.raises(users.UserError) as refused:
            users.authenticate(engine, login, password, NOW, source=source)
        return refused.value.reason, time.perf_counter() - started

    disabled, wrong, unknown = [], [], []
    for i in range(5):  # interleaved, so that whatever else the machine does weighs on the three alike
        disabled.append(timed("lan", PASSWORD, f"10.0.0.{i}"))
        wrong.append(timed("mai", "sai mật khẩu rồi nhé", f"10.0.1.{i}"))
        unknown.append(timed("khong-co", "sai mật khẩu rồi nhé", f"10.0.2.{i}"))
    assert {r for r, _ in disabled + wrong + unknown} == {"bad_credentials"}
    # the least time of each: the work itself, without the pauses another process may cause
    d, w, n = (min(s for _, s in x) for x in (disabled, wrong, unknown))
    print(f"disabled {d * 1000:.0f} ms, wrong password {w * 1000:.0f} ms, unknown login {n * 1000:.0f} ms")
    assert 0.5 < d / w < 2 and 0.5 < n / w < 2


def test_item9_a_lock_holds_one_login_from_one_source_and_is_audited(engine):
    users.create_user(engine, "quantri", "admin", "Lê Hoàng Nam", PASSWORD)
    for attempt in range(1, 6):
        with pytest.raises(users.UserError) as refused:
            users.authenticate(engine, "quantri", "đoán bừa thôi", NOW, source="10.9.9.9")
        assert refused.value.reason == ("account_locked" if attempt == 5 else "bad_credentials")
    with pytest.raises(users.UserError, match="account_locked"):  # the attacker's address stays locked
        users.authenticate(engine, "quantri", PASSWORD, NOW, source="10.9.9.9")
    # the administrator's own tablet is not locked out
    assert users.authenticate(engine, "quantri", PASSWORD, NOW, source="10.0.0.5").login == "quantri"
    with engine.connect() as conn:
        locks = conn.execute(select(audit_log).where(audit_log.c.action == "lock_login")).all()
    assert len(locks) == 1 and locks[0].user_login == "quantri" and "10.9.9.9" in locks[0].after
    # after fifteen minutes the lock is over
    later = NOW + dt.timedelta(minutes=16)
    assert users.authenticate(engine, "quantri", PASSWORD, later, source="10.9.9.9").login == "quantri"


def test_item9_an_unknown_login_locks_the_same_way(engine):
    for _ in range(5):
        with pytest.raises(users.UserError):
            users.authenticate(engine, "khong-co", "đoán bừa thôi", NOW, source="10.9.9.9")
    with pytest.raises(users.UserError, match="account_locked"):
        users.authenticate(engine, "khong-co", "đoán bừa thôi", NOW, source="10.9.9.9")


def test_item9_an_administrator_reset_lifts_the_lock(engine):
    users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", PASSWORD)
    for _ in range(5):
        with pytest.raises(users.UserError):
            users.authenticate(engine, "mai", "đoán bừa thôi", NOW, source="10.9.9.9")
    users.reset_password(engine, "mai", "bàn phím xanh lá cây")
    assert users.authenticate(engine, "mai", "bàn phím xanh lá cây", NOW, source="10.9.9.9").login == "mai"


def test_item9_a_user_changes_their_own_password_and_their_other_sessions_end(engine):
    user = users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", PASSWORD)
    here = sessions.start_session(engine, user)
    elsewhere = sessions.start_session(engine, user)
    with pytest.raises(users.UserError, match="current_password_wrong"):
        users.change_own_password(engine, user, "không phải mật khẩu", "bàn phím xanh lá cây")
    with pytest.raises(users.UserError, match="password_too_weak"):
        users.change_own_password(engine, user, PASSWORD, "123456789012")
    users.change_own_password(engine, user, PASSWORD, "bàn phím xanh lá cây", keep_token_hash=sessions.digest(here))
    assert sessions.session_user(engine, here) is not None
    assert sessions.session_user(engine, elsewhere) is None
    assert users.authenticate(engine, "mai", "bàn phím xanh lá cây").login == "mai"
    with engine.connect() as conn:
        row = conn.execute(select(audit_log).where(audit_log.c.action == "change_password")).one()
    assert row.user_login == "mai" and "bàn phím" not in (row.after or "")


def test_item10_the_user_list_and_the_audit_trail_check_the_role_in_the_data_layer(engine):
    viewer = users.create_user(engine, "xem", "viewer", "Phạm Thu Hà", PASSWORD)
    leader = users.create_user(engine, "lanhdao", "leader", "Trần Văn Hùng", PASSWORD)
    boss = users.create_user(engine, "quantri", "admin", "Lê Hoàng Nam", PASSWORD)
    with engine.connect() as conn:
        for reader in (None, viewer, leader):
            with pytest.raises(Forbidden):
                users.list_users_in(conn, reader)
        assert [u.login for u in users.list_users_in(conn, boss)] == ["lanhdao", "quantri", "xem"]
        for reader in (None, viewer):
            with pytest.raises(Forbidden):
                audit.audit_logins(conn, reader)
            with pytest.raises(Forbidden):
                audit.audit_page(conn, reader, AuditFilter(), 1)
        assert audit.audit_logins(conn, leader) == []


def test_item2_a_grant_is_traded_once_for_a_new_token(engine):
    user = users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", PASSWORD)
    token = sessions.start_session(engine, user, NOW)
    grant = sessions.issue_grant(engine, token, NOW)
    assert sessions.redeem_grant(engine, "made-up", NOW) is None
    cookie = sessions.redeem_grant(engine, grant, NOW + dt.timedelta(seconds=5))
    assert cookie and cookie != token and cookie != grant
    assert sessions.redeem_grant(engine, grant, NOW + dt.timedelta(seconds=6)) is None  # once only
    assert sessions.session_user(engine, cookie, NOW + dt.timedelta(seconds=7)).login == "mai"
    assert sessions.session_user(engine, token, NOW + dt.timedelta(seconds=7)) is None  # the page never held it
    late = sessions.issue_grant(engine, cookie, NOW)
    assert sessions.redeem_grant(engine, late, NOW + dt.timedelta(seconds=31)) is None  # expired


def test_item1_a_show_refresh_counts_as_use_only_when_asked(engine):
    user = users.create_user(engine, "mai", "display", "Màn hình hội trường", PASSWORD)
    token = sessions.start_session(engine, user, NOW)
    later = NOW + dt.timedelta(minutes=20)
    assert sessions.session_user(engine, token, later, activity=False) is not None
    with engine.connect() as conn:
        assert conn.execute(select(login_sessions.c.last_seen_at)).scalar_one() == NOW
    assert sessions.session_user(engine, token, later, activity=True) is not None
    with engine.connect() as conn:
        assert conn.execute(select(login_sessions.c.last_seen_at)).scalar_one() == later
    # a disabled account, or a password reset, ends it at once
    users.set_active(engine, "mai", False)
    assert sessions.session_user(engine, token, later, activity=False) is None


def test_item1_the_display_role_exists_and_cannot_edit(engine):
    boss = users.create_user(engine, "quantri", "admin", "Lê Hoàng Nam", PASSWORD)
    shown = admin.add_user(engine, boss, "hoitruong", "display", "Màn hình hội trường", "bàn phím xanh lá cây")
    from data_access.accounts.permissions import EDIT, READ_AUDIT, may

    assert shown.role == "display" and not may("display", EDIT) and not may("display", READ_AUDIT)


def test_item6_a_session_is_read_even_when_its_bookkeeping_cannot_be_written(engine, monkeypatch):
    user = users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", PASSWORD)
    token = sessions.start_session(engine, user, NOW)
    with engine.begin() as conn:  # long unseen: this read wants to write last_seen_at
        conn.execute(update(login_sessions).values(last_seen_at=NOW - dt.timedelta(minutes=10)))
    calls = []

    def refused(_engine, statement):
        calls.append(statement)
        return False  # as if the database were locked by another writer

    monkeypatch.setattr(sessions, "_quick_write", refused)
    assert sessions.session_user(engine, token, NOW).login == "mai"
    assert len(calls) == 1
