"""What each subscriber is owed: the open stored alerts of the rules they chose (a specialist's task
alerts only for the units they follow), each marked whether it already reached them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, exists, not_, or_, select

from data_access.alerts.rules import RULES, TASK_RULES
from data_access.alerts.subscriptions import FOLLOWS_UNITS
from data_access.core.schema import (
    alert_deliveries,
    alert_followed_units,
    alert_recipients,
    alert_subscriptions,
    alerts,
    users,
)
from data_access.core.sql import as_date


@dataclass(frozen=True)
class StoredAlert:
    id: int
    rule: str
    item_key: str
    code: str | None
    label: str
    link: str | None
    unit_name: str | None
    n: int | None
    on_date: dt.date | None
    state: str | None


@dataclass
class Digest:
    user_id: int
    login: str
    full_name: str
    email: str
    new: list[StoredAlert] = field(default_factory=list)  # not yet sent to this address
    open_by_rule: dict[str, int] = field(default_factory=dict)  # every open alert they follow, sent or not

    @property
    def open_total(self) -> int:
        return sum(self.open_by_rule.values())


ALERT_COLUMNS = (
    alerts.c.id,
    alerts.c.rule,
    alerts.c.item_key,
    alerts.c.code,
    alerts.c.label,
    alerts.c.link,
    alerts.c.unit_name,
    alerts.c.n,
    alerts.c.on_date,
    alerts.c.state,
)


def stored(row) -> StoredAlert:
    values = list(row)
    values[8] = as_date(values[8]) if values[8] is not None else None
    return StoredAlert(*values)


def sent_to(channel: str, recipient):
    return exists().where(
        alert_deliveries.c.alert_id == alerts.c.id,
        alert_deliveries.c.channel == channel,
        alert_deliveries.c.recipient == recipient,
        alert_deliveries.c.status == "sent",
    )


def email_digests(conn: Connection) -> list[Digest]:
    """Per active subscriber with an address, in login order: their open alerts, the new ones listed."""
    followed = exists().where(
        alert_followed_units.c.user_id == users.c.id, alert_followed_units.c.unit_id == alerts.c.unit_id
    )
    in_scope = or_(users.c.role != FOLLOWS_UNITS, not_(alerts.c.rule.in_(TASK_RULES)), followed)
    sent = sent_to("email", alert_recipients.c.email).label("sent")
    rows = conn.execute(
        select(users.c.id, users.c.login, users.c.full_name, alert_recipients.c.email, sent, *ALERT_COLUMNS)
        .select_from(
            alert_recipients.join(users, users.c.id == alert_recipients.c.user_id)
            .join(alert_subscriptions, alert_subscriptions.c.user_id == users.c.id)
            .join(alerts, and_(alerts.c.rule == alert_subscriptions.c.rule, alerts.c.closed_at.is_(None)))
        )
        .where(users.c.active.is_(True), alert_recipients.c.email.is_not(None), users.c.role != "display", in_scope)
        .order_by(users.c.login, alerts.c.rule, alerts.c.on_date, alerts.c.label, alerts.c.id)
    ).all()
    digests: dict[int, Digest] = {}
    for r in rows:
        d = digests.setdefault(r[0], Digest(r[0], r[1], r[2], r[3]))
        a = stored(r[5:])
        d.open_by_rule[a.rule] = d.open_by_rule.get(a.rule, 0) + 1
        if not r[4]:
            d.new.append(a)
    for d in digests.values():
        d.open_by_rule = {rule: d.open_by_rule[rule] for rule in RULES if rule in d.open_by_rule}
        d.new.sort(key=lambda a: (RULES.index(a.rule), a.on_date or dt.date.max, a.label, a.id))
    return list(digests.values())


def webhook_alerts(conn: Connection, url: str) -> tuple[list[StoredAlert], dict[str, int]]:
    """Every open alert not yet posted to the webhook `url`, and the open counts by rule."""
    sent = sent_to("webhook", url).label("sent")
    rows = conn.execute(
        select(sent, *ALERT_COLUMNS).where(alerts.c.closed_at.is_(None)).order_by(alerts.c.rule, alerts.c.id)
    ).all()
    counts: dict[str, int] = {}
    new = []
    for r in rows:
        a = stored(r[1:])
        counts[a.rule] = counts.get(a.rule, 0) + 1
        if not r[0]:
            new.append(a)
    new.sort(key=lambda a: (RULES.index(a.rule), a.on_date or dt.date.max, a.label, a.id))
    return new, {rule: counts[rule] for rule in RULES if rule in counts}
