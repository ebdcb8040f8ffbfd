"""The demo accounts' digest subscriptions, for trying `alerts send` against a test mail server: addresses
under the reserved `example` domain, so that no real mailbox is ever written to."""

from __future__ import annotations

from sqlalchemy import Engine, insert, select

from data_access.alerts.rules import RULES, TASK_RULES
from data_access.core import clock
from data_access.core.schema import alert_followed_units, alert_recipients, alert_subscriptions, units, users

DEMO_SUBSCRIPTIONS = {  # login -> rules
    "lanhdao": RULES,
    "quantri": ("meeting_points", "point_down", "point_failing"),
    "chuyenvien": TASK_RULES,
}
FOLLOWED = ("SO-TC", "SO-CT")  # the demo specialist's units, when the demo has them


def subscribe_demo_accounts(engine: Engine) -> None:
    now = clock.now_utc()
    with engine.begin() as conn:
        ids = dict(conn.execute(select(users.c.login, users.c.id).where(users.c.login.in_(DEMO_SUBSCRIPTIONS))).all())
        for login, rules in DEMO_SUBSCRIPTIONS.items():
            if login not in ids:
                continue
            conn.execute(
                insert(alert_recipients).values(user_id=ids[login], email=f"{login}@vanphong.example", updated_at=now)
            )
            conn.execute(insert(alert_subscriptions), [{"user_id": ids[login], "rule": r} for r in rules])
        followed = conn.execute(select(units.c.id).where(units.c.code.in_(FOLLOWED))).scalars().all()
        if "chuyenvien" in ids and followed:
            conn.execute(insert(alert_followed_units), [{"user_id": ids["chuyenvien"], "unit_id": u} for u in followed])
