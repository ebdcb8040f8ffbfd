"""Stored values as people read them: code lists by their labels, dates as 28/08/2025, column names.

Used by the save messages, the conflict message and the audit trail.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from i18n import fmt_date, fmt_datetime, known, t

_CODE_LABELS = {
    "status": ("status", "mstatus", "pstatus", "join"),
    "source": ("source",),
    "kind": ("kind", "event"),
    "urgency": ("urgency",),
    "role": ("role",),
}


def shown_value(field: str, value: Any) -> str:
    """A stored value as a user reads it: code lists by their labels, dates as 28/08/2025."""
    if isinstance(value, str):
        if field.startswith("point_status:") and known(f"join.{value}"):
            return t(f"join.{value}")
        if field == "note":
            return status_change(value)
        for prefix in _CODE_LABELS.get(field, ()):
            if known(f"{prefix}.{value}"):
                return t(f"{prefix}.{value}")
        if len(value) == 10 and value[4] == "-" and value[7] == "-":  # an ISO date from the audit trail
            try:
                return fmt_date(dt.date.fromisoformat(value))
            except ValueError:
                pass
        if len(value) > 10 and value[4] == "-" and value[7] == "-" and value[10] in " T":  # an instant (UTC)
            try:
                instant = dt.datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                return fmt_datetime(instant if instant.tzinfo else instant.replace(tzinfo=dt.UTC))
    return shown(value)


def status_change(note: str) -> str:
    """A status event's note holds codes ("in_progress → completed"); show their labels."""
    parts = note.split(" → ")
    if len(parts) == 2 and all(known(f"status.{p}") for p in parts):
        return " → ".join(t(f"status.{p}") for p in parts)
    return note


def shown(value: Any) -> str:
    if value is None:
        return t("edit.empty")
    if isinstance(value, dt.datetime):
        return fmt_datetime(value)
    if isinstance(value, dt.date):
        return fmt_date(value)
    if isinstance(value, bool):
        return "✓" if value else "✗"
    return str(value)


def field_label(field: str) -> str:
    """A column's name for people; 'point_status:XA-A' is how one point joined a meeting."""
    if field.startswith("point_status:"):
        return f"{t('field.point_status')} {field.split(':', 1)[1]}"
    return t(f"field.{field}") if known(f"field.{field}") else field
