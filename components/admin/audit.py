"""The audit trail as a leader reads it: filters, then one card per save with what it changed.

Names, codes and values come from the database: `plain_md` shows them as written inside the cards' Markdown.
"""

from __future__ import annotations

import streamlit as st

from data_access.accounts.audit import AuditEntry
from i18n import fmt_datetime, fmt_int, known, t
from ui import keys
from ui.display import field_label, plain_md, shown_value
from ui.language import with_language

TABLES = ("tasks", "task_events", "documents", "meetings", "point_checks", "users")
PAGES = {
    "task": "app_pages/tasks.py",
    "document": "app_pages/documents.py",
    "meeting": "app_pages/meetings.py",
    "point": "app_pages/points.py",
}
HIDDEN = {"task_id", "unit_id", "assignee_unit_id", "version"}  # ids a reader cannot use; the card names the row


def audit_filters(logins: list[str]) -> tuple[str | None, str | None]:
    with st.container(horizontal=True, wrap=True):
        login = st.selectbox(
            t("audit.user"),
            [None, *logins],
            key=keys.AUDIT_USER,
            width=260,
            format_func=lambda v: t("audit.all") if v is None else v,
        )
        table = st.selectbox(
            t("audit.table"),
            [None, *TABLES],
            key=keys.AUDIT_TABLE,
            width=260,
            format_func=lambda v: t("audit.all") if v is None else t(f"table.{v}"),
        )
    return login, table


def changes_text(entry: AuditEntry) -> list[str]:
    """One line per changed column: 'Tiến độ (%): 50 → 80' (a new row lists its values)."""
    before, after = entry.before or {}, entry.after or {}
    lines = []
    for name in sorted(set(before) | set(after)):
        if name in HIDDEN or (not before and after.get(name) in (None, "")):
            continue
        label = field_label(name) if known(f"field.{name}") else plain_md(name)
        was = plain_md(shown_value(name, before.get(name))) + " → " if before else ""
        lines.append(f"{label}: {was}{plain_md(shown_value(name, after.get(name)))}")
    return lines


def audit_list(total: int, entries: list[AuditEntry]) -> None:
    st.caption(t("audit.count", count=fmt_int(total)))
    if not entries:
        st.info(t("audit.none"), icon=":material/history:")
        return
    for entry in entries:
        action = t(f"action.{entry.action}") if known(f"action.{entry.action}") else plain_md(entry.action)
        table = t(f"table.{entry.table_name}") if known(f"table.{entry.table_name}") else plain_md(entry.table_name)
        what = f"{table} {plain_md(entry.item) if entry.item else '#' + str(entry.row_id)}"
        with st.container(border=True, gap="small"):
            st.markdown(f"**{action}** · {plain_md(entry.author)}  \n:gray[{fmt_datetime(entry.at)}]")
            if entry.link and entry.link[0] in PAGES:
                st.page_link(
                    PAGES[entry.link[0]],
                    label=what,
                    icon=":material/open_in_new:",
                    query_params=with_language({entry.link[0]: entry.link[1]}),
                )
            else:
                st.markdown(what)
            lines = changes_text(entry)
            if lines:
                st.markdown("\n".join(f"- {line}" for line in lines))
