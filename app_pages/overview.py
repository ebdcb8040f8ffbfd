"""Tổng quan: the figures a chief of office asks for first."""

import streamlit as st

from components.overview.cards import document_cards, meeting_cards, point_card, task_cards
from components.shared.kpi import kpi_row
from components.shared.page_header import freshness_caption
from components.shared.period_filter import period_caption, selected_period
from data_access.core.database import NOW
from data_access.overview.figures import overview_figures
from i18n import t
from ui.db import current
from ui.language import with_language

period = selected_period()
f = current().read(overview_figures, period, NOW)
freshness_caption(f.as_of, period_caption(period))

st.subheader(t("overview.section_tasks"))
kpi_row(task_cards(f))
st.page_link(
    "app_pages/tasks.py",
    label=t("overview.see_overdue"),
    icon=":material/arrow_forward:",
    query_params=with_language({"scope": "all", "category": "open_overdue"}),
)

st.subheader(t("overview.section_documents"))
kpi_row(document_cards(f))

st.subheader(t("overview.section_meetings"))
kpi_row(meeting_cards(f) + [point_card(f)])
