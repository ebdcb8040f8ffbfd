"""Signing in and out, for app.py: the session token lives in session state and in an HttpOnly cookie.

The cookie lets a tablet reload a page, or open a bookmarked link, without
logging in again; the database decides whether its session is still alive
(data_access.accounts.sessions: ended by logout, inactivity or a disabled account).
The server sets and clears the cookie (ui/routes.py, when started with
`streamlit run serve.py`): after a login the page sends the browser to the
cookie route with a one-time code, never with the token, and after a logout
to the route that clears it. No page script can read the token.
"""

from __future__ import annotations

import json

import streamlit as st

from data_access.accounts import sessions as login_sessions
from data_access.accounts import users
from data_access.core.database import Database
from data_access.core.errors import guarded
from ui import keys, routes

COOKIE = routes.COOKIE
DISPLAY_ROLE = "display"


def current_user() -> users.User | None:
    """The signed-in user of this browser session (set by app.py before any page runs)."""
    return st.session_state.get(keys.USER)


def _source() -> str | None:
    """The browser's address, for counting wrong passwords per login and source."""
    address = st.context.ip_address
    return address if isinstance(address, str) else None  # AppTest has no browser


def signed_in_user(db: Database, activity: bool = True) -> users.User | None:
    """The user of this browser's live session, or None (then the login form is shown).

    `activity=False`: a check that does not count as use (a slide show's refresh for an account
    that is not a display account), so the session still ends at the idle limit.
    """
    token = st.session_state.get(keys.SESSION_TOKEN)
    if token is None and not st.session_state.get(keys.SIGNED_OUT):
        token = st.context.cookies.get(COOKIE)
    if not isinstance(token, str):  # AppTest has no browser, hence no cookies
        token = None
    # On the primary; while it does not answer, from the replica (read only: the bookkeeping write is skipped).
    user = (
        db.on_primary_or_replica(
            lambda engine: login_sessions.session_user(
                engine, token, activity=activity, on_replica=engine is not db.engine
            )
        )
        if token
        else None
    )
    if user is None:
        if token:  # a session that has ended (idle, signed out elsewhere, account disabled): say why
            st.session_state.setdefault(keys.LOGIN_REFUSAL, "session_ended")
        st.session_state.pop(keys.SESSION_TOKEN, None)
        st.session_state.pop(keys.USER, None)
        return None
    st.session_state[keys.SESSION_TOKEN] = token
    st.session_state[keys.USER] = user
    return user


def sign_in(db: Database, login: str, password: str) -> users.User:
    """Check the password (UserError if refused) and start a session; the cookie follows on the next run."""
    engine = db.engine
    # Database.write: with a replica, a primary that does not answer is "read only", not "unreachable"
    user = guarded(lambda: Database.write(db, users.authenticate, login, password, source=_source()))
    token = guarded(lambda: Database.write(db, login_sessions.start_session, user))
    st.session_state[keys.SESSION_TOKEN] = token
    st.session_state[keys.USER] = user
    st.session_state.pop(keys.SIGNED_OUT, None)
    if routes.served():
        st.session_state[keys.COOKIE_TO_SET] = guarded(lambda: login_sessions.issue_grant(engine, token))
    return user


def sign_out(db: Database) -> None:
    token = st.session_state.pop(keys.SESSION_TOKEN, None)
    st.session_state.pop(keys.USER, None)
    # This browser is signed out whatever the database says (with the primary down, the session row
    # cannot be ended: the cookie is cleared all the same and the old token no longer counts here).
    st.session_state[keys.SIGNED_OUT] = True
    if routes.served():
        st.session_state[keys.COOKIE_TO_SET] = ""
    guarded(lambda: Database.write(db, login_sessions.end_session, token))


def change_password(db: Database, current_password: str, new_password: str) -> None:
    """The signed-in user's new password; their other sessions end, this one stays (UserError if refused)."""
    user = current_user()
    token = st.session_state.get(keys.SESSION_TOKEN)
    keep = login_sessions.digest(token) if token else None
    db.write(users.change_own_password, user, current_password, new_password, keep_token_hash=keep)


def write_cookie() -> None:
    """After a login or a logout, send the browser through the server's cookie route, once.

    A one-time code (never the token) travels in the address; the route sets or clears the HttpOnly
    cookie and sends the browser back to the page it was on.
    """
    pending = st.session_state.pop(keys.COOKIE_TO_SET, None)
    if pending is None:
        return
    if pending:
        target = f"'{routes.SESSION_PATH}?grant=' + {json.dumps(pending)} + '&next='"
    else:
        target = f"'{routes.SIGNOUT_PATH}?next='"
    st.html(
        f"<script>window.location.replace({target} + encodeURIComponent(location.pathname + location.search));"
        "</script>",
        unsafe_allow_javascript=True,
    )
