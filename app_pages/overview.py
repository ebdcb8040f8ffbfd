"""Tổng quan: the figures a chief of office asks for first."""

import streamlit as st

from components.alerts.lists import attention
from components.overview.cards import document_cards, meeting_cards, point_card, task_cards
from components.overview.where import oldest_overdue, overdue_trend, stuck_units
from components.services.cards import headline_cards
from components.shared.kpi import kpi_row
from components.shared.page_header import freshness_caption
from components.shared.period_filter import period_caption, selected_period
from data_access.alerts.lists import attention as alert_attention
from data_access.core import clock
from data_access.core.database import NOW
from data_access.overview.figures import overview_figures
from data_access.services.figures import service_headline
from data_access.tasks import figures as task_figures
from data_access.tasks import lists as task_lists
from data_access.tasks.filters import TaskFilter
from i18n import t
from ui.db import current
from ui.language import with_language

STUCK_UNITS, OLDEST = 5, 5  # the first screen answers where and since when

period = selected_period()
db = current()
f = db.read(overview_figures, period, NOW)
freshness_caption(f.as_of, period_caption(period))

st.subheader(t("overview.section_tasks"))
kpi_row(task_cards(f))
today = clock.today_vn()
stuck_units(db.read(task_figures.overdue_by_unit, TaskFilter(today), STUCK_UNITS))
oldest_overdue(db.read(task_lists.task_page, TaskFilter(today, category="open_overdue"), "due_asc", 1, OLDEST).rows)
overdue_trend(db.read(task_figures.overdue_trend, today))
st.page_link(
    "app_pages/tasks.py",
    label=t("overview.see_overdue"),
    icon=":material/arrow_forward:",
    query_params=with_language({"scope": "all", "category": "open_overdue"}),
)

attention(db.read(alert_attention, NOW))  # "Cần chú ý": what needs acting on now, whatever the period

st.subheader(t("overview.section_documents"))
kpi_row(document_cards(f))

st.subheader(t("overview.section_meetings"))
kpi_row(meeting_cards(f) + [point_card(f)])

services = db.read(service_headline, period.start, period.end, today)
if services.has_data:  # an office whose public services are not kept here yet sees nothing of them
    st.subheader(t("services.overview_section"))
    kpi_row(headline_cards(services, period.comparable))
    st.page_link(
        "app_pages/services.py",
        label=t("services.see_all"),
        icon=":material/arrow_forward:",
        query_params=with_language({}),
    )
