"""Which tasks a view of the tasks page covers, as one hashable value.

A filter names the day the tasks are classified on (`as_of`) and optionally
the assignment dates, a category, a lead unit, a source, an overdue-age
bucket and a search text. `where(filter)` turns it into SQL conditions with
bound values only. The page's "same period last year" is the same filter
moved back a year (`a_year_before`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import and_, or_
from sqlalchemy.sql import ColumnElement

from data_access.core.periods import add_years
from data_access.core.schema import tasks
from data_access.core.sql import folded, like_pattern
from data_access.tasks.categories import CATEGORIES, category_on, counted_on

NO_DEADLINE = "no_deadline"
FILTER_CATEGORIES = CATEGORIES + (NO_DEADLINE,)
# How long an overdue task has been overdue, in days: (label, first day, last day or None).
AGE_BUCKETS = (("1-7", 1, 7), ("8-30", 8, 30), ("31-90", 31, 90), ("90+", 91, None))
AGE_BUCKET_NAMES = tuple(name for name, _, _ in AGE_BUCKETS)


@dataclass(frozen=True)
class TaskFilter:
    as_of: dt.date
    assigned_from: dt.date | None = None
    assigned_to: dt.date | None = None
    category: str | None = None
    unit_id: int | None = None
    source: str | None = None
    age: str | None = None  # one of AGE_BUCKET_NAMES: implies overdue
    text: str | None = None

    def without(self, *fields: str) -> TaskFilter:
        """The same filter with some criteria dropped (a breakdown by unit ignores the unit)."""
        return replace(self, **dict.fromkeys(fields))

    def backlog(self, today: dt.date) -> TaskFilter:
        """The same unit, source and text over every assignment date: what is open or overdue today
        (a past period is classified on its last day; the backlog always on today).

        The backlog never hides behind the period: the period selects what was assigned when,
        the backlog is what is still to do today, whenever it was assigned.
        """
        return replace(self, as_of=today, assigned_from=None, assigned_to=None, category=None, age=None)

    def a_year_before(self) -> TaskFilter:
        return replace(
            self,
            as_of=add_years(self.as_of, -1),
            assigned_from=self.assigned_from and add_years(self.assigned_from, -1),
            assigned_to=self.assigned_to and add_years(self.assigned_to, -1),
        )


def age_condition(as_of: dt.date, bucket: str) -> ColumnElement[bool]:
    """Overdue by first..last days on `as_of`, as due-date bounds (no date arithmetic in SQL)."""
    _, first, last = next(b for b in AGE_BUCKETS if b[0] == bucket)
    conditions = [category_on(as_of) == "open_overdue", tasks.c.due_on <= as_of - dt.timedelta(days=first)]
    if last is not None:
        conditions.append(tasks.c.due_on >= as_of - dt.timedelta(days=last))
    return and_(*conditions)


def where(f: TaskFilter) -> list[ColumnElement[bool]]:
    conditions = [counted_on(f.as_of)]
    if f.assigned_from is not None:
        conditions.append(tasks.c.assigned_on >= f.assigned_from)
    if f.assigned_to is not None:
        conditions.append(tasks.c.assigned_on <= f.assigned_to)
    if f.category == NO_DEADLINE:
        conditions.append(tasks.c.due_on.is_(None))
    elif f.category is not None:
        conditions.append(category_on(f.as_of) == f.category)
    if f.unit_id is not None:
        conditions.append(tasks.c.assignee_unit_id == f.unit_id)
    if f.source is not None:
        conditions.append(tasks.c.source == f.source)
    if f.age is not None:
        conditions.append(age_condition(f.as_of, f.age))
    if f.text:
        pattern = like_pattern(f.text.strip())
        conditions.append(
            or_(
                folded(tasks.c.code).like(pattern, escape="\\"),
                folded(tasks.c.title).like(pattern, escape="\\"),
            )
        )
    return conditions
