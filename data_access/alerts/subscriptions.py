"""Who gets which alerts by e-mail: each user's address, rules and (for specialists) followed units.

A specialist's task alerts are those of the units they follow only (none followed: no task alerts);
the other rules, and every rule for leaders and administrators, cover the whole province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, insert, select

from data_access.accounts import audit
from data_access.alerts.rules import RULES
from data_access.core import clock
from data_access.core.database import LIVE, freshness
from data_access.core.edit_errors import EditError, Forbidden
from data_access.core.schema import alert_followed_units, alert_recipients, alert_subscriptions, units

EMAIL = re.compile(r"^[^@\s<>\"',;]+@[^@\s<>\"',;]+\.[^@\s<>\"',;]+$")
FOLLOWS_UNITS = "specialist"  # the role whose task alerts are limited to the units it follows


@dataclass(frozen=True)
class Subscription:
    email: str | None
    rules: tuple[str, ...]
    unit_ids: tuple[int, ...]


@freshness(LIVE)
def subscription_of(conn: Connection, user_id: int) -> Subscription:
    email = conn.execute(select(alert_recipients.c.email).where(alert_recipients.c.user_id == user_id)).scalar()
    chosen = set(
        conn.execute(select(alert_subscriptions.c.rule).where(alert_subscriptions.c.user_id == user_id)).scalars()
    )
    followed = conn.execute(
        select(alert_followed_units.c.unit_id)
        .where(alert_followed_units.c.user_id == user_id)
        .order_by(alert_followed_units.c.unit_id)
    ).scalars()
    return Subscription(email, tuple(r for r in RULES if r in chosen), tuple(followed))


def save_subscription(engine: Engine, actor, email: str | None, rules, unit_ids=()) -> None:
    """A user's own digest settings (any signed-in person but a display account), with the audit row."""
    if actor is None or actor.role == "display":
        raise Forbidden("subscribe")
    email = (email or "").strip() or None
    if email is not None and (len(email) > 254 or not EMAIL.match(email)):
        raise EditError("email", "bad_email")
    unknown = set(rules) - set(RULES)
    rules = [r for r in RULES if r in set(rules)]
    if unknown:
        raise EditError("alert_rules", "unknown_code", value=", ".join(sorted(unknown)))
    unit_ids = sorted({int(u) for u in unit_ids})
    now = clock.now_utc()
    with engine.begin() as conn:
        if unit_ids:
            known = set(conn.execute(select(units.c.id).where(units.c.id.in_(unit_ids))).scalars())
            if known != set(unit_ids):
                raise EditError("alert_units", "unknown_code", value=", ".join(map(str, sorted(set(unit_ids) - known))))
        before = subscription_of(conn, actor.id)
        conn.execute(delete(alert_recipients).where(alert_recipients.c.user_id == actor.id))
        conn.execute(insert(alert_recipients).values(user_id=actor.id, email=email, updated_at=now))
        conn.execute(delete(alert_subscriptions).where(alert_subscriptions.c.user_id == actor.id))
        if rules:
            conn.execute(insert(alert_subscriptions), [{"user_id": actor.id, "rule": r} for r in rules])
        conn.execute(delete(alert_followed_units).where(alert_followed_units.c.user_id == actor.id))
        if unit_ids:
            conn.execute(insert(alert_followed_units), [{"user_id": actor.id, "unit_id": u} for u in unit_ids])
        after = {"email": email, "rules": rules, "unit_ids": unit_ids}
        old = {"email": before.email, "rules": list(before.rules), "unit_ids": list(before.unit_ids)}
        audit.record(conn, actor.login, now, "save_alert_subscription", alert_recipients.name, actor.id, old, after)
