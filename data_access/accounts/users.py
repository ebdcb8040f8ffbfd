"""Users of the dashboard: argon2 password hashes, roles, and a lock after repeated failures.

Passwords are hashed with argon2-cffi and never stored, logged or returned.
After MAX_FAILED_ATTEMPTS wrong passwords an account is locked for LOCK_MINUTES.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, insert, select, update

from data_access.core import clock
from data_access.core.database import LIVE, freshness
from data_access.core.schema import ROLES, login_sessions, users

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
_hasher = PasswordHasher()


class UserError(ValueError):
    """A user operation refused; `reason` is a message key."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class User:
    id: int
    login: str
    full_name: str
    role: str
    active: bool


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("password_too_short")


def create_user(engine: Engine, login: str, role: str, full_name: str, password: str) -> User:
    with engine.begin() as conn:
        return create_user_in(conn, login, role, full_name, password)


def create_user_in(conn: Connection, login: str, role: str, full_name: str, password: str) -> User:
    """Add a user within the caller's transaction (the admin page audits it in the same one)."""
    login = login.strip().lower()
    if not login or not full_name.strip():
        raise UserError("login_or_name_missing")
    if role not in ROLES:
        raise UserError("unknown_role")
    _check_password(password)
    if conn.execute(select(users.c.id).where(users.c.login == login)).first():
        raise UserError("login_taken")
    user_id = conn.execute(
        insert(users)
        .values(
            login=login,
            full_name=full_name.strip(),
            role=role,
            password_hash=_hasher.hash(password),
            created_at=clock.now_utc(),
        )
        .returning(users.c.id)
    ).scalar_one()
    return User(user_id, login, full_name.strip(), role, True)


def list_users(engine: Engine) -> list[User]:
    with engine.connect() as conn:
        return list_users_in(conn)


@freshness(LIVE)
def list_users_in(conn: Connection) -> list[User]:
    rows = conn.execute(
        select(users.c.id, users.c.login, users.c.full_name, users.c.role, users.c.active).order_by(users.c.login)
    ).all()
    return [User(*r) for r in rows]


def set_active(engine: Engine, login: str, active: bool) -> None:
    with engine.begin() as conn:
        set_active_in(conn, login, active)


def set_active_in(conn: Connection, login: str, active: bool) -> None:
    done = conn.execute(
        update(users)
        .where(users.c.login == login.strip().lower())
        .values(active=active, failed_attempts=0, locked_until=None)
    )
    if not done.rowcount:
        raise UserError("unknown_user")


def reset_password(engine: Engine, login: str, password: str) -> None:
    with engine.begin() as conn:
        reset_password_in(conn, login, password)


def reset_password_in(conn: Connection, login: str, password: str) -> None:
    """A new password; every open session of the account ends, so a stolen one stops working."""
    _check_password(password)
    user_id = conn.execute(
        update(users)
        .where(users.c.login == login.strip().lower())
        .values(password_hash=_hasher.hash(password), failed_attempts=0, locked_until=None)
        .returning(users.c.id)
    ).scalar()
    if user_id is None:
        raise UserError("unknown_user")
    conn.execute(
        update(login_sessions)
        .where(login_sessions.c.user_id == user_id, login_sessions.c.ended_at.is_(None))
        .values(ended_at=clock.now_utc())
    )


def authenticate(engine: Engine, login: str, password: str, now: dt.datetime | None = None) -> User:
    """The user if the password is right and the account usable; else UserError, and failures count.

    The same message for an unknown login and a wrong password, so logins cannot be guessed.
    """
    now = now or clock.now_utc()
    refusal = None
    with engine.begin() as conn:  # a refusal is raised after the commit, so that failures count
        row = conn.execute(select(users).where(users.c.login == login.strip().lower()).with_for_update()).first()
        if row is None:
            _hasher.hash(password)  # the same work as a real check, so timing tells nothing
            refusal = "bad_credentials"
        elif not row.active:
            refusal = "account_disabled"
        elif row.locked_until is not None and row.locked_until > now:
            refusal = "account_locked"
        else:
            try:
                _hasher.verify(row.password_hash, password)
                conn.execute(update(users).where(users.c.id == row.id).values(failed_attempts=0, locked_until=None))
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                # Counted by the database itself: SQLite has no FOR UPDATE, and concurrent wrong
                # passwords must each count.
                failures = conn.execute(
                    update(users)
                    .where(users.c.id == row.id)
                    .values(failed_attempts=users.c.failed_attempts + 1)
                    .returning(users.c.failed_attempts)
                ).scalar_one()
                locked = failures >= MAX_FAILED_ATTEMPTS
                if locked:
                    conn.execute(
                        update(users)
                        .where(users.c.id == row.id)
                        .values(failed_attempts=0, locked_until=now + dt.timedelta(minutes=LOCK_MINUTES))
                    )
                refusal = "account_locked" if locked else "bad_credentials"
    if refusal:
        raise UserError(refusal)
    return User(row.id, row.login, row.full_name, row.role, row.active)
