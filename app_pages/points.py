"""Điểm cầu xã: is every commune, ward and special zone connected, and which ones keep failing."""

import streamlit as st

from components.points import sections
from components.points.detail import point_detail_view
from components.points.edit import point_check_form
from components.points.systems import systems_table
from components.shared.page_header import freshness_caption
from components.shared.period_filter import selected_period
from data_access.accounts.permissions import EDIT, may
from data_access.core.database import NOW
from data_access.points import detail, figures
from data_access.probe.systems import system_board
from i18n import t
from ui.db import current
from ui.session import current_user

db = current()

code = st.query_params.get("point")
if code:
    found = db.timed(detail.point_by_code, code.strip()[:60], NOW)
    user = current_user()
    editor = (lambda d: point_check_form(d.state.code, user)) if may(user.role, EDIT) else None
    point_detail_view(found.value, code, found.read_at, editor=editor)
    st.stop()

period = selected_period()
read = db.timed(figures.point_figures, period.start, period.end, NOW)
fig, now = read.value, read.read_at
freshness_caption(now, t("points.scope_caption"))

st.subheader(t("points.section_now"))
sections.headline(fig, now)

st.subheader(t("points.section_board"))
kind, status = sections.board_filters()
sections.board(fig.board, now, kind, status)

st.subheader(t("points.section_map"))
sections.point_map(fig.board)

st.subheader(t("points.section_trouble"))
sections.trouble(fig.trouble)
sections.rates(fig.rates, period.start, period.end)

st.subheader(t("isys.section"))
systems_table(db.read(system_board, NOW))
