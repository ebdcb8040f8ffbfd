"""Managing users from the dashboard: for administrators only, each change audited without any secret.

The CLI (python -m data_access create-user …) stays the way to make the
first administrator; these functions are what the accounts page calls.
"""

from __future__ import annotations

from sqlalchemy import Engine, select

from data_access.accounts import audit, permissions, users
from data_access.core import clock
from data_access.core.schema import users as users_table


def _user_id(conn, login: str) -> int:
    user_id = conn.execute(select(users_table.c.id).where(users_table.c.login == login.strip().lower())).scalar()
    if user_id is None:
        raise users.UserError("unknown_user")
    return user_id


def add_user(engine: Engine, actor, login: str, role: str, full_name: str, password: str) -> users.User:
    permissions.require(actor, permissions.MANAGE_USERS)
    with engine.begin() as conn:
        user = users.create_user_in(conn, login, role, full_name, password)
        audit.record(
            conn,
            actor.login,
            clock.now_utc(),
            "create_user",
            "users",
            user.id,
            None,
            {"login": user.login, "full_name": user.full_name, "role": user.role},
        )
    return user


def set_user_active(engine: Engine, actor, login: str, active: bool) -> None:
    permissions.require(actor, permissions.MANAGE_USERS)
    if login.strip().lower() == actor.login and not active:
        raise users.UserError("cannot_disable_self")
    with engine.begin() as conn:
        user_id = _user_id(conn, login)
        was = conn.execute(select(users_table.c.active).where(users_table.c.id == user_id)).scalar_one()
        users.set_active_in(conn, login, active)
        audit.record(
            conn,
            actor.login,
            clock.now_utc(),
            "enable_user" if active else "disable_user",
            "users",
            user_id,
            {"active": was},
            {"active": active},
        )


def set_password(engine: Engine, actor, login: str, password: str) -> None:
    """A new password for a user; the audit row says that it changed, never what it is."""
    permissions.require(actor, permissions.MANAGE_USERS)
    with engine.begin() as conn:
        users.reset_password_in(conn, login, password)
        audit.record(
            conn,
            actor.login,
            clock.now_utc(),
            "reset_password",
            "users",
            _user_id(conn, login),
            None,
            {"password": "***"},
        )
