"""The alert rules and their settings: defaults in code, an administrator's changes in `alert_rules`.

Each rule watches one kind of item (a task, an incoming document, a commune point, a planned online
meeting's points); its numbers (days, times, hours) are stored as JSON and edited on /alerts.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, select

from data_access.accounts import audit, permissions
from data_access.core import clock
from data_access.core.database import CHOICES, freshness
from data_access.core.edit_errors import EditError
from data_access.core.schema import alert_rules

# Rule code -> its numbers and their defaults. Order: how the overview lists the groups.
DEFAULTS: dict[str, dict[str, int]] = {
    "meeting_points": {"hours_ahead": 24, "fresh_hours": 2},  # before each online meeting, from T hours ahead
    "point_down": {"hours": 24},  # disconnected or degraded now, or not checked for more than H hours
    "task_overdue": {},
    "task_due_soon": {"days": 3},
    "task_extended": {"times": 2},
    "document_overdue": {},
    "point_failing": {"failures": 2, "meetings": 5},  # failed or absent in K of its last M online meetings
}
RULES = tuple(DEFAULTS)
# What each rule's alert opens: the query parameter of the item's drill-down and the page.
ITEM_KIND = {
    "meeting_points": "meeting",
    "point_down": "point",
    "task_overdue": "task",
    "task_due_soon": "task",
    "task_extended": "task",
    "document_overdue": "document",
    "point_failing": "point",
}
TASK_RULES = tuple(r for r in RULES if ITEM_KIND[r] == "task")
BOUNDS = {  # each number's allowed range
    "hours_ahead": (1, 168),
    "fresh_hours": (1, 168),
    "hours": (1, 720),
    "days": (1, 60),
    "times": (1, 20),
    "failures": (1, 50),
    "meetings": (1, 50),
}


@dataclass(frozen=True)
class RuleSetting:
    rule: str
    enabled: bool
    params: dict[str, int]
    updated_at: dt.datetime | None = None
    updated_by: str | None = None

    def __getitem__(self, name: str) -> int:
        return self.params[name]


@freshness(CHOICES)
def rule_settings(conn: Connection) -> tuple[RuleSetting, ...]:
    """Every rule with its settings: the stored ones over the defaults (a new number keeps its default)."""
    stored = {r.rule: r for r in conn.execute(select(alert_rules))}
    out = []
    for rule, defaults in DEFAULTS.items():
        row = stored.get(rule)
        if row is None:
            out.append(RuleSetting(rule, True, dict(defaults)))
            continue
        try:
            saved = json.loads(row.params) if row.params else {}
        except ValueError:
            saved = {}
        params = {k: int(saved.get(k, v)) for k, v in defaults.items()}
        out.append(RuleSetting(rule, bool(row.enabled), params, row.updated_at, row.updated_by))
    return tuple(out)


def _validated(rule: str, params: dict) -> dict[str, int]:
    if rule not in DEFAULTS:
        raise EditError("rule", "unknown_code", value=rule)
    clean = {}
    for name, default in DEFAULTS[rule].items():
        value = params.get(name, default)
        low, high = BOUNDS[name]
        try:
            number = int(value)
        except (TypeError, ValueError):
            raise EditError(f"alert_{name}", "out_of_range", low=low, high=high) from None
        if not low <= number <= high:
            raise EditError(f"alert_{name}", "out_of_range", low=low, high=high)
        clean[name] = number
    if rule == "point_failing" and clean["failures"] > clean["meetings"]:
        raise EditError("alert_failures", "out_of_range", low=1, high=clean["meetings"])
    return clean


def save_rule(engine: Engine, actor, rule: str, enabled: bool, params: dict) -> None:
    """An administrator's settings of one rule, with its audit row."""
    permissions.require(actor, permissions.MANAGE_ALERTS)
    clean = _validated(rule, params)
    now = clock.now_utc()
    with engine.begin() as conn:
        before = conn.execute(select(alert_rules).where(alert_rules.c.rule == rule)).first()
        values = {"enabled": bool(enabled), "params": json.dumps(clean, sort_keys=True)}
        if before is None:
            conn.execute(alert_rules.insert().values(rule=rule, updated_at=now, updated_by=actor.login, **values))
            old = None
        else:
            conn.execute(
                alert_rules.update()
                .where(alert_rules.c.rule == rule)
                .values(updated_at=now, updated_by=actor.login, **values)
            )
            old = {"enabled": before.enabled, "params": before.params}
        audit.record(conn, actor.login, now, "save_alert_rule", alert_rules.name, RULES.index(rule) + 1, old, values)
