"""Văn bản: volumes in and out, what they are, where processing stalls; every document one tap away."""

import streamlit as st

from components.documents.detail import document_detail_view
from components.documents.edit import document_edit
from components.documents.filters import bucket_of, document_filters, scope_caption, state_pills
from components.documents.grid import document_grid
from components.documents.sections import headline, kinds, processing, volume_chart
from components.documents.table import document_table
from components.shared.page_header import freshness_caption
from components.shared.pager import sorted_paged_list
from components.shared.period_filter import selected_period
from components.tasks.new_task import new_task_form
from data_access.accounts.permissions import EDIT, may
from data_access.core import clock
from data_access.core.periods import previous_period, same_period_last_year
from data_access.core.units import all_units
from data_access.documents import detail, figures, lists
from i18n import t
from ui import keys
from ui.db import current
from ui.session import current_user

db = current()
today = clock.today_vn()
user = current_user()


def _editor(detail) -> None:
    """Mark it processed (incoming documents) and assign a task from it."""
    if detail.direction == "incoming":
        document_edit(detail, user, today)
    new_task_form(user, today, db.read(all_units), document_id=detail.id, assigned_on=detail.registered_on)


raw_id = st.query_params.get("document")
if raw_id:
    raw_id = raw_id.strip()
    found = db.read(detail.document_by_id, int(raw_id), today) if raw_id.isdigit() and len(raw_id) < 12 else None
    document_detail_view(found, raw_id, editor=_editor if may(user.role, EDIT) else None)
    st.stop()

period = selected_period()
before, year_ago = previous_period(period), same_period_last_year(period)
f = document_filters(today, period, db.read(lists.document_types), db.read(lists.handling_units))
read = db.timed(figures.document_figures, f, (before.start, before.end), (year_ago.start, year_ago.end), today)
fig = read.value
freshness_caption(read.read_at, scope_caption(f))

st.subheader(t("docs.section_volume"))
headline(fig, f, period, before, year_ago, today)
volume_chart(fig)

st.subheader(t("docs.section_kinds"))
kinds(fig)

st.subheader(t("docs.section_processing"))
state_pills(fig.processing)
processing(fig.units)

st.subheader(t("docs.section_list"))
listed = bucket_of(f)
sorted_paged_list(
    "docs",
    lists.SORTS,
    lists.DEFAULT_SORT,
    keys.DOCS_SORT,
    keys.DOCS_PAGE,
    listed,
    lambda sort, page: db.read(lists.document_page, listed, sort, page),
    lambda page: document_table(page.rows, keys.DOCS_LIST_TABLE),
    (t("docs_grid.toggle"), keys.DOCS_GRID_ON, lambda page, scope: document_grid(page.rows, scope, user, today))
    if may(user.role, EDIT) and listed.direction != "outgoing"
    else None,
)
