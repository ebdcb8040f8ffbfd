"""Nhật ký thay đổi: every save, who made it and what it changed; for leaders and administrators."""

import datetime as dt

import streamlit as st

from components.admin.audit import audit_filters, audit_list
from components.shared.login import allowed_user
from components.shared.pager import page_to_read, pager
from components.shared.period_filter import selected_period
from data_access.accounts.audit import AuditFilter, audit_logins, audit_page
from data_access.accounts.permissions import READ_AUDIT
from data_access.core.clock import vn_midnight_utc
from i18n import t
from ui import keys
from ui.db import current

db = current()
user = allowed_user(READ_AUDIT, "audit.forbidden")

st.caption(t("audit.caption"))
period = selected_period()
login, table = audit_filters(db.read(audit_logins, user))
f = AuditFilter(
    login=login,
    table_name=table,
    since=vn_midnight_utc(period.start),
    until=vn_midnight_utc(period.end + dt.timedelta(days=1)),
)
key, page = page_to_read(keys.AUDIT_PAGE, f)
trail = db.read(audit_page, user, f, page)
audit_list(trail.total, trail.entries)
if trail.pages > 1:
    pager(key, trail.pages)
