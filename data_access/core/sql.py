"""Date functions that SQLite and PostgreSQL spell differently, as SQLAlchemy constructs.

Each compiles to the dialect's own SQL, so grouping by week or month, or by
the Vietnamese day of an instant, stays in the database. Results are turned
into dates with `as_date`, because SQLite returns text.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import Date, String


class week_start(FunctionElement):
    """The Monday of a date's week."""

    type = Date()
    inherit_cache = True
    name = "week_start"


class month_start(FunctionElement):
    """The first day of a date's month."""

    type = Date()
    inherit_cache = True
    name = "month_start"


class vn_date(FunctionElement):
    """The calendar date in Vietnam (UTC+7, no daylight saving) of a UTC instant."""

    type = Date()
    inherit_cache = True
    name = "vn_date"


@compiles(week_start, "postgresql")
def _week_start_pg(element, compiler, **kw):
    return f"CAST(date_trunc('week', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(week_start, "sqlite")
def _week_start_sqlite(element, compiler, **kw):
    # 'weekday 0' moves to the coming Sunday (or stays on one); six days back is its Monday
    return f"date({compiler.process(element.clauses, **kw)}, 'weekday 0', '-6 days')"


@compiles(month_start, "postgresql")
def _month_start_pg(element, compiler, **kw):
    return f"CAST(date_trunc('month', {compiler.process(element.clauses, **kw)}) AS DATE)"


@compiles(month_start, "sqlite")
def _month_start_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, 'start of month')"


@compiles(vn_date, "postgresql")
def _vn_date_pg(element, compiler, **kw):
    return f"CAST(({compiler.process(element.clauses, **kw)} AT TIME ZONE 'Asia/Ho_Chi_Minh') AS DATE)"


@compiles(vn_date, "sqlite")
def _vn_date_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, '+7 hours')"


def as_date(value) -> dt.date:
    """A date from what the database returned (a date, a datetime or ISO text)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def as_utc(value) -> dt.datetime | None:
    """An aware UTC instant from what the database returned: SQLite hands back naive text for a
    timestamp that went through an aggregate or a subquery, PostgreSQL an aware datetime."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.fromisoformat(str(value))
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def fold(text: str) -> str:
    """Text as a search compares it: lower case, without diacritics ("Giải ngân" and "giai ngan" alike; đ is d).

    The same as office_fold() in the database: PostgreSQL's unaccent and lower (migration 0005), SQLite's
    this very function (registered on every connection)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


class folded(FunctionElement):
    """office_fold(expr): the column as a search compares it (see fold)."""

    type = String()
    inherit_cache = True
    name = "office_fold"


@compiles(folded)
def _folded(element, compiler, **kw):
    return f"office_fold({compiler.process(element.clauses, **kw)})"


def like_pattern(text: str) -> str:
    """A LIKE pattern matching the text literally (%, _ and \\ escaped), folded as the columns are."""
    escaped = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
