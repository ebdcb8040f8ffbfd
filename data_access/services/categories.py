"""The four-way classification of dossiers on a day, as SQL expressions (OFFICE_DB.md).

On a day D: resolved on time (resolved by D, on or before due_on, or no due_on), resolved late, open in
time (due_on null or on or after D), open and overdue (due_on before D). "Resolved" means resolved on or
before D, so the same expression answers for today and for a day a year before (cùng kỳ).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, case, or_
from sqlalchemy.sql import ColumnElement

from data_access.core.schema import dossiers, procedures

CATEGORIES = ("resolved_on_time", "resolved_late", "open_in_time", "open_overdue")


def resolved_by(as_of: dt.date) -> ColumnElement[bool]:
    return and_(dossiers.c.resolved_on.is_not(None), dossiers.c.resolved_on <= as_of)


def category_on(as_of: dt.date) -> ColumnElement[str]:
    """CASE expression giving each dossier's category on the day `as_of`."""
    done = resolved_by(as_of)
    return case(
        (and_(done, or_(dossiers.c.due_on.is_(None), dossiers.c.resolved_on <= dossiers.c.due_on)), "resolved_on_time"),
        (done, "resolved_late"),
        (or_(dossiers.c.due_on.is_(None), dossiers.c.due_on >= as_of), "open_in_time"),
        else_="open_overdue",
    )


def published_on(day: dt.date) -> ColumnElement[bool]:
    """A procedure in force on that day: published on or before it, not withdrawn by it."""
    return and_(
        procedures.c.published_on <= day, or_(procedures.c.withdrawn_on.is_(None), procedures.c.withdrawn_on > day)
    )


def days_overdue(category: str, due_on: dt.date | None, as_of: dt.date) -> int | None:
    return (as_of - due_on).days if category == "open_overdue" and due_on else None
