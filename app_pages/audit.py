"""Nhật ký thay đổi: every save, who made it and what it changed; for leaders and administrators."""

import datetime as dt

import streamlit as st

from ui import db as cached_reads
from ui import keys
from components.admin.audit import audit_filters, audit_list
from components.shared.login import allowed_user
from components.shared.pager import page_to_read, pager
from components.shared.period_filter import selected_period
from data_access.accounts.audit import AUDIT_PAGE_SIZE, AuditFilter
from data_access.core.clock import vn_midnight_utc
from data_access.core.config import database_url
from data_access.accounts.permissions import READ_AUDIT
from i18n import t

url = database_url()
user = allowed_user(READ_AUDIT, "audit.forbidden")

st.caption(t("audit.caption"))
period = selected_period()
login, table = audit_filters(cached_reads.audit_logins(url))
f = AuditFilter(login=login, table_name=table, since=vn_midnight_utc(period.start),
                until=vn_midnight_utc(period.end + dt.timedelta(days=1)))
key, page = page_to_read(keys.AUDIT_PAGE, f)
total, entries = cached_reads.audit_entries(url, user, f, page)
audit_list(total, entries)
if total > AUDIT_PAGE_SIZE:
    pager(key, -(-total // AUDIT_PAGE_SIZE))
