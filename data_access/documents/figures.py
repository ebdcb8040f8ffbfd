"""Document figures: volumes in and out, what they are, how they are processed; counted in SQL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, case, func, or_, select

from data_access.core.schema import documents, units
from data_access.core.sql import as_date, month_start, week_start
from data_access.documents.filters import DocumentFilter, processing_state_on
from data_access.documents.filters import where as doc_where


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


def volume_series(conn: Connection, f: DocumentFilter, grain: str) -> list[VolumePoint]:
    """Documents per day, week or month and direction; only buckets that have documents."""
    bucket = {
        "day": documents.c.registered_on,
        "week": week_start(documents.c.registered_on),
        "month": month_start(documents.c.registered_on),
    }[grain].label("bucket")
    rows = conn.execute(
        select(bucket, documents.c.direction, func.count())
        .where(*doc_where(f.without("direction")))
        .group_by(bucket, documents.c.direction)
        .order_by(bucket)
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


def _split_by(conn: Connection, column, f: DocumentFilter, limit: int | None = None) -> list[Share]:
    incoming = func.count(case((documents.c.direction == "incoming", 1)))
    outgoing = func.count(case((documents.c.direction == "outgoing", 1)))
    query = (
        select(column, incoming, outgoing)
        .where(*doc_where(f), column.is_not(None))
        .group_by(column)
        .order_by(func.count().desc(), column)
    )
    if limit:
        query = query.limit(limit)
    return [Share(*row) for row in conn.execute(query).all()]


def by_type(conn: Connection, f: DocumentFilter) -> list[Share]:
    return _split_by(conn, documents.c.doc_type, f.without("doc_type"))


def by_urgency(conn: Connection, f: DocumentFilter) -> list[Share]:
    return _split_by(conn, documents.c.urgency, f.without("urgency"))


def top_issuers(conn: Connection, f: DocumentFilter, limit: int = 10) -> list[Share]:
    """The bodies that sent the most incoming documents."""
    return _split_by(conn, documents.c.issuer, f.without("issuer"), limit)


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
    state = processing_state_on(f.as_of).label("state")
    rows = conn.execute(
        select(state, func.count())
        .where(*doc_where(f.without("state", "direction")), documents.c.direction == "incoming")
        .group_by(state)
    ).all()
    return ProcessingCounts(**dict(rows))


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
    state = processing_state_on(f.as_of)
    overdue = func.count(case((state == "overdue", 1)))
    rows = conn.execute(
        select(
            units.c.id,
            units.c.code,
            units.c.name,
            func.count(),
            func.count(case((state == "on_time", 1))),
            func.count(case((state == "late", 1))),
            overdue,
        )
        .select_from(documents.join(units, units.c.id == documents.c.unit_id))
        .where(*doc_where(f.without("unit_id", "state", "direction")), documents.c.direction == "incoming")
        .group_by(units.c.id, units.c.code, units.c.name)
        .order_by(overdue.desc(), func.count().desc(), units.c.name)
        .limit(limit)
    ).all()
    return [UnitProcessing(*row) for row in rows]


@dataclass(frozen=True)
class SignedShare:
    signed: int
    total: int

    @property
    def share(self) -> float | None:
        return self.signed / self.total if self.total else None


def signed_share(conn: Connection, f: DocumentFilter) -> SignedShare:
    signed, total = conn.execute(
        select(func.count(case((documents.c.digitally_signed.is_(True), 1))), func.count()).where(*doc_where(f))
    ).one()
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
    d = documents.c
    day = today or f.as_of
    return conn.execute(
        select(func.count()).where(
            *doc_where(f.without("state", "direction"), with_dates=False),
            d.direction == "incoming",
            d.due_on < day,
            or_(d.processed_on.is_(None), d.processed_on > day),
        )
    ).scalar_one()


def totals(conn: Connection, f: DocumentFilter, ranges: list[tuple[dt.date, dt.date]]) -> list[DocumentVolume]:
    """Documents in and out of the filter within each date range, in one pass over just those ranges."""
    registered = documents.c.registered_on
    in_range = [registered.between(start, end) for start, end in ranges]
    counts = [func.count(case((condition, 1))) for condition in in_range]
    rows = conn.execute(
        select(documents.c.direction, *counts)
        .where(*doc_where(f.without("direction"), with_dates=False), or_(*in_range))
        .group_by(documents.c.direction)
    ).all()
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
