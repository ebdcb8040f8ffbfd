"""Đơn vị: every unit side by side for the emulation review, and one unit's whole picture (?unit=CODE)."""

import streamlit as st

from components.services.sections import dossier_kpis, index_block, overdue_block
from components.shared.detail_frame import back_button, share_link
from components.shared.page_header import freshness_caption
from components.shared.period_filter import selected_period
from components.units import sections
from data_access.core import clock
from data_access.core.database import NOW
from data_access.overview import units
from data_access.points.detail import point_by_code
from data_access.services import figures as service_figures
from data_access.services import lists as service_lists
from data_access.services.filters import DossierFilter
from data_access.tasks import figures as task_figures
from data_access.tasks import lists as task_lists
from i18n import fmt_date, t
from ui import keys
from ui.db import current
from ui.display import plain_md

db = current()
today = clock.today_vn()
period = selected_period()
caption = t("units.scope_caption", start=fmt_date(period.start), end=fmt_date(min(period.end, today)))

code = st.query_params.get("unit")
if code:
    back_button(t("units.back"), "unit", keys.UNITS_BACK)
    unit = db.read(units.unit_by_code, code.strip()[:60])
    if unit is None:
        st.warning(t("units.not_found", code=plain_md(code[:60])), icon=":material/search_off:")
        st.stop()
    f = units.task_filter(period.start, period.end, today, unit.id)
    read = db.timed(task_figures.count_by_category, f)
    freshness_caption(read.read_at, caption)
    st.subheader(plain_md(unit.name))
    st.badge(t(f"ukind.{unit.kind}"))

    st.markdown(f"#### {t('units.section_tasks')}")
    sections.task_kpis(read.value)
    st.markdown(f"#### {t('units.section_overdue')}")
    backlog = f.backlog(today).without("category")
    sections.overdue_tasks(
        db.read(task_lists.task_page, type(backlog)(today, unit_id=unit.id, category="open_overdue"))
    )

    st.markdown(f"#### {t('units.section_documents')}")
    sections.document_kpis(db.read(units.documents_to_process, unit.id, today))

    st.markdown(f"#### {t('units.section_dossiers')}")
    d = DossierFilter.of_period(period.start, period.end, today, unit_id=unit.id)
    dossier_kpis(
        db.read(service_figures.dossier_counts, d),
        db.read(service_figures.dossier_counts, d.a_year_before()) if period.comparable else None,
    )
    st.markdown(f"#### {t('units.section_dossiers_overdue')}")
    overdue_block(
        *db.read(service_lists.overdue_dossiers, DossierFilter(today, unit_id=unit.id)), key=keys.UNITS_DOSSIERS_TABLE
    )

    st.markdown(f"#### {t('units.section_index')}")
    index_block(
        db.read(service_figures.index_now, today, unit.id), db.read(service_figures.index_trend, today, 12, unit.id)
    )

    if unit.is_point:
        st.markdown(f"#### {t('units.section_point')}")
        point = db.timed(point_by_code, unit.code, NOW)
        sections.point_block(
            point.value, db.read(units.missed_meetings, unit.id, period.start, min(period.end, today)), point.read_at
        )
    share_link(t("services.share_caption"), "unit", unit.code, "app_pages/units.py")
    st.stop()

sort = sections.sort_choice()
read = db.timed(units.unit_standings, period.start, period.end, today, sort)
freshness_caption(read.read_at, caption)
st.subheader(t("units.section_ranking"))
sections.ranking(read.value)
