"""Điểm cầu xã: is every commune, ward and special zone connected, and which ones keep failing."""

import streamlit as st

from ui import db as cached_reads
from components.points import sections
from components.shared.page_header import freshness_caption
from components.shared.period_filter import selected_period
from components.points.detail import point_detail_view
from components.points.edit import point_check_form
from data_access.core.config import database_url
from data_access.core.engine import get_engine
from data_access.accounts.permissions import EDIT, may
from i18n import t
from ui.saving import current_user

url = database_url()

code = st.query_params.get("point")
if code:
    detail, now = cached_reads.point_detail(url, code.strip()[:60])
    user = current_user()
    editor = (lambda d: point_check_form(d.state.code, user, lambda: get_engine(url))) \
        if may(user.role, EDIT) else None
    point_detail_view(detail, code, now, editor=editor)
    st.stop()

period = selected_period()
fig, now = cached_reads.point_figures(url, period.start, period.end)
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
