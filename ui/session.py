"""Signing in and out, for app.py: the session token lives in session state and in a browser cookie.

The cookie lets a tablet reload a page, or open a bookmarked link, without
logging in again; the database decides whether its session is still alive
(data_access.accounts.sessions: ended by logout, inactivity or a disabled account).
"""

from __future__ import annotations

import streamlit as st

from data_access.accounts import sessions as login_sessions
from data_access.accounts import users
from data_access.core.database import Database
from data_access.core.errors import guarded
from ui import keys

COOKIE = "office_session"
COOKIE_MAX_AGE_SECONDS = 12 * 3600  # the server ends idle sessions long before


def current_user() -> users.User | None:
    """The signed-in user of this browser session (set by app.py before any page runs)."""
    return st.session_state.get(keys.USER)


def signed_in_user(db: Database) -> users.User | None:
    """The user of this browser's live session, or None (then the login form is shown)."""
    token = st.session_state.get(keys.SESSION_TOKEN) or st.context.cookies.get(COOKIE)
    if not isinstance(token, str):  # AppTest has no browser, hence no cookies
        token = None
    user = guarded(lambda: login_sessions.session_user(db.engine, token)) if token else None
    if user is None:
        if token:  # a session that has ended (idle, signed out elsewhere, account disabled): say why
            st.session_state.setdefault(keys.LOGIN_REFUSAL, "session_ended")
            st.session_state[keys.COOKIE_TO_SET] = False  # drop the dead cookie, so the message shows once
        st.session_state.pop(keys.SESSION_TOKEN, None)
        st.session_state.pop(keys.USER, None)
        return None
    st.session_state[keys.SESSION_TOKEN] = token
    st.session_state[keys.USER] = user
    return user


def sign_in(db: Database, login: str, password: str) -> users.User:
    """Check the password (UserError if refused) and start a session; the cookie is set on the next run."""
    engine = db.engine
    user = guarded(lambda: users.authenticate(engine, login, password))
    st.session_state[keys.SESSION_TOKEN] = guarded(lambda: login_sessions.start_session(engine, user))
    st.session_state[keys.USER] = user
    st.session_state[keys.COOKIE_TO_SET] = True
    return user


def sign_out(db: Database) -> None:
    token = st.session_state.pop(keys.SESSION_TOKEN, None)
    st.session_state.pop(keys.USER, None)
    guarded(lambda: login_sessions.end_session(db.engine, token))
    st.session_state[keys.COOKIE_TO_SET] = False


def write_cookie() -> None:
    """Set (after login) or clear (after logout) the session cookie, once, with a tiny script."""
    pending = st.session_state.pop(keys.COOKIE_TO_SET, None)
    if pending is None:
        return
    token = st.session_state.get(keys.SESSION_TOKEN, "") if pending else ""
    max_age = COOKIE_MAX_AGE_SECONDS if pending else 0
    st.html(
        "<script>document.cookie = '" + f"{COOKIE}={token}; path=/; max-age={max_age}; SameSite=Strict'"
        " + (location.protocol === 'https:' ? '; Secure' : '');</script>",
        unsafe_allow_javascript=True,
    )
