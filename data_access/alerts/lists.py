"""The open alerts ("Cần chú ý"): counted by rule, and one page of them with the filters of /alerts.

Read live from the rules' causes, so an alert shows while its cause holds and no longer.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from data_access.alerts.causes import COLUMNS, causes
from data_access.alerts.rules import ITEM_KIND, RULES, RuleSetting, rule_settings
from data_access.core.clock import VN_TZ
from data_access.core.sql import as_date, as_utc

PAGE_SIZE = 25


@dataclass(frozen=True)
class AlertCounts:
    by_rule: dict[str, int]  # only the rules with open alerts, in the rules' order

    @property
    def total(self) -> int:
        return sum(self.by_rule.values())


@dataclass(frozen=True)
class AlertItem:
    rule: str
    item_key: str
    code: str | None
    label: str
    link: str | None
    unit_id: int | None
    unit_name: str | None
    n: int | None
    on_date: dt.date | None
    at: dt.datetime | None
    state: str | None

    @property
    def kind(self) -> str:
        """What a tap opens: task, document, point or meeting."""
        return ITEM_KIND[self.rule]

    def days_late(self, today: dt.date) -> int | None:
        return (today - self.on_date).days if self.on_date else None

    def days_left(self, today: dt.date) -> int | None:
        return (self.on_date - today).days if self.on_date else None


@dataclass(frozen=True)
class AlertPage:
    rows: list[AlertItem]
    total: int
    page: int
    size: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.size))


def item(row) -> AlertItem:
    return AlertItem(
        row.rule,
        row.item_key,
        row.code,
        row.label,
        row.link,
        row.unit_id,
        row.unit_name,
        row.n,
        as_date(row.on_date) if row.on_date is not None else None,
        as_utc(row.at),
        row.state,
    )


def open_counts(conn: Connection, settings: tuple[RuleSetting, ...], today: dt.date, now: dt.datetime) -> AlertCounts:
    """How many alerts each enabled rule has open now: one grouped statement over every rule's causes."""
    found = causes(settings, today, now)
    if found is None:
        return AlertCounts({})
    rows = dict(conn.execute(select(found.c.rule, func.count()).group_by(found.c.rule)).all())
    return AlertCounts({r: rows[r] for r in RULES if rows.get(r)})


def open_page(
    conn: Connection,
    settings: tuple[RuleSetting, ...],
    today: dt.date,
    now: dt.datetime,
    rule: str | None = None,
    unit_id: int | None = None,
    page: int = 1,
    size: int = PAGE_SIZE,
) -> AlertPage:
    """One page of the open alerts, by rule in the rules' order, then the oldest cause or the highest count
    first; `rule` and `unit_id` filter (a unit: the task's lead unit, the document's unit, the point)."""
    found = causes(settings, today, now, rules=None if rule is None else (rule,))
    if found is None:
        return AlertPage([], 0, 1, size)
    where = [] if unit_id is None else [found.c.unit_id == unit_id]
    total = conn.execute(select(func.count()).select_from(found).where(*where)).scalar_one()
    page = max(1, min(page, max(1, math.ceil(total / size))))
    rows = conn.execute(
        select(found).where(*where).order_by(found.c.ord, *_order(found)).limit(size).offset((page - 1) * size)
    ).all()
    return AlertPage([item(r) for r in rows], total, page, size)


def all_open(conn: Connection, settings: tuple[RuleSetting, ...], today: dt.date, now: dt.datetime) -> list[AlertItem]:
    """Every open alert (for the stored alerts' synchronisation and the digests)."""
    found = causes(settings, today, now)
    if found is None:
        return []
    return [item(r) for r in conn.execute(select(found).order_by(found.c.ord, found.c.item_key))]


ATTENTION_PER_RULE = 3


@dataclass(frozen=True)
class Attention:
    """The overview's "Cần chú ý": every open alert counted by rule, and the first few of each rule."""

    today: dt.date
    counts: AlertCounts
    items: list[AlertItem]


def _today(now: dt.datetime) -> dt.date:
    return now.astimezone(VN_TZ).date()


def _order(found):
    """The list's order inside a rule: the highest count, the oldest deadline, the oldest check, the name."""
    return (
        found.c.n.desc().nulls_last(),
        found.c.on_date.nulls_last(),
        found.c.at.nulls_first(),
        found.c.label,
        found.c.code,
        found.c.item_key,
    )


def attention(conn: Connection, now: dt.datetime, per_rule: int = ATTENTION_PER_RULE) -> Attention:
    """The counts in one grouped statement, and the first `per_rule` alerts of each rule in another
    (ranked within each rule by the list's order)."""
    settings = rule_settings(conn)
    today = _today(now)
    counts = open_counts(conn, settings, today, now)
    found = causes(settings, today, now)
    if found is None or not counts.total:
        return Attention(today, counts, [])
    rank = func.row_number().over(partition_by=found.c.rule, order_by=_order(found)).label("rank")
    ranked = select(found, rank).subquery("ranked")
    rows = conn.execute(
        select(*(ranked.c[name] for name in COLUMNS))
        .where(ranked.c.rank <= per_rule)
        .order_by(ranked.c.ord, ranked.c.rank)
    ).all()
    return Attention(today, counts, [item(r) for r in rows])


def alerts_page(
    conn: Connection, now: dt.datetime, rule: str | None = None, unit_id: int | None = None, page: int = 1
) -> tuple[dt.date, AlertCounts, AlertPage]:
    """The /alerts page: the counts by rule and one page of the list with its filters."""
    settings = rule_settings(conn)
    today = _today(now)
    return today, open_counts(conn, settings, today, now), open_page(conn, settings, today, now, rule, unit_id, page)
