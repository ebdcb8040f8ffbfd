"""Public-service figures: procedures published, dossiers by category, units by late dossiers, the index.

Every count is one aggregate statement in the database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, and_, case, func, select

from data_access.core.periods import add_months
from data_access.core.schema import INDEX_COMPONENTS, PROCEDURE_LEVELS, PROCEDURE_ONLINE, dossiers, procedures, units
from data_access.core.schema import service_index as index
from data_access.services.categories import category_on, published_on
from data_access.services.filters import DossierFilter, where


@dataclass(frozen=True)
class ProcedureCounts:
    """The procedures in force on a day, by who decides them and by how far they go online."""

    total: int
    by_level: dict[str, int]
    by_online: dict[str, int]

    @property
    def online_any(self) -> int:
        return self.by_online.get("full", 0) + self.by_online.get("partial", 0)


def procedures_published(conn: Connection, day: dt.date) -> ProcedureCounts:
    """Procedures published on `day`, by level and online level: one grouped statement."""
    rows = conn.execute(
        select(procedures.c.level, procedures.c.online, func.count().label("n"))
        .where(published_on(day))
        .group_by(procedures.c.level, procedures.c.online)
    ).all()
    by_level = dict.fromkeys(PROCEDURE_LEVELS, 0)
    by_online = dict.fromkeys(PROCEDURE_ONLINE, 0)
    for row in rows:
        by_level[row.level] = by_level.get(row.level, 0) + row.n
        by_online[row.online] = by_online.get(row.online, 0) + row.n
    return ProcedureCounts(sum(r.n for r in rows), by_level, by_online)


@dataclass(frozen=True)
class FieldCount:
    field: str | None  # None: no field given
    total: int
    full: int
    partial: int


def procedures_by_field(conn: Connection, day: dt.date, limit: int = 15) -> list[FieldCount]:
    """The fields with the most procedures published on `day`, with their online ones."""
    n = func.count().label("n")
    rows = conn.execute(
        select(
            procedures.c.field,
            n,
            func.count(case((procedures.c.online == "full", 1))),
            func.count(case((procedures.c.online == "partial", 1))),
        )
        .where(published_on(day))
        .group_by(procedures.c.field)
        .order_by(n.desc(), procedures.c.field.asc().nulls_last())
        .limit(limit)
    ).all()
    return [FieldCount(*row) for row in rows]


@dataclass(frozen=True)
class DossierCounts:
    resolved_on_time: int = 0
    resolved_late: int = 0
    open_in_time: int = 0
    open_overdue: int = 0
    online: int = 0
    at_centre: int = 0

    @property
    def received(self) -> int:
        return self.resolved_on_time + self.resolved_late + self.open_in_time + self.open_overdue

    @property
    def resolved(self) -> int:
        return self.resolved_on_time + self.resolved_late

    @property
    def open(self) -> int:
        return self.open_in_time + self.open_overdue

    @property
    def on_time_rate(self) -> float | None:
        """Resolved on time among those resolved."""
        return self.resolved_on_time / self.resolved if self.resolved else None

    @property
    def online_share(self) -> float | None:
        return self.online / self.received if self.received else None

    @property
    def centre_share(self) -> float | None:
        return self.at_centre / self.received if self.received else None


def dossier_counts(conn: Connection, f: DossierFilter) -> DossierCounts:
    """The dossiers of the filter by category on `f.as_of`, online and at the centre: one statement."""
    category = category_on(f.as_of)
    row = conn.execute(
        select(
            *(func.count(case((category == name, 1))).label(name) for name in _CATEGORY_FIELDS),
            func.count(case((dossiers.c.channel == "online", 1))).label("online"),
            func.count(case((dossiers.c.at_centre.is_(True), 1))).label("at_centre"),
        ).where(*where(f))
    ).one()
    return DossierCounts(**row._asdict())


_CATEGORY_FIELDS = ("resolved_on_time", "resolved_late", "open_in_time", "open_overdue")


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    received: int


def by_channel(conn: Connection, f: DossierFilter) -> list[ChannelCount]:
    rows = conn.execute(
        select(dossiers.c.channel, func.count())
        .where(*where(f))
        .group_by(dossiers.c.channel)
        .order_by(dossiers.c.channel)
    ).all()
    return [ChannelCount(*row) for row in rows]


@dataclass(frozen=True)
class UnitDossiers:
    unit_id: int
    unit_code: str
    unit_name: str
    unit_kind: str
    received: int
    late: int  # resolved late
    overdue: int  # open and overdue

    @property
    def behind(self) -> int:
        return self.late + self.overdue


def units_by_late(conn: Connection, f: DossierFilter, limit: int = 15) -> list[UnitDossiers]:
    """Units ranked by their dossiers resolved late plus open and overdue (then by name), the unit filter ignored."""
    f = f.without("unit_id")
    category = category_on(f.as_of)
    late = func.count(case((category == "resolved_late", 1)))
    overdue = func.count(case((category == "open_overdue", 1)))
    rows = conn.execute(
        select(units.c.id, units.c.code, units.c.name, units.c.kind, func.count(), late, overdue)
        .select_from(dossiers.join(units, units.c.id == dossiers.c.unit_id))
        .where(*where(f))
        .group_by(units.c.id, units.c.code, units.c.name, units.c.kind)
        .having(late + overdue > 0)
        .order_by((late + overdue).desc(), overdue.desc(), units.c.name)
        .limit(limit)
    ).all()
    return [UnitDossiers(*row) for row in rows]


@dataclass(frozen=True)
class IndexScore:
    component: str
    score: float
    max_score: float
    rank: int | None
    rank_of: int | None

    @property
    def share(self) -> float:
        return self.score / self.max_score


@dataclass(frozen=True)
class IndexNow:
    """The latest month's index of the province (or a unit) up to a day, and the month before."""

    period_end: dt.date
    total: IndexScore | None
    components: tuple[IndexScore, ...]  # in the order of INDEX_COMPONENTS, those present
    previous_total: IndexScore | None = None

    @property
    def change(self) -> float | None:
        if self.total is None or self.previous_total is None:
            return None
        return self.total.score - self.previous_total.score

    @property
    def rank_change(self) -> int | None:
        """Places gained since the month before (positive: up the table)."""
        now, before = self.total, self.previous_total
        if now is None or before is None or now.rank is None or before.rank is None:
            return None
        return before.rank - now.rank


def _unit_condition(unit_id: int | None):
    return index.c.unit_id.is_(None) if unit_id is None else index.c.unit_id == unit_id


def index_now(conn: Connection, day: dt.date, unit_id: int | None = None) -> IndexNow | None:
    """The index of the last month measured up to `day` (the province's when unit_id is None): two statements."""
    months = (
        conn.execute(
            select(index.c.period_end)
            .where(_unit_condition(unit_id), index.c.period_end <= day)
            .group_by(index.c.period_end)
            .order_by(index.c.period_end.desc())
            .limit(2)
        )
        .scalars()
        .all()
    )
    if not months:
        return None
    rows = conn.execute(
        select(
            index.c.period_end, index.c.component, index.c.score, index.c.max_score, index.c.rank, index.c.rank_of
        ).where(_unit_condition(unit_id), index.c.period_end.in_(months))
    ).all()
    latest = {r.component: IndexScore(*r[1:]) for r in rows if r.period_end == months[0]}
    before = {r.component: IndexScore(*r[1:]) for r in rows if len(months) > 1 and r.period_end == months[1]}
    return IndexNow(
        months[0],
        latest.get("total"),
        tuple(latest[c] for c in INDEX_COMPONENTS if c in latest),
        before.get("total"),
    )


@dataclass(frozen=True)
class IndexMonth:
    period_end: dt.date
    score: float
    max_score: float
    rank: int | None
    rank_of: int | None


def index_trend(conn: Connection, day: dt.date, months: int = 12, unit_id: int | None = None) -> list[IndexMonth]:
    """The total month by month over the last `months` months up to `day`, oldest first."""
    first = add_months(day.replace(day=1), -(months - 1))
    rows = conn.execute(
        select(index.c.period_end, index.c.score, index.c.max_score, index.c.rank, index.c.rank_of)
        .where(
            _unit_condition(unit_id),
            index.c.component == "total",
            and_(index.c.period_end >= first, index.c.period_end <= day),
        )
        .order_by(index.c.period_end)
    ).all()
    return [IndexMonth(*row) for row in rows]


@dataclass(frozen=True)
class ServiceHeadline:
    """What the overview and the slides say of public services: the period's dossiers and the index now."""

    dossiers: DossierCounts
    dossiers_last_year: DossierCounts
    procedures: int
    index: IndexNow | None

    @property
    def has_data(self) -> bool:
        """Whether the province keeps its public services here at all (an office may not, yet)."""
        return bool(self.procedures or self.dossiers.received or self.dossiers_last_year.received or self.index)


def service_headline(conn: Connection, start: dt.date, end: dt.date, today: dt.date) -> ServiceHeadline:
    f = DossierFilter.of_period(start, end, today)
    return ServiceHeadline(
        dossier_counts(conn, f),
        dossier_counts(conn, f.a_year_before()),
        procedures_published(conn, today).total,
        index_now(conn, today),
    )
