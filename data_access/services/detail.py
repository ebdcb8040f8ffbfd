"""One procedure or one dossier in full, for the drill-downs /services?procedure=CODE and ?dossier=CODE."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from data_access.core.schema import dossiers, procedures, units
from data_access.services.categories import category_on, days_overdue, published_on
from data_access.services.figures import DossierCounts, dossier_counts
from data_access.services.filters import DossierFilter


@dataclass(frozen=True)
class ProcedureDetail:
    id: int
    code: str
    name: str
    level: str
    field: str | None
    unit_code: str | None
    unit_name: str | None
    online: str
    published_on: dt.date
    withdrawn_on: dt.date | None
    in_force: bool
    dossiers: DossierCounts  # every dossier of it, classified today


def procedure_by_code(conn: Connection, code: str, today: dt.date) -> ProcedureDetail | None:
    row = conn.execute(
        select(
            procedures.c.id,
            procedures.c.code,
            procedures.c.name,
            procedures.c.level,
            procedures.c.field,
            units.c.code,
            units.c.name,
            procedures.c.online,
            procedures.c.published_on,
            procedures.c.withdrawn_on,
            published_on(today),
        )
        .select_from(procedures.outerjoin(units, units.c.id == procedures.c.unit_id))
        .where(procedures.c.code == code)
    ).first()
    if row is None:
        return None
    return ProcedureDetail(*row[:10], bool(row[10]), dossier_counts(conn, DossierFilter(today, procedure_id=row[0])))


@dataclass(frozen=True)
class DossierDetail:
    code: str
    procedure_code: str
    procedure_name: str
    unit_code: str
    unit_name: str
    channel: str
    at_centre: bool
    received_on: dt.date
    due_on: dt.date | None
    resolved_on: dt.date | None
    outcome: str | None
    category: str
    as_of: dt.date

    @property
    def days_overdue(self) -> int | None:
        return days_overdue(self.category, self.due_on, self.as_of)

    @property
    def days_late(self) -> int | None:
        """Days past the deadline it was resolved, for one resolved late."""
        if self.category == "resolved_late" and self.due_on and self.resolved_on:
            return (self.resolved_on - self.due_on).days
        return None


def dossier_by_code(conn: Connection, code: str, today: dt.date) -> DossierDetail | None:
    row = conn.execute(
        select(
            dossiers.c.code,
            procedures.c.code,
            procedures.c.name,
            units.c.code,
            units.c.name,
            dossiers.c.channel,
            dossiers.c.at_centre,
            dossiers.c.received_on,
            dossiers.c.due_on,
            dossiers.c.resolved_on,
            dossiers.c.outcome,
            category_on(today),
        )
        .select_from(
            dossiers.join(procedures, procedures.c.id == dossiers.c.procedure_id).join(
                units, units.c.id == dossiers.c.unit_id
            )
        )
        .where(dossiers.c.code == code)
    ).first()
    return None if row is None else DossierDetail(*row[:6], bool(row[6]), *row[7:], today)
