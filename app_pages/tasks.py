"""Nhiệm vụ: what is overdue, where, and since when; every task one tap away."""

import streamlit as st

from ui import db as cached_reads
from ui import keys
from components.shared.page_header import freshness_caption
from components.shared.pager import list_page, page_to_read
from components.shared.period_filter import selected_period
from components.tasks.breakdowns import by_source, overdue_ages, unit_ranking
from components.tasks.detail import task_detail_view
from components.tasks.filters import age_pills, category_pills, scope_caption, task_filters
from components.tasks.picture import task_picture
from components.tasks.edit import task_edit
from components.tasks.grid import task_grid
from components.tasks.imports import task_import
from components.tasks.table import task_table
from components.tasks.urging import urging_download
from data_access.core import clock
from data_access.core.config import database_url
from data_access.core.engine import get_engine
from data_access.accounts.permissions import EDIT, may
from data_access.core.schema import TASK_SOURCES
from data_access.tasks.lists import DEFAULT_SORT, SORTS
from i18n import t
from ui.saving import current_user

url = database_url()
today = clock.today_vn()

code = st.query_params.get("task")
if code:
    task_detail_view(cached_reads.task_detail(url, code.strip()[:60], today), code,
                     editor=lambda detail: task_edit(detail, current_user(), lambda: get_engine(url), today))
    st.stop()

user = current_user()
units = cached_reads.task_units(url)
if may(user.role, EDIT):
    sources = {t(f"source.{code}"): code for code in TASK_SOURCES}
    task_import(user, lambda: get_engine(url), today,
                lambda upload: cached_reads.import_preview(url, upload, sources, today),
                next((u.name for u in units), ""))
f = task_filters(today, selected_period(), units)
now, last_year, read_at = cached_reads.task_picture(url, f)
freshness_caption(read_at, scope_caption(f))

st.subheader(t("tasks.section_picture"))
task_picture(now, last_year)

st.subheader(t("tasks.section_stuck"))
units, sources, ages = cached_reads.task_breakdowns(url, f)
unit_ranking(units)
with st.container(horizontal=True, wrap=True, gap="large"):
    with st.container(width=340):
        overdue_ages(ages)
    with st.container(width=420):
        by_source(sources)

st.subheader(t("tasks.section_due_soon"))
due_soon = cached_reads.tasks_due_soon(url, f)
if due_soon:
    task_table(due_soon, keys.TASKS_DUE_SOON_TABLE)
else:
    st.caption(t("tasks.due_soon_none"))

st.subheader(t("tasks.section_list"))
category_pills(now)
age_pills()
sort = st.selectbox(t("tasks.sort"), SORTS, key=keys.TASKS_SORT, width=280,
                    format_func=lambda s: t(f"tasks.sort.{s}"), index=list(SORTS).index(DEFAULT_SORT))
page_key, page_no = page_to_read(keys.TASKS_PAGE, (f, sort))
page = cached_reads.task_page(url, f, sort, page_no)
list_page(page, page_key, "tasks", lambda: task_table(page.rows, keys.TASKS_LIST_TABLE),
          (t("grid.toggle"), keys.TASKS_GRID_ON,
           lambda: task_grid(page.rows, (page_key, page.page), user, lambda: get_engine(url), today))
          if may(user.role, EDIT) else None)

st.subheader(t("tasks.section_urging"))
urging_download(*cached_reads.urging_summary(url, f), f.as_of, lambda: cached_reads.urging_list(url, f))
