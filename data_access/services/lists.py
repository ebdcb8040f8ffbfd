"""Bounded lists of dossiers: the open and overdue ones, oldest deadline first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from data_access.core.schema import dossiers, procedures, units
from data_access.services.categories import category_on
from data_access.services.filters import DossierFilter, where

OVERDUE_LIMIT = 20


@dataclass(frozen=True)
class DossierRow:
    code: str
    procedure_code: str
    procedure_name: str
    unit_code: str
    unit_name: str
    received_on: dt.date
    due_on: dt.date | None
    as_of: dt.date

    @property
    def days_overdue(self) -> int:
        return (self.as_of - self.due_on).days if self.due_on else 0


def overdue_dossiers(conn: Connection, f: DossierFilter, limit: int = OVERDUE_LIMIT) -> tuple[list[DossierRow], int]:
    """The open dossiers overdue on `f.as_of` (oldest deadline first, at most `limit`) and how many there are."""
    overdue = [*where(f), category_on(f.as_of) == "open_overdue"]
    total = conn.execute(select(func.count()).select_from(dossiers).where(*overdue)).scalar_one()
    rows = conn.execute(
        select(
            dossiers.c.code,
            procedures.c.code,
            procedures.c.name,
            units.c.code,
            units.c.name,
            dossiers.c.received_on,
            dossiers.c.due_on,
        )
        .select_from(
            dossiers.join(procedures, procedures.c.id == dossiers.c.procedure_id).join(
                units, units.c.id == dossiers.c.unit_id
            )
        )
        .where(*overdue)
        .order_by(dossiers.c.due_on, dossiers.c.code)
        .limit(limit)
    ).all()
    return [DossierRow(*row, f.as_of) for row in rows], total
