"""The daily summary of documents (documents_daily, migration 0008) and how figures read it exactly.

Each document counts once in each of four grains: per registration day, direction and *settled*
state, by `type` (doc_type and digitally_signed), `urgency`, `issuer` or `unit` (unit_id). The
settled state is the one a document ends in once its dates have passed: no_deadline (no due_on),
on_time or late (processed by or after due_on), overdue (not processed). Triggers on documents keep
the summary exact whoever writes (migration 0008).

The state on a day D (data_access.documents.filters.processing_state_on) differs from the settled
one only for the documents *in flux* on D: with a deadline, and processed after D, or not processed
and not yet due (due_on >= D). A figure by state is the summary's counts by settled state, with the
documents in flux moved from their settled state to their state on D: read from documents through
the partial indexes of migration 0008, they are few (the not-yet-due ones, and those processed after
a past period's end).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, Text, and_, case, cast, delete, func, insert, literal, null, or_, select, union_all
from sqlalchemy.sql import ColumnElement

from data_access.core.schema import documents, documents_daily

# the grains, smallest first, and the dimensions each one keeps
GRAINS = {
    "urgency": ("urgency",),
    "type": ("doc_type", "digitally_signed"),
    "issuer": ("issuer",),
    "unit": ("unit_id",),
}
DIMENSIONS = ("doc_type", "digitally_signed", "urgency", "unit_id", "issuer")


def settled_state(c=documents.c) -> ColumnElement[str]:
    """The state a document ends in once its dates have passed."""
    return case(
        (c.due_on.is_(None), "no_deadline"),
        (c.processed_on.is_(None), "overdue"),
        (c.processed_on <= c.due_on, "on_time"),
        else_="late",
    )


def in_flux(as_of: dt.date) -> ColumnElement[bool]:
    """Documents whose state on `as_of` is not their settled state (incoming, with a deadline)."""
    d = documents.c
    return and_(
        d.direction == "incoming",
        d.due_on.is_not(None),
        or_(
            and_(d.processed_on.is_not(None), d.processed_on > as_of),
            and_(d.processed_on.is_(None), d.due_on >= as_of),
        ),
    )


def summary_grain(needed: set[str]) -> str | None:
    """The smallest grain keeping every needed dimension, or None (then read documents)."""
    return next((g for g, dims in GRAINS.items() if needed <= set(dims)), None)


def _slot_of(grain: str, dialect: str, state) -> ColumnElement[str]:
    """The row's key, spelled as the triggers spell it (migration 0008)."""
    d = documents.c
    day = func.to_char(d.registered_on, "YYYY-MM-DD") if dialect == "postgresql" else cast(d.registered_on, Text)
    value = {
        "type": case((d.digitally_signed, "1"), else_="0") + "|" + d.doc_type,
        "urgency": d.urgency,
        "issuer": func.coalesce("=" + d.issuer, "-"),
        "unit": func.coalesce("=" + cast(d.unit_id, Text), "-"),
    }[grain]
    key = literal(f"{grain}|") + day + "|" + d.direction + "|" + state + "|" + value
    return func.md5(key) if dialect == "postgresql" else key  # PostgreSQL: its md5 (btree key size)


def expected_rows(dialect: str | None = None):
    """The summary's rows as computed from documents now: (grain, registered_on, direction,
    settled_state, doc_type, digitally_signed, urgency, unit_id, issuer, n), and with a dialect
    the slot first."""
    d = documents.c
    state = settled_state()
    parts = []
    for grain, dims in GRAINS.items():
        kept = [
            (getattr(d, name) if name in dims else cast(null(), documents.c[name].type)).label(name)
            for name in DIMENSIONS
        ]
        slot = [_slot_of(grain, dialect, state).label("slot")] if dialect else []
        parts.append(
            select(
                *slot,
                literal(grain).label("grain"),
                d.registered_on,
                d.direction,
                state.label("settled_state"),
                *kept,
                func.count().label("n"),
            ).group_by(d.registered_on, d.direction, state, *[getattr(d, name) for name in dims])
        )
    return union_all(*parts)


def rebuild(conn: Connection) -> None:
    """Recompute the whole summary from documents (after a bulk load), in the database."""
    conn.execute(delete(documents_daily))
    rows = expected_rows(conn.dialect.name)
    conn.execute(insert(documents_daily).from_select([c.name for c in rows.selected_columns], rows))


def drift(conn: Connection) -> int:
    """How many summary rows differ from what documents say (missing, extra or with another count), in SQL."""
    s = documents_daily.c
    stored = select(s.slot, s.grain, s.registered_on, s.direction, s.settled_state, *[s[n] for n in DIMENSIONS], s.n)
    wanted = select(expected_rows(conn.dialect.name).subquery())
    extra = select(func.count()).select_from(stored.except_(wanted).subquery())
    missing = select(func.count()).select_from(wanted.except_(stored).subquery())
    return conn.execute(extra).scalar_one() + conn.execute(missing).scalar_one()


def summary_rows(conn: Connection) -> list[tuple]:
    """The summary as stored, by slot, in the shape of expected_rows with the slot (for the tests)."""
    s = documents_daily.c
    cols = [s.slot, s.grain, s.registered_on, s.direction, s.settled_state, *[s[name] for name in DIMENSIONS], s.n]
    return [tuple(r) for r in conn.execute(select(*cols).order_by(s.slot))]


def recomputed_rows(conn: Connection) -> list[tuple]:
    """What the summary should hold, in the shape and order of summary_rows."""
    rows = expected_rows(conn.dialect.name).subquery()
    return [tuple(r) for r in conn.execute(select(rows).order_by(rows.c.slot))]
