"""Tổng quan: the figures a chief of office asks for first."""

import streamlit as st

from ui import db as cached_reads
from components.shared.kpi import kpi_row
from components.overview.cards import document_cards, meeting_cards, point_card, task_cards
from components.shared.page_header import freshness_caption
from components.shared.period_filter import period_caption, selected_period
from data_access.core.config import database_url
from i18n import t

period = selected_period()
f = cached_reads.overview(database_url(), period.kind, period.start, period.end)
freshness_caption(f.as_of, period_caption(period))

st.subheader(t("overview.section_tasks"))
kpi_row(task_cards(f))
st.page_link("app_pages/tasks.py", label=t("overview.see_overdue"), icon=":material/arrow_forward:",
             query_params={"scope": "all", "category": "open_overdue"})

st.subheader(t("overview.section_documents"))
kpi_row(document_cards(f))

st.subheader(t("overview.section_meetings"))
kpi_row(meeting_cards(f) + [point_card(f)])
