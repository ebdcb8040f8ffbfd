"""The login form through AppTest: refusals, the lock, the idle timeout, signing out."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from data_access.accounts import sessions as login_sessions
from data_access.accounts import users
from data_access.core.schema import login_sessions as sessions_table
from tests.apptest import TEST_PASSWORD, metrics, run_app
from ui import keys

NOW_ISO = "2025-08-28T09:00:00+07:00"
NOW = dt.datetime.fromisoformat(NOW_ISO)


def _sign_in(at, login, password):
    at.text_input(key=keys.LOGIN_NAME).input(login)
    at.text_input(key=keys.LOGIN_PASSWORD).input(password)
    at.button[0].click().run()
    return at


def test_nothing_but_the_form_before_signing_in(monkeypatch, db_url):
    at = run_app(monkeypatch, db_url, NOW_ISO, role=None)
    assert not at.exception and not at.metric
    assert at.subheader[0].value == "Đăng nhập"


def test_wrong_password_then_the_lock(monkeypatch, db_url, engine):
    users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", TEST_PASSWORD)
    at = run_app(monkeypatch, db_url, NOW_ISO, role=None)
    for attempt in range(1, 6):
        _sign_in(at, "mai", "sai-mat-khau")
        expected = "tạm khóa 15 phút" if attempt == 5 else "Tên đăng nhập hoặc mật khẩu không đúng"
        assert expected in at.error[0].value
    _sign_in(at, "mai", TEST_PASSWORD)
    assert "tạm khóa 15 phút" in at.error[0].value and not at.metric
    assert "sai-mat-khau" not in str(at) and TEST_PASSWORD not in str(at)


def test_the_right_password_opens_the_dashboard(monkeypatch, db_url, engine):
    users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", TEST_PASSWORD)
    at = _sign_in(run_app(monkeypatch, db_url, NOW_ISO, role=None), "MAI ", TEST_PASSWORD)
    assert not at.exception and not at.error
    assert metrics(at)["Nhiệm vụ quá hạn"][0] == "0"


def test_an_idle_session_asks_for_the_password_again(monkeypatch, db_url, engine):
    user = users.create_user(engine, "mai", "specialist", "Nguyễn Thị Mai", TEST_PASSWORD)
    idle = login_sessions.start_session(engine, user, NOW - dt.timedelta(minutes=31))
    at = run_app(monkeypatch, db_url, NOW_ISO, role=None, state={keys.SESSION_TOKEN: idle})
    assert at.subheader[0].value == "Đăng nhập" and not at.metric
    fresh = login_sessions.start_session(engine, user, NOW - dt.timedelta(minutes=29))
    at = run_app(monkeypatch, db_url, NOW_ISO, role=None, state={keys.SESSION_TOKEN: fresh})
    assert at.metric


def test_signing_out_ends_the_session(monkeypatch, db_url, engine):
    at = run_app(monkeypatch, db_url, NOW_ISO, role="leader")
    token = at.session_state[keys.SESSION_TOKEN]
    at.button(key=keys.LOGOUT).click().run()
    assert at.subheader[0].value == "Đăng nhập"
    assert login_sessions.session_user(engine, token) is None
    with engine.connect() as conn:
        assert conn.execute(select(sessions_table.c.ended_at)).scalar() is not None
