"""Nhiệm vụ: what is overdue, where, and since when; every task one tap away."""

import streamlit as st

from components.shared.page_header import freshness_caption
from components.shared.pager import sorted_paged_list
from components.shared.period_filter import selected_period
from components.tasks.breakdowns import by_source, overdue_ages, unit_ranking
from components.tasks.detail import task_detail_view
from components.tasks.edit import task_edit
from components.tasks.filters import age_pills, category_pills, scope_caption, task_filters
from components.tasks.grid import task_grid
from components.tasks.imports import task_import
from components.tasks.picture import backlog_picture, task_picture
from components.tasks.table import task_table
from components.tasks.urging import urging_download
from data_access.accounts.permissions import EDIT, may
from data_access.accounts.settings import office_settings_in
from data_access.core import clock
from data_access.core.schema import TASK_SOURCES
from data_access.core.units import all_units
from data_access.tasks import detail, figures, imports, lists
from i18n import t
from ui import keys
from ui.db import current
from ui.session import current_user

db = current()
today = clock.today_vn()
user = current_user()

code = st.query_params.get("task")
if code:
    task_detail_view(
        db.read(detail.task_by_code, code.strip()[:60], today), code, editor=lambda found: task_edit(found, user, today)
    )
    st.stop()

units = db.read(lists.units_with_tasks)
if may(user.role, EDIT):
    sources = {t(f"source.{code}"): code for code in TASK_SOURCES}
    task_import(
        user,
        today,
        lambda upload: db.read(imports.read_tasks, upload, sources, today),
        next((u.name for u in units), ""),
        [u.name for u in db.read(all_units)],
    )
f = task_filters(today, selected_period(), units)
whole = f.without("category", "age")  # the picture shows all five categories of the filter
picture = db.timed(figures.count_by_category, whole)
freshness_caption(picture.read_at, scope_caption(f))

st.subheader(t("tasks.section_picture"))
task_picture(
    picture.value, db.read(figures.count_by_category, whole.a_year_before()), db.read(figures.extended_count, f)
)

st.subheader(t("tasks.section_stuck"))
backlog = f.backlog(today)  # as of today, whenever assigned: never hidden behind the period
backlog_picture(db.read(figures.count_by_category, backlog), backlog)
unit_ranking(db.read(figures.overdue_by_unit, backlog))
with st.container(horizontal=True, wrap=True, gap="large"):
    with st.container(width=340):
        overdue_ages(db.read(figures.overdue_ages, backlog))
    with st.container(width=420):
        by_source(db.read(figures.by_source, backlog))

st.subheader(t("tasks.section_due_soon"))
due_soon = db.read(lists.due_soon, backlog)
if due_soon:
    task_table(due_soon, keys.TASKS_DUE_SOON_TABLE)
else:
    st.caption(t("tasks.due_soon_none"))

st.subheader(t("tasks.section_list"))
category_pills(picture.value)
age_pills()
sorted_paged_list(
    "tasks",
    lists.SORTS,
    lists.DEFAULT_SORT,
    keys.TASKS_SORT,
    keys.TASKS_PAGE,
    f,
    lambda sort, page: db.read(lists.task_page, f, sort, page),
    lambda page: task_table(page.rows, keys.TASKS_LIST_TABLE),
    (t("grid.toggle"), keys.TASKS_GRID_ON, lambda page, scope: task_grid(page.rows, scope, user, today))
    if may(user.role, EDIT)
    else None,
)

st.subheader(t("tasks.section_urging"))
urging_download(
    *db.read(lists.urging_summary, backlog),
    f.as_of,
    lambda: db.read(lists.urging_list, backlog),
    lambda: db.read(office_settings_in),
)
