"""Hành chính công: procedures published, the period's dossiers against cùng kỳ, where they are late, the index."""

import streamlit as st

from components.services import sections
from components.services.detail import dossier_view, procedure_view
from components.services.imports import service_import
from components.shared.page_header import freshness_caption
from components.shared.period_filter import selected_period
from data_access.accounts.permissions import EDIT, may
from data_access.core import clock
from data_access.services import detail, figures, imports, lists
from data_access.services.filters import DossierFilter
from i18n import fmt_date, t
from ui.db import current
from ui.session import current_user

db = current()
today = clock.today_vn()

code = st.query_params.get("procedure")
if code:
    procedure_view(db.read(detail.procedure_by_code, code.strip()[:60], today), code)
    st.stop()
code = st.query_params.get("dossier")
if code:
    dossier_view(db.read(detail.dossier_by_code, code.strip()[:80], today), code)
    st.stop()

user = current_user()
if may(user.role, EDIT):  # the export of a province whose system can only give files
    service_import(user, lambda kind, upload, name: db.read(imports.read_import, kind, upload, name))

period = selected_period()
f = DossierFilter.of_period(period.start, period.end, today)
read = db.timed(figures.dossier_counts, f)
freshness_caption(
    read.read_at,
    t("services.scope_caption", start=fmt_date(f.received_from), end=fmt_date(f.received_to), as_of=fmt_date(f.as_of)),
)

st.subheader(t("services.section_dossiers"))
sections.dossier_kpis(read.value, db.read(figures.dossier_counts, f.a_year_before()) if period.comparable else None)
sections.channel_line(db.read(figures.by_channel, f))

st.subheader(t("services.section_units"))
sections.units_block(db.read(figures.units_by_late, f))

st.subheader(t("services.section_overdue"))
sections.overdue_block(*db.read(lists.overdue_dossiers, DossierFilter(today)))

st.subheader(t("services.section_index"))
sections.index_block(db.read(figures.index_now, today), db.read(figures.index_trend, today))

st.subheader(t("services.section_procedures"))
sections.procedures_block(db.read(figures.procedures_published, today), db.read(figures.procedures_by_field, today))
