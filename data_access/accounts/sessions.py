"""Login sessions: the browser keeps a random token in a cookie; the database keeps its SHA-256.

A session ends when its user logs out, or after IDLE_MINUTES without a page
being opened (OFFICE_SESSION_IDLE_MINUTES overrides), or when the account is
disabled. A stolen copy of the database holds no usable token.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import secrets

from sqlalchemy import Engine, insert, select, update

from data_access.accounts.users import User
from data_access.core import clock
from data_access.core.schema import login_sessions, users

IDLE_MINUTES_ENV = "OFFICE_SESSION_IDLE_MINUTES"
DEFAULT_IDLE_MINUTES = 30
TOUCH_EVERY = dt.timedelta(minutes=1)  # last_seen_at is written at most this often


def idle_limit() -> dt.timedelta:
    try:
        minutes = float(os.environ.get(IDLE_MINUTES_ENV, DEFAULT_IDLE_MINUTES))
    except ValueError:
        minutes = DEFAULT_IDLE_MINUTES
    return dt.timedelta(minutes=max(minutes, 1))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(engine: Engine, user: User, now: dt.datetime | None = None) -> str:
    """A new session for a user who just gave the right password; returns the token for the cookie."""
    now = now or clock.now_utc()
    token = secrets.token_urlsafe(32)
    with engine.begin() as conn:
        conn.execute(
            insert(login_sessions).values(token_hash=_digest(token), user_id=user.id, created_at=now, last_seen_at=now)
        )
    return token


def session_user(engine: Engine, token: str | None, now: dt.datetime | None = None) -> User | None:
    """The user of a live session, which counts as activity; None if ended, idle too long or disabled."""
    if not token:
        return None
    now = now or clock.now_utc()
    with engine.begin() as conn:
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
            .where(login_sessions.c.token_hash == _digest(token), login_sessions.c.ended_at.is_(None))
        ).first()
        if row is None:
            return None
        if not row.active or now - row.last_seen_at > idle_limit():
            conn.execute(update(login_sessions).where(login_sessions.c.id == row[0]).values(ended_at=now))
            return None
        if now - row.last_seen_at >= TOUCH_EVERY:
            conn.execute(update(login_sessions).where(login_sessions.c.id == row[0]).values(last_seen_at=now))
    return User(row[2], row.login, row.full_name, row.role, row.active)


def end_session(engine: Engine, token: str | None, now: dt.datetime | None = None) -> None:
    if not token:
        return
    with engine.begin() as conn:
        conn.execute(
            update(login_sessions)
            .where(login_sessions.c.token_hash == _digest(token), login_sessions.c.ended_at.is_(None))
            .values(ended_at=now or clock.now_utc())
        )
