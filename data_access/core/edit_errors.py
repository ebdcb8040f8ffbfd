"""Why a write was refused, in terms the interface can explain in Vietnamese.

EditError names the field at fault and a reason (a message key); Conflict
carries what another user changed since the row was loaded; Forbidden the
permission the user's role lacks. Nothing was written when any is raised.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class EditRefused(Exception):
    """Base of every refused write; `item` names the row at fault when a save holds several."""

    item: str | None = None


class EditError(EditRefused):
    """Invalid input: `field` is the column at fault, `reason` a message key, `params` its values."""

    def __init__(self, field: str, reason: str, **params: Any):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class Change:
    field: str
    seen: Any  # what the user had loaded
    now: Any  # what the database holds now


class Conflict(EditRefused):
    """The row changed (or vanished) since the user loaded it; nothing was overwritten."""

    def __init__(self, changes: tuple[Change, ...], current_version: int | None, by: str | None = None):
        super().__init__(", ".join(c.field for c in changes) or "row changed")
        self.changes = changes
        self.current_version = current_version
        self.by = by  # who saved last, from the audit trail, when known


class Forbidden(EditRefused):
    """The user's role does not allow this write."""

    def __init__(self, permission: str):
        super().__init__(permission)
        self.permission = permission
