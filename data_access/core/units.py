"""The units of the province (departments, communes, wards, special zones) as the filters and forms offer them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from data_access.core.database import CHOICES, freshness
from data_access.core.schema import units


@dataclass(frozen=True)
class UnitChoice:
    """A unit as a filter or a form offers it; shared by every domain."""

    id: int
    code: str
    name: str


@freshness(CHOICES)
def all_units(conn: Connection) -> list[UnitChoice]:
    """Every unit, by name: the lead units a new task may be given to."""
    return [UnitChoice(*r) for r in conn.execute(select(units.c.id, units.c.code, units.c.name).order_by(units.c.name))]
