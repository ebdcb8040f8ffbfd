"""Every write from the pages: run it, clear the cached reads, explain a refusal in Vietnamese.

A save either lands (the caches are cleared, so every page shows the new
figures at once, and "Đã lưu" appears after the rerun) or is refused with a
message naming the field, the missing right, or what another user changed;
the form keeps what the user typed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Iterable

import streamlit as st

from ui import db as cached_reads
from ui import keys
from data_access.core.edit_errors import Conflict, EditError, Forbidden
from data_access.core.errors import DATABASE_ERRORS, classify
from data_access.accounts.users import User, UserError
from i18n import fmt_date, fmt_datetime, known, t


def current_user() -> User | None:
    return st.session_state.get(keys.USER)


_CODE_LABELS = {"status": ("status", "mstatus", "pstatus", "join"), "source": ("source",),
                "kind": ("kind", "event"), "urgency": ("urgency",), "role": ("role",)}


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
    return _shown(value)


def status_change(note: str) -> str:
    """A status event's note holds codes ("in_progress → completed"); show their labels."""
    parts = note.split(" → ")
    if len(parts) == 2 and all(known(f"status.{p}") for p in parts):
        return " → ".join(t(f"status.{p}") for p in parts)
    return note


def _shown(value: Any) -> str:
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


def refusal_text(error: EditError) -> str:
    params = {k: _shown(v) for k, v in error.params.items()}
    return t(f"edit.{error.reason}", field=field_label(error.field), **params)


def _show_conflict(conflict: Conflict, on_reload: Callable[[], None]) -> None:
    who = conflict.by or t("edit.conflict_someone")
    lines = [_on_item(conflict, t("edit.conflict", who=who))]
    if conflict.current_version is None:
        lines.append(t("edit.conflict_gone"))
    lines += [f"- {t('edit.conflict_change', field=field_label(c.field), seen=shown_value(c.field, c.seen), now=shown_value(c.field, c.now))}"
              for c in conflict.changes]
    st.error("\n".join(lines), icon=":material/sync_problem:")
    st.button(t("edit.reload"), icon=":material/refresh:", on_click=on_reload, type="primary")


def _on_item(refused, text: str) -> str:
    """Prefix the row at fault (a task code) when a save held several rows."""
    return f"{refused.item}: {text}" if refused.item else text


def forget(state_keys: Iterable[str]) -> None:
    """Drop a form's snapshot and widget values, so it starts again from the database."""
    for key in state_keys:
        st.session_state.pop(key, None)


def save(write: Callable[[], Any], forget_after: Iterable[str] = ()) -> bool:
    """Run `write`; on success clear the reads and the form's state and rerun, else explain why not."""
    forget_after = list(forget_after)
    try:
        write()
    except EditError as error:
        st.error(_on_item(error, refusal_text(error)), icon=":material/error:")
        return False
    except UserError as refused:
        st.error(t(f"user_error.{refused.reason}"), icon=":material/error:")
        return False
    except Forbidden:
        user = current_user()
        st.error(t("edit.forbidden", role=t(f"role.{user.role}") if user else "?"), icon=":material/block:")
        return False
    except Conflict as conflict:
        def reload() -> None:
            cached_reads.clear_reads()
            forget(forget_after)
        _show_conflict(conflict, reload)
        return False
    except DATABASE_ERRORS as exc:
        # In place, not the full-page database message: the form and what was typed must stay.
        problem = classify(exc)
        st.error(t("edit.db_failed", reason=problem.reason), icon=":material/cloud_off:")
        return False
    cached_reads.clear_reads()
    forget(forget_after)
    st.session_state[keys.FLASH] = t("edit.saved")
    st.rerun()
    return True


def show_flash() -> None:
    """The confirmation of the save that caused this rerun."""
    message = st.session_state.pop(keys.FLASH, None)
    if message:
        st.toast(message, icon=":material/check_circle:")
