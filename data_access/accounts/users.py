"""Users of the dashboard: argon2 password hashes, roles, and a lock after repeated failures.

Passwords are hashed with argon2-cffi and never stored, logged or returned.
A new password has at least MIN_PASSWORD_LENGTH characters and must not be
guessable: zxcvbn (its lists of common passwords, words, names, keyboard
patterns and dates, plus the login, the person's name and the office's own
words) must rate it at least MIN_STRENGTH of 4.
After MAX_FAILED_ATTEMPTS wrong passwords for one login from one source
address, that login is locked for LOCK_MINUTES from that address only (an
attacker elsewhere cannot lock the administrator out), and the lock is
written to the audit trail. Every refusal of a login costs the same argon2
check and gives the same message, whether the login is unknown, disabled or
the password wrong, so neither timing nor wording tells which.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from zxcvbn import zxcvbn

from data_access.accounts import audit, permissions
from data_access.core import clock
from data_access.core.database import LIVE, freshness
from data_access.core.schema import ROLES, login_failures, login_sessions, users
from data_access.core.sql import fold

MAX_FAILED_ATTEMPTS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 12
MIN_STRENGTH = 3  # zxcvbn's score: 0 too guessable … 4 very unguessable
# Words anyone guessing an office password tries first, beside the login and the person's name.
OFFICE_WORDS = ("ubnd", "vanphong", "van phong", "uybannhandan", "tinh", "matkhau", "mat khau", "quantri", "admin")
UNKNOWN_SOURCE = "?"
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a password of anyone")  # verified for unknown logins: the same work


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


def _check_password(password: str, *personal: str) -> None:
    """Refuse (UserError) a password too short or too easy to guess; `personal`: the login, the name."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError("password_too_short")
    if not password.strip() or len(set(password)) < 4:
        raise UserError("password_too_weak")
    words = list(OFFICE_WORDS)
    for value in personal:  # "Nguyễn Thị Mai" → nguyễn thị mai, nguyen thi mai, nguyenthimai, nguyen, thi, mai
        folded = fold(value or "")
        words += [value.lower(), folded, folded.replace(" ", ""), *folded.split()]
    words = [w for w in words if w]
    # zxcvbn's time grows with the length; the first 64 characters tell enough.
    if zxcvbn(password[:64], user_inputs=words)["score"] < MIN_STRENGTH:
        raise UserError("password_too_weak")


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
    _check_password(password, login, full_name)
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
    """Every account, for the command line (whoever runs it holds the database already)."""
    with engine.connect() as conn:
        return _all_users(conn)


@freshness(LIVE)
def list_users_in(conn: Connection, reader) -> list[User]:
    """Every account, for the accounts page: administrators only, checked here as the writes are."""
    permissions.require(reader, permissions.MANAGE_USERS)
    return _all_users(conn)


def _all_users(conn: Connection) -> list[User]:
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
    conn.execute(delete(login_failures).where(login_failures.c.login == login.strip().lower()))


def reset_password(engine: Engine, login: str, password: str) -> None:
    with engine.begin() as conn:
        reset_password_in(conn, login, password)


def reset_password_in(conn: Connection, login: str, password: str) -> None:
    """A new password; every open session of the account ends, so a stolen one stops working; locks lift."""
    row = conn.execute(select(users.c.login, users.c.full_name).where(users.c.login == login.strip().lower())).first()
    if row is None:
        raise UserError("unknown_user")
    _check_password(password, row.login, row.full_name)
    conn.execute(delete(login_failures).where(login_failures.c.login == row.login))
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


def _verified(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _count_failure(conn: Connection, login: str, source: str, now: dt.datetime) -> int:
    """One more wrong password for (login, source), counted by the database so concurrent ones each count."""
    upsert = (postgresql_insert if conn.dialect.name == "postgresql" else sqlite_insert)(login_failures)
    return conn.execute(
        upsert.values(login=login, source=source, failures=1, last_failed_at=now)
        .on_conflict_do_update(
            index_elements=[login_failures.c.login, login_failures.c.source],
            set_={"failures": login_failures.c.failures + 1, "last_failed_at": now},
        )
        .returning(login_failures.c.failures)
    ).scalar_one()


def authenticate(
    engine: Engine, login: str, password: str, now: dt.datetime | None = None, *, source: str | None = None
) -> User:
    """The user if the password is right and the account usable; else UserError, and failures count.

    `source`: where the attempt comes from (the browser's address); failures and locks are per login
    and source. Unknown login, disabled account and wrong password: the same argon2 work and the same
    "bad_credentials", so neither the answer nor its timing says which.
    """
    now = now or clock.now_utc()
    login = login.strip().lower()
    source = (source or UNKNOWN_SOURCE)[:100]
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.login == login)).first()
        locked_until = conn.execute(
            select(login_failures.c.locked_until).where(
                login_failures.c.login == login, login_failures.c.source == source
            )
        ).scalar()
    # The check runs outside any transaction (it takes a quarter of a second) and always runs.
    right = _verified(row.password_hash if row is not None else _DUMMY_HASH, password)
    if locked_until is not None and locked_until > now:
        raise UserError("account_locked")
    if row is not None and row.active and right:
        if locked_until is not None:  # a lock that has run out, or earlier failures: start again
            with engine.begin() as conn:
                conn.execute(
                    delete(login_failures).where(login_failures.c.login == login, login_failures.c.source == source)
                )
        return User(row.id, row.login, row.full_name, row.role, row.active)
    with engine.begin() as conn:  # committed before the refusal is raised, so that failures count
        failures = _count_failure(conn, login, source, now)
        if failures < MAX_FAILED_ATTEMPTS:
            refusal = "bad_credentials"
        else:
            until = now + dt.timedelta(minutes=LOCK_MINUTES)
            conn.execute(
                update(login_failures)
                .where(login_failures.c.login == login, login_failures.c.source == source)
                .values(failures=0, locked_until=until)
            )
            audit.record(
                conn,
                login,
                now,
                "lock_login",
                users.name,
                row.id if row is not None else 0,
                None,
                {"source": source, "failures": failures, "locked_until": until.isoformat(timespec="seconds")},
            )
            refusal = "account_locked"
    raise UserError(refusal)


def change_own_password(
    engine: Engine, user: User, current_password: str, new_password: str, keep_token_hash: str | None = None
) -> None:
    """A signed-in user's new password, given the current one; their other sessions end, audited."""
    with engine.connect() as conn:
        row = conn.execute(select(users).where(users.c.id == user.id)).first()
    if row is None or not row.active or not _verified(row.password_hash, current_password):
        raise UserError("current_password_wrong")
    if new_password == current_password:
        raise UserError("password_unchanged")
    _check_password(new_password, row.login, row.full_name)
    now = clock.now_utc()
    with engine.begin() as conn:
        conn.execute(update(users).where(users.c.id == user.id).values(password_hash=_hasher.hash(new_password)))
        others = [login_sessions.c.user_id == user.id, login_sessions.c.ended_at.is_(None)]
        if keep_token_hash:
            others.append(login_sessions.c.token_hash != keep_token_hash)
        conn.execute(update(login_sessions).where(*others).values(ended_at=now))
        audit.record(conn, row.login, now, "change_password", users.name, user.id, None, {"password": "***"})
