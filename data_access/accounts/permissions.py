"""Who may write what. Checked by every write function, whatever the interface shows.

Roles are cumulative: a specialist may do what a viewer may, a leader what a
specialist may, an admin everything.
"""

from __future__ import annotations

from data_access.core.edit_errors import Forbidden
from data_access.core.schema import ROLES

EDIT = "edit"  # tasks, documents' processing, meetings, point checks
EXTEND_DEADLINE = "extend_deadline"
READ_AUDIT = "read_audit"
MANAGE_USERS = "manage_users"
MANAGE_ALERTS = "manage_alerts"  # the alert rules' settings and the prober's endpoints

_LOWEST_ROLE = {
    EDIT: "specialist",
    EXTEND_DEADLINE: "leader",
    READ_AUDIT: "leader",
    MANAGE_USERS: "admin",
    MANAGE_ALERTS: "admin",
}


def may(role: str | None, permission: str) -> bool:
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(_LOWEST_ROLE[permission])


def require(actor, permission: str) -> None:
    """Refuse (Forbidden) unless the actor's role grants the permission."""
    if actor is None or not may(actor.role, permission):
        raise Forbidden(permission)
