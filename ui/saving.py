"""Every write from the pages: run it, clear the cached reads, explain a refusal in Vietnamese.

A save either lands (the caches are cleared, so every page shows the new
figures at once, and "Đã lưu" appears after the rerun) or is refused with a
message naming the field, the missing right, or what another user changed;
the form keeps what the user typed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import streamlit as st

from data_access.accounts.users import UserError
from data_access.core.edit_errors import Conflict, EditError, Forbidden
from data_access.core.errors import DATABASE_ERRORS, classify
from i18n import t
from ui import keys
from ui.db import clear_reads, current
from ui.display import field_label, plain_md, shown, shown_value


def refusal_text(error: EditError, markdown: bool = True) -> str:
    """The refusal in words; its values (typed, imported or from the database) quoted as plain text.

    `markdown=False` for a place that shows text as it is (a table cell), where escapes would show.
    """
    params = {k: plain_md(shown(v)) if markdown else shown(v) for k, v in error.params.items()}
    return t(f"edit.{error.reason}", field=field_label(error.field), **params)


def _show_conflict(conflict: Conflict, on_reload: Callable[[], None]) -> None:
    who = plain_md(conflict.by) if conflict.by else t("edit.conflict_someone")
    lines = [_on_item(conflict, t("edit.conflict", who=who))]
    if conflict.current_version is None:
        lines.append(t("edit.conflict_gone"))
    for c in conflict.changes:
        seen, now = plain_md(shown_value(c.field, c.seen)), plain_md(shown_value(c.field, c.now))
        lines.append(f"- {t('edit.conflict_change', field=field_label(c.field), seen=seen, now=now)}")
    st.error("\n".join(lines), icon=":material/sync_problem:")
    st.button(t("edit.reload"), icon=":material/refresh:", on_click=on_reload, type="primary")


def _on_item(refused, text: str) -> str:
    """Prefix the row at fault (a task code) when a save held several rows."""
    return f"{plain_md(refused.item)}: {text}" if refused.item else text


def forget(state_keys: Iterable[str]) -> None:
    """Drop a form's snapshot and widget values, so it starts again from the database."""
    for key in state_keys:
        st.session_state.pop(key, None)


def save(write: Callable[..., Any], *args: Any, forget_after: Iterable[str] = (), **kwargs: Any) -> bool:
    """Run the data_access write function `write(engine, *args, **kwargs)` on the dashboard's database.

    On success the reads are cleared (by the handle), the form's state dropped and the page rerun;
    else the refusal is explained in place and the form keeps what the user typed.
    """
    forget_after = list(forget_after)
    try:
        current().write(write, *args, **kwargs)
    except EditError as error:
        st.error(_on_item(error, refusal_text(error)), icon=":material/error:")
        return False
    except UserError as refused:
        st.error(t(f"user_error.{refused.reason}"), icon=":material/error:")
        return False
    except Forbidden:
        user = st.session_state.get(keys.USER)
        st.error(t("edit.forbidden", role=t(f"role.{user.role}") if user else "?"), icon=":material/block:")
        return False
    except Conflict as conflict:

        def reload() -> None:
            clear_reads()
            forget(forget_after)

        _show_conflict(conflict, reload)
        return False
    except DATABASE_ERRORS as exc:
        # In place, not the full-page database message: the form and what was typed must stay.
        problem = classify(exc)
        st.error(t("edit.db_failed", reason=t(f"db.{problem.reason}")), icon=":material/cloud_off:")
        return False
    forget(forget_after)
    st.session_state[keys.FLASH] = t("edit.saved")
    st.rerun()
    return True


def show_flash() -> None:
    """The confirmation of the save that caused this rerun."""
    message = st.session_state.pop(keys.FLASH, None)
    if message:
        st.toast(message, icon=":material/check_circle:")
