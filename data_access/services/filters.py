"""Which dossiers a view covers: the day they are classified on, the days they were received, a unit, a procedure."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy.sql import ColumnElement

from data_access.core.periods import add_years
from data_access.core.schema import dossiers


@dataclass(frozen=True)
class DossierFilter:
    as_of: dt.date  # the day the dossiers are classified on: the period's last day, or today if sooner
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    unit_id: int | None = None
    procedure_id: int | None = None

    @classmethod
    def of_period(cls, start: dt.date, end: dt.date, today: dt.date, **extra) -> DossierFilter:
        """Dossiers received from `start` to `end`, classified on the period's last day (today if it runs on)."""
        return cls(min(end, today), start, min(end, today), **extra)

    def a_year_before(self) -> DossierFilter:
        """Cùng kỳ: the same days a year before, classified a year before."""
        return replace(
            self,
            as_of=add_years(self.as_of, -1),
            received_from=self.received_from and add_years(self.received_from, -1),
            received_to=self.received_to and add_years(self.received_to, -1),
        )

    def without(self, *fields: str) -> DossierFilter:
        return replace(self, **dict.fromkeys(fields))


def where(f: DossierFilter) -> list[ColumnElement[bool]]:
    conditions = [dossiers.c.received_on <= f.as_of]
    if f.received_from is not None:
        conditions.append(dossiers.c.received_on >= f.received_from)
    if f.received_to is not None:
        conditions.append(dossiers.c.received_on <= f.received_to)
    if f.unit_id is not None:
        conditions.append(dossiers.c.unit_id == f.unit_id)
    if f.procedure_id is not None:
        conditions.append(dossiers.c.procedure_id == f.procedure_id)
    return conditions
