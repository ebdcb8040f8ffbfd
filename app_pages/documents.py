"""Văn bản: volumes in and out, what they are, where processing stalls; every document one tap away."""

import streamlit as st

from ui import db as cached_reads
from ui import keys
from components.documents.detail import document_detail_view
from components.documents.filters import bucket_of, document_filters, scope_caption, state_pills
from components.documents.sections import headline, kinds, processing, volume_chart
from components.documents.grid import document_grid
from components.documents.table import document_table
from components.tasks.new_task import new_task_form
from components.documents.edit import document_edit
from components.shared.page_header import freshness_caption
from components.shared.pager import list_page, page_to_read
from components.shared.period_filter import selected_period
from data_access.core import clock
from data_access.core.config import database_url
from data_access.core.engine import get_engine
from data_access.accounts.permissions import EDIT, may
from data_access.documents.lists import DEFAULT_SORT, SORTS
from data_access.core.periods import previous_period, same_period_last_year
from i18n import t
from ui.saving import current_user

url = database_url()
today = clock.today_vn()

user = current_user()


def _editor(detail) -> None:
    """Mark it processed (incoming documents) and assign a task from it."""
    if detail.direction == "incoming":
        document_edit(detail, user, lambda: get_engine(url), today)
    new_task_form(user, lambda: get_engine(url), today, cached_reads.all_units(url), document_id=detail.id,
                  assigned_on=detail.registered_on)


raw_id = st.query_params.get("document")
if raw_id:
    raw_id = raw_id.strip()
    found = cached_reads.document_detail(url, int(raw_id), today) if raw_id.isdigit() and len(raw_id) < 12 else None
    document_detail_view(found, raw_id, editor=_editor if may(user.role, EDIT) else None)
    st.stop()

period = selected_period()
before, year_ago = previous_period(period), same_period_last_year(period)
types, units = cached_reads.document_choices(url)
f = document_filters(today, period, types, units)
fig, read_at = cached_reads.document_figures(url, f, (before.start, before.end), (year_ago.start, year_ago.end))
freshness_caption(read_at, scope_caption(f))

st.subheader(t("docs.section_volume"))
headline(fig, f, (before.start, before.end), (year_ago.start, year_ago.end))
volume_chart(fig)

st.subheader(t("docs.section_kinds"))
kinds(fig)

st.subheader(t("docs.section_processing"))
state_pills(fig.processing)
processing(fig.units)

st.subheader(t("docs.section_list"))
listed = bucket_of(f)
sort = st.selectbox(t("docs.sort"), SORTS, key=keys.DOCS_SORT, width=280,
                    format_func=lambda s: t(f"docs.sort.{s}"), index=list(SORTS).index(DEFAULT_SORT))
page_key, page_no = page_to_read(keys.DOCS_PAGE, (listed, sort))
page = cached_reads.document_page(url, listed, sort, page_no)
list_page(page, page_key, "docs", lambda: document_table(page.rows, keys.DOCS_LIST_TABLE),
          (t("docs_grid.toggle"), keys.DOCS_GRID_ON,
           lambda: document_grid(page.rows, (page_key, page.page), user, lambda: get_engine(url), today))
          if may(user.role, EDIT) and listed.direction != "outgoing" else None)
