"""Running app.py in-process with AppTest against a chosen database and a frozen clock."""

from __future__ import annotations

import contextlib
from pathlib import Path

import streamlit as st
from streamlit.testing.v1 import AppTest

from data_access.accounts import sessions as login_sessions
from data_access.accounts import users
from data_access.core.clock import FROZEN_NOW_ENV
from data_access.core.engine import get_engine
from data_access.core.errors import DATABASE_ERRORS
from ui import keys

APP = str(Path(__file__).resolve().parent.parent / "app.py")


TEST_PASSWORD = "mat-khau-kiem-thu"  # test accounts only, in throwaway databases


def signed_in_token(url: str, role: str) -> str:
    """A live session of the test account of `role` (created on first use) in the database at `url`."""
    engine = get_engine(url)
    login = f"kiemthu.{role}"
    user = next((u for u in users.list_users(engine) if u.login == login), None)
    if user is None:
        user = users.create_user(engine, login, role, f"Kiểm thử {role}", TEST_PASSWORD)
    return login_sessions.start_session(engine, user)


def run_app(
    monkeypatch,
    url: str,
    now_iso: str | None = None,
    query: dict | None = None,
    state: dict | None = None,
    page: str | None = None,
    role: str | None = "viewer",
) -> AppTest:
    """One fresh run of the app, signed in with the test account of `role` (None: not signed in).

    Widgets are set through `state` (session state before the run), not by
    set_value().run(): AppTest 1.67 reruns only the page script of an
    st.navigation app, so the router's shared filters would not run again.
    """
    monkeypatch.setenv("DATABASE_URL", url)
    if now_iso:
        monkeypatch.setenv(FROZEN_NOW_ENV, now_iso)
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    if role:
        with contextlib.suppress(*DATABASE_ERRORS):  # a broken database: its message comes before any login
            at.session_state[keys.SESSION_TOKEN] = signed_in_token(url, role)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    return at


def metrics(at: AppTest) -> dict[str, tuple[str, str | None]]:
    return {m.label: (m.value, m.delta) for m in at.metric}
