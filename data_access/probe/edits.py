"""Setting the endpoint the prober checks: a commune point's (units.endpoint) or an information system's."""

from __future__ import annotations

from sqlalchemy import Engine, select, update

from data_access.accounts import audit, permissions
from data_access.core import clock
from data_access.core.edit_errors import EditError
from data_access.core.schema import POINT_KINDS, info_systems, units
from data_access.probe.prober import parse_endpoint


def set_endpoint(engine: Engine, actor, code: str, endpoint: str | None) -> str:
    """An administrator sets (or, with nothing, clears) the endpoint of the point or system `code`;
    returns the table written. Audited."""
    permissions.require(actor, permissions.MANAGE_ALERTS)
    endpoint = (endpoint or "").strip() or None
    if endpoint is not None and (len(endpoint) > 500 or parse_endpoint(endpoint) is None):
        raise EditError("endpoint", "bad_endpoint")
    now = clock.now_utc()
    with engine.begin() as conn:
        for table, condition in (
            (units, units.c.kind.in_(POINT_KINDS)),
            (info_systems, info_systems.c.id.is_not(None)),
        ):
            row = conn.execute(select(table.c.id, table.c.endpoint).where(table.c.code == code, condition)).first()
            if row is None:
                continue
            conn.execute(update(table).where(table.c.id == row.id).values(endpoint=endpoint))
            audit.record(
                conn,
                actor.login,
                now,
                "set_endpoint",
                table.name,
                row.id,
                {"endpoint": row.endpoint},
                {"endpoint": endpoint},
            )
            return table.name
    raise EditError("point", "unknown_code", value=code)
