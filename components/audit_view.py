"""The audit trail as a leader reads it: filters, then one line per save with what it changed."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components import keys
from data_access.audit import AuditEntry
from i18n import fmt_datetime, fmt_int, known, t
from saving import field_label

TABLES = ("tasks", "task_events", "documents", "meetings", "point_checks", "users")


def audit_filters(logins: list[str]) -> tuple[str | None, str | None]:
    with st.container(horizontal=True, wrap=True):
        login = st.selectbox(t("audit.user"), [None, *logins], key=keys.AUDIT_USER, width=260,
                             format_func=lambda v: t("audit.all") if v is None else v)
        table = st.selectbox(t("audit.table"), [None, *TABLES], key=keys.AUDIT_TABLE, width=260,
                             format_func=lambda v: t("audit.all") if v is None else t(f"table.{v}"))
    return login, table


def _changes(entry: AuditEntry) -> str:
    before, after = entry.before or {}, entry.after or {}
    parts = []
    for name in sorted(set(before) | set(after)):
        label = field_label(name) if known(f"field.{name}") else name
        old, new = before.get(name), after.get(name)
        parts.append(f"{label}: {'' if old is None and not before else _plain(old) + ' → '}{_plain(new)}")
    return "; ".join(parts)


def _plain(value) -> str:
    return t("edit.empty") if value is None else str(value)


def audit_table(total: int, entries: list[AuditEntry]) -> None:
    st.caption(t("audit.count", count=fmt_int(total)))
    if not entries:
        st.info(t("audit.none"), icon=":material/history:")
        return
    frame = pd.DataFrame({
        t("audit.at"): [fmt_datetime(e.at) for e in entries],
        t("audit.user"): [e.user_login for e in entries],
        t("audit.action"): [t(f"action.{e.action}") if known(f"action.{e.action}") else e.action
                            for e in entries],
        t("audit.row"): [f"{t('table.' + e.table_name)} #{e.row_id}" for e in entries],
        t("audit.changes"): [_changes(e) for e in entries],
    })
    st.dataframe(frame, hide_index=True, use_container_width=True,
                 column_config={t("audit.changes"): st.column_config.TextColumn(width="large")})
