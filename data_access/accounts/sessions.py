"""Login sessions: the browser keeps a random token in a cookie; the database keeps its SHA-256.

A session ends when its user logs out, or after IDLE_MINUTES without a page
being opened (OFFICE_SESSION_IDLE_MINUTES overrides), or when the account is
disabled. A stolen copy of the database holds no usable token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import secrets

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import DBAPIError

from data_access.accounts.users import User
from data_access.core import clock
from data_access.core.engine import sqlite_busy_timeout_ms
from data_access.core.schema import login_sessions, users

IDLE_MINUTES_ENV = "OFFICE_SESSION_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 30
TOUCH_EVERY = dt.timedelta(minutes=1)  # last_seen_at is written at most this often
GRANT_LIFETIME = dt.timedelta(seconds=30)
QUICK_WRITE_WAIT = dt.timedelta(milliseconds=300)  # a session's bookkeeping never holds a page longer
_log = logging.getLogger(__name__)


def idle_limit() -> dt.timedelta:
    try:
        minutes = float(os.environ.get(IDLE_MINUTES_ENV, DEFAULT_IDLE_MINUTES))
    except ValueError:
        minutes = DEFAULT_IDLE_MINUTES
    return dt.timedelta(minutes=max(minutes, 1))


def digest(token: str) -> str:
    """What the database keeps of a session token."""
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(engine: Engine, user: User, now: dt.datetime | None = None) -> str:
    """A new session for a user who just gave the right password; returns the token for the cookie."""
    now = now or clock.now_utc()
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(
            insert(login_sessions).values(token_hash=digest(token), user_id=user.id, created_at=now, last_seen_at=now)
        )
    return token


def session_user(
    engine: Engine, token: str | None, now: dt.datetime | None = None, activity: bool = True, on_replica: bool = False
) -> User | None:
    """The user of a live session; None if ended, idle too long or the account disabled.

    `activity`: whether this counts as use (a page opened). A slide show's refresh counts only for a
    display account, whose show keeps its session alive; any other account's show ends at the idle
    limit. Reads never fail because the bookkeeping write could not be made (SQLite locked by another
    writer, a lock on PostgreSQL): that write waits a moment at most and is tried again on a later page.
    """
    if not token:
        return None
    now = now or clock.now_utc()
    with engine.connect() as conn:
        row = conn.execute(
            select(
                login_sessions.c.id,
                login_sessions.c.last_seen_at,
                users.c.id,
                users.c.login,
                users.c.full_name,
                users.c.role,
                users.c.active,
            )
            .join(users, users.c.id == login_sessions.c.user_id)
            .where(login_sessions.c.token_hash == digest(token), login_sessions.c.ended_at.is_(None))
        ).first()
    if row is None:
        return None
    if on_replica:  # the primary is down: nothing can be written, and a session idle only because its
        # "last seen" could not be written during the outage must not end; ended and disabled still count
        return User(row[2], row.login, row.full_name, row.role, row.active) if row.active else None
    if not row.active or now - row.last_seen_at > idle_limit():
        _quick_write(engine, update(login_sessions).where(login_sessions.c.id == row[0]).values(ended_at=now))
        return None
    if activity and now - row.last_seen_at >= TOUCH_EVERY:
        _quick_write(engine, update(login_sessions).where(login_sessions.c.id == row[0]).values(last_seen_at=now))
    return User(row[2], row.login, row.full_name, row.role, row.active)


def _quick_write(engine: Engine, statement) -> bool:
    """Run one bookkeeping write, waiting at most QUICK_WRITE_WAIT for a lock; False if it could not."""
    try:
        with engine.begin() as conn:
            wait_ms = int(QUICK_WRITE_WAIT.total_seconds() * 1000)
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {wait_ms}")
            else:
                conn.exec_driver_sql(f"SET LOCAL lock_timeout = {wait_ms}")
            try:
                conn.execute(statement)
            finally:
                if conn.dialect.name == "sqlite":  # the pooled connection keeps its usual wait
                    conn.exec_driver_sql(f"PRAGMA busy_timeout = {sqlite_busy_timeout_ms()}")
        return True
    except DBAPIError as exc:
        _log.warning("session bookkeeping skipped, to be retried: %s", exc.orig)
        return False


def issue_grant(engine: Engine, token: str, now: dt.datetime | None = None) -> str:
    """A one-time code, valid GRANT_SECONDS, that the browser trades for the session's cookie.

    The cookie is set by the server (HttpOnly, so no page script ever reads the token): the page
    sends the browser to the cookie route with this code, never with the token itself.
    """
    now = now or clock.now_utc()
    grant = secrets.token_urlsafe(24)
    with engine.begin() as conn:
        conn.execute(
            update(login_sessions)
            .where(login_sessions.c.token_hash == digest(token), login_sessions.c.ended_at.is_(None))
            .values(grant_hash=digest(grant), grant_expires_at=now + GRANT_LIFETIME)
        )
    return grant


def redeem_grant(engine: Engine, grant: str, now: dt.datetime | None = None) -> str | None:
    """The token for the cookie, once: the session's token is replaced, so only the cookie holds it."""
    if not grant:
        return None
    now = now or clock.now_utc()
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        done = conn.execute(
            update(login_sessions)
            .where(
                login_sessions.c.grant_hash == digest(grant),
                login_sessions.c.grant_expires_at > now,
                login_sessions.c.ended_at.is_(None),
            )
            .values(token_hash=digest(token), grant_hash=None, grant_expires_at=None, last_seen_at=now)
        )
    return token if done.rowcount == 1 else None


def end_session(engine: Engine, token: str | None, now: dt.datetime | None = None) -> None:
    if not token:
        return
    with engine.begin() as conn:
        conn.execute(
            update(login_sessions)
            .where(login_sessions.c.token_hash == digest(token), login_sessions.c.ended_at.is_(None))
            .values(ended_at=now or clock.now_utc())
        )
