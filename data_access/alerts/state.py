"""The stored alerts: opened when a cause appears, ended when it goes, so that deliveries have an alert to
point at and a person is never sent the same one twice.

`refresh` runs before every `alerts send` (and `probe`); the pages read the causes live and never wait
for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select, update

from data_access.alerts.lists import all_open
from data_access.alerts.rules import rule_settings
from data_access.core.clock import VN_TZ
from data_access.core.schema import alerts


@dataclass(frozen=True)
class Refreshed:
    opened: int
    closed: int
    open: int


def refresh(engine: Engine, now: dt.datetime) -> Refreshed:
    """Open an alert for every cause without one, end every open alert whose cause has gone."""
    today = now.astimezone(VN_TZ).date()
    with engine.begin() as conn:
        settings = rule_settings(conn)
        live = {(a.rule, a.item_key): a for a in all_open(conn, settings, today, now)}
        stored = {
            (r.rule, r.item_key): r.id
            for r in conn.execute(
                select(alerts.c.id, alerts.c.rule, alerts.c.item_key).where(alerts.c.closed_at.is_(None))
            )
        }
        gone = [alert_id for key, alert_id in stored.items() if key not in live]
        for start in range(0, len(gone), 500):
            conn.execute(update(alerts).where(alerts.c.id.in_(gone[start : start + 500])).values(closed_at=now))
        new = [
            {
                "rule": a.rule,
                "item_key": a.item_key,
                "code": a.code,
                "label": a.label,
                "link": a.link,
                "unit_id": a.unit_id,
                "unit_name": a.unit_name,
                "n": a.n,
                "on_date": a.on_date,
                "state": a.state,
                "opened_at": now,
            }
            for key, a in live.items()
            if key not in stored
        ]
        if new:
            conn.execute(insert(alerts), new)
    return Refreshed(len(new), len(gone), len(live))
