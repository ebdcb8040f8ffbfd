"""Accounts managed from the dashboard: administrators only, audited, no secret in the trail or the page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_access.accounts import admin as user_admin
from data_access.accounts import users
from data_access.core.edit_errors import Forbidden
from data_access.core.schema import audit_log
from tests.apptest import TEST_PASSWORD, run_app
from ui import keys

ADMIN = users.User(1, "quantri", "Lê Hoàng Nam", "admin", True)
LEADER = users.User(2, "lanhdao", "Trần Văn Hùng", "leader", True)


def test_an_admin_adds_disables_and_resets_with_audit_rows_and_no_secret(engine):
    user_admin.add_user(engine, ADMIN, "Lan.NT", "specialist", "Nguyễn Thị Lan", "mat-khau-dai-1")
    user_admin.set_user_active(engine, ADMIN, "lan.nt", False)
    user_admin.set_user_active(engine, ADMIN, "lan.nt", True)
    user_admin.set_password(engine, ADMIN, "lan.nt", "mat-khau-moi-2")
    assert users.authenticate(engine, "lan.nt", "mat-khau-moi-2").role == "specialist"
    with engine.connect() as conn:
        trail = conn.execute(
            select(audit_log.c.action, audit_log.c.before, audit_log.c.after).order_by(audit_log.c.id)
        ).all()
    assert [a for a, _, _ in trail] == ["create_user", "disable_user", "enable_user", "reset_password"]
    text = repr(trail)
    assert "mat-khau" not in text and "$argon2" not in text


def test_only_admins_manage_users(engine):
    for actor in (LEADER, None):
        with pytest.raises(Forbidden):
            user_admin.add_user(engine, actor, "x", "admin", "X", "mat-khau-dai-1")
        with pytest.raises(Forbidden):
            user_admin.set_password(engine, actor, "x", "mat-khau-dai-1")
    with pytest.raises(users.UserError, match="cannot_disable_self"):
        user_admin.set_user_active(engine, ADMIN, "quantri", False)
    assert users.list_users(engine) == []


def test_the_accounts_page_adds_a_user(monkeypatch, db_url, engine):
    at = run_app(monkeypatch, db_url, "2025-08-28T09:00:00+07:00", page="app_pages/users.py", role="admin")
    assert not at.exception
    at.text_input(key=keys.NEW_USER_LOGIN).input("tam.bt")
    at.text_input(key=keys.NEW_USER_NAME).input("Bùi Thanh Tâm")
    at.text_input(key=keys.NEW_USER_PASSWORD).input("ngan")
    at.button(key=keys.NEW_USER_SAVE).click().run()
    assert at.error[0].value.startswith("Mật khẩu: phải có ít nhất 12 ký tự.")
    at.text_input(key=keys.NEW_USER_PASSWORD).input("mat-khau-dai-1")
    at.button(key=keys.NEW_USER_SAVE).click().run()
    assert not at.exception and not at.error
    assert "tam.bt" in [u.login for u in users.list_users(engine)]
    assert "mat-khau-dai-1" not in str(at) and TEST_PASSWORD not in str(at)


def test_a_leader_has_no_accounts_page(monkeypatch, db_url):
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        run_app(monkeypatch, db_url, "2025-08-28T09:00:00+07:00", page="app_pages/users.py", role="leader")
