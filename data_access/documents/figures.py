"""Document figures: volumes in and out, what they are, how they are processed; counted in SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import Connection, Integer, case, func, literal, or_, select, union_all

from data_access.core.schema import documents, documents_daily, units
from data_access.core.sql import as_date, month_start, week_start
from data_access.documents.filters import DocumentFilter, overdue_on, processing_state_on
from data_access.documents.filters import where as doc_where
from data_access.documents.summary import in_flux, settled_state, summary_grain

# Every figure reads the daily summary (data_access.documents.summary) when one of its grains keeps the
# dimensions the figure groups by and filters on, and documents itself otherwise (a text search, or
# filters on two dimensions at once). Both give the same answers (tests/test_documents_summary.py).
FILTERED_DIMENSIONS = ("doc_type", "urgency", "unit_id", "issuer")


def _grain(f: DocumentFilter, grouped: set[str]) -> str | None:
    if f.text:
        return None
    return summary_grain(grouped | {name for name in FILTERED_DIMENSIONS if getattr(f, name) is not None})


def _summed(
    f: DocumentFilter,
    grain: str,
    columns: dict[str, Callable],
    dates: Callable,
    by_state: bool = False,
):
    """The summary's rows of the filter as a subquery (direction, the columns, state when by_state, n);
    where states matter, the documents in flux on f.as_of move from their settled state to their state."""
    s, d = documents_daily.c, documents.c

    def part(c, state, n, *extra):
        selected = [c.direction.label("direction"), *[make(c).label(name) for name, make in columns.items()]]
        if by_state:
            selected.append(state.label("state"))
        conditions = [dates(c.registered_on)]
        for name in ("direction", *FILTERED_DIMENSIONS):
            if getattr(f, name) is not None:
                conditions.append(c[name] == getattr(f, name))
        if f.state is not None:
            conditions += [c.direction == "incoming", state == f.state]
        return select(*selected, n.label("n")).where(*conditions, *extra)

    parts = [part(s, s.settled_state, s.n, s.grain == grain)]
    if by_state or f.state is not None:
        flux = in_flux(f.as_of)
        parts.append(part(d, settled_state(), literal(-1, Integer), flux))
        parts.append(part(d, processing_state_on(f.as_of), literal(1, Integer), flux))
    return union_all(*parts).subquery()


def _in_period(f: DocumentFilter) -> Callable:
    return lambda registered: registered.between(f.registered_from, f.registered_to)


def _sum_where(condition, n):
    return func.coalesce(func.sum(case((condition, n), else_=0)), 0)


@dataclass(frozen=True)
class DocumentVolume:
    incoming: int = 0
    outgoing: int = 0


def volume(conn: Connection, start: dt.date, end: dt.date) -> DocumentVolume:
    """Documents received and issued with registered_on in [start, end]."""
    return totals(conn, DocumentFilter(end, start, end), [(start, end)])[0]


GRAINS = ("day", "week", "month")


def grain_for(start: dt.date, end: dt.date) -> str:
    """Days for up to about six weeks, weeks up to about half a year, months beyond."""
    days = (end - start).days + 1
    return "day" if days <= 45 else "week" if days <= 190 else "month"


def bucket_end(start: dt.date, grain: str) -> dt.date:
    if grain == "day":
        return start
    if grain == "week":
        return start + dt.timedelta(days=6)
    next_month = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return next_month - dt.timedelta(days=1)


@dataclass(frozen=True)
class VolumePoint:
    start: dt.date  # first day of the day, week or month
    direction: str
    count: int


BUCKET_STARTS = {
    "day": lambda registered: registered,
    "week": week_start,
    "month": month_start,
}


def volume_series(conn: Connection, f: DocumentFilter, grain: str) -> list[VolumePoint]:
    """Documents per day, week or month and direction; only buckets that have documents."""
    start = BUCKET_STARTS[grain]
    f = f.without("direction")
    summary = _grain(f, set())
    if summary is None:
        bucket = start(documents.c.registered_on).label("bucket")
        rows = conn.execute(
            select(bucket, documents.c.direction, func.count())
            .where(*doc_where(f))
            .group_by(bucket, documents.c.direction)
            .order_by(bucket, documents.c.direction)
        ).all()
    else:
        u = _summed(f, summary, {"bucket": lambda c: start(c.registered_on)}, _in_period(f))
        rows = conn.execute(
            select(u.c.bucket, u.c.direction, func.sum(u.c.n))
            .group_by(u.c.bucket, u.c.direction)
            .having(func.sum(u.c.n) != 0)
            .order_by(u.c.bucket, u.c.direction)
        ).all()
    return [VolumePoint(as_date(b), direction, n) for b, direction, n in rows]


@dataclass(frozen=True)
class Share:
    key: str
    incoming: int
    outgoing: int

    @property
    def total(self) -> int:
        return self.incoming + self.outgoing


def _split_by(conn: Connection, name: str, f: DocumentFilter, limit: int | None = None) -> list[Share]:
    grain = _grain(f, {name})
    if grain is None:
        column = documents.c[name]
        incoming = func.count(case((documents.c.direction == "incoming", 1)))
        outgoing = func.count(case((documents.c.direction == "outgoing", 1)))
        query = (
            select(column, incoming, outgoing)
            .where(*doc_where(f), column.is_not(None))
            .group_by(column)
            .order_by(func.count().desc(), column)
        )
    else:
        u = _summed(f, grain, {"key": lambda c: c[name]}, _in_period(f))
        total = func.sum(u.c.n)
        query = (
            select(
                u.c.key, _sum_where(u.c.direction == "incoming", u.c.n), _sum_where(u.c.direction == "outgoing", u.c.n)
            )
            .where(u.c.key.is_not(None))
            .group_by(u.c.key)
            .having(total != 0)
            .order_by(total.desc(), u.c.key)
        )
    if limit:
        query = query.limit(limit)
    return [Share(*row) for row in conn.execute(query).all()]


def by_type(conn: Connection, f: DocumentFilter) -> list[Share]:
    return _split_by(conn, "doc_type", f.without("doc_type"))


def by_urgency(conn: Connection, f: DocumentFilter) -> list[Share]:
    return _split_by(conn, "urgency", f.without("urgency"))


def top_issuers(conn: Connection, f: DocumentFilter, limit: int = 10) -> list[Share]:
    """The bodies that sent the most incoming documents."""
    return _split_by(conn, "issuer", f.without("issuer"), limit)


@dataclass(frozen=True)
class ProcessingCounts:
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    pending: int = 0
    no_deadline: int = 0

    @property
    def with_deadline(self) -> int:
        return self.on_time + self.late + self.overdue + self.pending

    @property
    def on_time_share(self) -> float | None:
        done = self.on_time + self.late
        return self.on_time / done if done else None


def processing_counts(conn: Connection, f: DocumentFilter) -> ProcessingCounts:
    """Incoming documents of the filter by processing state on `f.as_of`."""
    incoming = replace(f.without("state"), direction="incoming")
    grain = _grain(incoming, set())
    if grain is None:
        state = processing_state_on(f.as_of).label("state")
        query = select(state, func.count()).where(*doc_where(incoming)).group_by(state)
    else:
        u = _summed(incoming, grain, {}, _in_period(f), by_state=True)
        query = select(u.c.state, func.sum(u.c.n)).group_by(u.c.state).having(func.sum(u.c.n) != 0)
    return ProcessingCounts(**dict(conn.execute(query).all()))


@dataclass(frozen=True)
class UnitProcessing:
    unit_id: int
    unit_code: str
    unit_name: str
    total: int
    on_time: int
    late: int
    overdue: int


def processing_by_unit(conn: Connection, f: DocumentFilter, limit: int = 15) -> list[UnitProcessing]:
    """Handling units of incoming documents, those with the most overdue first, then the busiest."""
    incoming = replace(f.without("unit_id", "state"), direction="incoming")
    grain = _grain(incoming, {"unit_id"})
    if grain is None:
        state = processing_state_on(f.as_of)
        overdue = func.count(case((state == "overdue", 1)))
        total = func.count()
        counts = [total, func.count(case((state == "on_time", 1))), func.count(case((state == "late", 1))), overdue]
        source = documents.join(units, units.c.id == documents.c.unit_id)
        conditions = doc_where(incoming)
    else:
        u = _summed(incoming, grain, {"unit_id": lambda c: c.unit_id}, _in_period(f), by_state=True)
        overdue = _sum_where(u.c.state == "overdue", u.c.n)
        total = func.sum(u.c.n)
        counts = [total, _sum_where(u.c.state == "on_time", u.c.n), _sum_where(u.c.state == "late", u.c.n), overdue]
        source = u.join(units, units.c.id == u.c.unit_id)
        conditions = []
    query = (
        select(units.c.id, units.c.code, units.c.name, *counts)
        .select_from(source)
        .where(*conditions)
        .group_by(units.c.id, units.c.code, units.c.name)
        .order_by(overdue.desc(), total.desc(), units.c.name)
        .limit(limit)
    )
    if grain is not None:
        query = query.having(total != 0)
    return [UnitProcessing(*row) for row in conn.execute(query).all()]


@dataclass(frozen=True)
class SignedShare:
    signed: int
    total: int

    @property
    def share(self) -> float | None:
        return self.signed / self.total if self.total else None


def signed_share(conn: Connection, f: DocumentFilter) -> SignedShare:
    grain = _grain(f, {"digitally_signed"})
    if grain is None:
        query = select(func.count(case((documents.c.digitally_signed.is_(True), 1))), func.count()).where(*doc_where(f))
    else:
        u = _summed(f, grain, {"signed": lambda c: c.digitally_signed}, _in_period(f))
        query = select(_sum_where(u.c.signed.is_(True), u.c.n), func.coalesce(func.sum(u.c.n), 0))
    signed, total = conn.execute(query).one()
    return SignedShare(signed, total)


@dataclass(frozen=True)
class DocumentFigures:
    """Everything the documents page draws above its list, read in one go."""

    volume: DocumentVolume
    previous: DocumentVolume
    last_year: DocumentVolume
    grain: str
    series: list[VolumePoint]
    types: list[Share]
    urgencies: list[Share]
    issuers: list[Share]
    processing: ProcessingCounts
    units: list[UnitProcessing]
    signed: SignedShare
    backlog_overdue: int  # incoming, past the deadline, not processed as of f.as_of, whenever registered


def overdue_backlog(conn: Connection, f: DocumentFilter, today: dt.date | None = None) -> int:
    """Incoming documents past their deadline and not processed today (default `f.as_of`), whenever registered.

    The backlog never hides behind the period: the filter's type, urgency, unit, issuer and text apply,
    its registration dates do not.
    """
    day = today or f.as_of
    return conn.execute(
        select(func.count()).where(
            *doc_where(f.without("state", "direction"), with_dates=False),
            overdue_on(day),
        )
    ).scalar_one()


def totals(conn: Connection, f: DocumentFilter, ranges: list[tuple[dt.date, dt.date]]) -> list[DocumentVolume]:
    """Documents in and out of the filter within each date range, in one pass over just those ranges."""
    f = f.without("direction")
    grain = _grain(f, set())
    if grain is None:
        registered = documents.c.registered_on
        in_range = [registered.between(start, end) for start, end in ranges]
        counts = [func.count(case((condition, 1))) for condition in in_range]
        query = (
            select(documents.c.direction, *counts)
            .where(*doc_where(f, with_dates=False), or_(*in_range))
            .group_by(documents.c.direction)
        )
    else:
        u = _summed(
            f,
            grain,
            {"registered_on": lambda c: c.registered_on},
            lambda registered: or_(*[registered.between(start, end) for start, end in ranges]),
        )
        counts = [_sum_where(u.c.registered_on.between(start, end), u.c.n) for start, end in ranges]
        query = select(u.c.direction, *counts).group_by(u.c.direction)
    rows = conn.execute(query).all()
    return [DocumentVolume(**{row[0]: row[i + 1] for row in rows}) for i in range(len(ranges))]


def document_figures(
    conn: Connection,
    f: DocumentFilter,
    previous: tuple[dt.date, dt.date],
    last_year: tuple[dt.date, dt.date],
    today: dt.date | None = None,
) -> DocumentFigures:
    """The page's figures for the filter; the period totals compare with two other periods; the overdue
    backlog is counted on `today` (a past period is classified on its last day)."""
    grain = grain_for(f.registered_from, f.registered_to)
    volume, before, year_ago = totals(conn, f, [(f.registered_from, f.registered_to), previous, last_year])
    return DocumentFigures(
        volume=volume,
        previous=before,
        last_year=year_ago,
        grain=grain,
        series=volume_series(conn, f, grain),
        types=by_type(conn, f),
        urgencies=by_urgency(conn, f),
        issuers=top_issuers(conn, f),
        processing=processing_counts(conn, f),
        units=processing_by_unit(conn, f),
        signed=signed_share(conn, f),
        backlog_overdue=overdue_backlog(conn, f, today),
    )


def bucket_starts(start: dt.date, end: dt.date, grain: str) -> list[dt.date]:
    """The first days of the days, weeks or months that [start, end] touches."""
    first = {"day": start, "week": start - dt.timedelta(days=start.weekday()), "month": start.replace(day=1)}[grain]
    starts = []
    while first <= end:
        starts.append(first)
        first = bucket_end(first, grain) + dt.timedelta(days=1)
    return starts


def volume_trend(conn: Connection, start: dt.date, end: dt.date) -> dict[str, list[int]]:
    """Per direction, the count of each day, week or month of [start, end] (zeros included), oldest first.

    The grain follows the length, so a year is 12 numbers, not 365.
    """
    grain = grain_for(start, end)
    starts = bucket_starts(start, end, grain)
    index = {day: i for i, day in enumerate(starts)}
    trend = {"incoming": [0] * len(starts), "outgoing": [0] * len(starts)}
    for point in volume_series(conn, DocumentFilter(end, start, end), grain):
        trend[point.direction][index[point.start]] = point.count
    return trend
