"""Tổng quan: the figures a chief of office asks for first."""

import streamlit as st

import cached_reads
from components.kpi import Kpi, kpi_row
from components.page_header import freshness_caption
from components.period_filter import period_caption, selected_period
from data_access.config import database_url
from i18n import fmt_date, fmt_decimal, fmt_int, fmt_short_date, fmt_signed_decimal, fmt_signed_int, t

period = selected_period()
f = cached_reads.overview(database_url(), period.kind, period.start, period.end)
previous = t("kpi.vs_previous", start=fmt_short_date(f.previous.start), end=fmt_short_date(f.previous.end))
docs_help = t("kpi.docs_help", start=fmt_date(period.start), end=fmt_date(period.end))

freshness_caption(f.as_of, period_caption(period))

st.subheader(t("overview.section_tasks"))
kpi_row([
    Kpi(t("kpi.overdue"), fmt_int(f.overdue.overdue_now), fmt_signed_int(f.overdue.change),
        t("kpi.overdue_delta"), t("kpi.overdue_help"), delta_color="inverse"),
    Kpi(t("kpi.due_soon"), fmt_int(f.overdue.due_next_7_days),
        t("kpi.due_soon_delta", start=fmt_short_date(f.due_soon_from), end=fmt_short_date(f.due_soon_to)),
        None, t("kpi.due_soon_help"), delta_color="off", delta_arrow="off"),
])
st.page_link("app_pages/tasks.py", label=t("overview.see_overdue"), icon=":material/arrow_forward:",
             query_params={"scope": "all", "category": "open_overdue"})

st.subheader(t("overview.section_documents"))
kpi_row([
    Kpi(t("kpi.docs_in"), fmt_int(f.documents.incoming), fmt_signed_int(f.incoming_change), previous,
        docs_help, chart=f.documents_trend["incoming"], delta_color="off"),
    Kpi(t("kpi.docs_out"), fmt_int(f.documents.outgoing), fmt_signed_int(f.outgoing_change), previous,
        docs_help, chart=f.documents_trend["outgoing"], delta_color="off"),
])

st.subheader(t("overview.section_meetings"))
kpi_row([
    Kpi(t("kpi.meetings_week"), fmt_int(f.week_meetings.total), fmt_signed_int(f.week_meetings.change),
        t("kpi.meetings_week_delta"), t("kpi.meetings_week_help", upcoming=fmt_int(f.week_meetings.upcoming)),
        delta_color="off"),
    Kpi(t("kpi.meetings_avg"),
        fmt_decimal(f.meeting_load.per_working_day) if f.meeting_load.per_working_day is not None else t("kpi.no_value"),
        fmt_signed_decimal(f.meetings_per_day_change) if f.meetings_per_day_change is not None else None,
        previous, t("kpi.meetings_avg_help", meetings=fmt_int(f.meeting_load.meetings),
                    days=fmt_int(f.meeting_load.working_days)), delta_color="off"),
    Kpi(t("kpi.points"),
        t("kpi.points_value", connected=fmt_int(f.points_now.connected), total=fmt_int(f.points_now.total)),
        fmt_signed_int(f.points_connected_change), t("kpi.points_delta"),
        t("kpi.points_help", degraded=fmt_int(f.points_now.degraded),
          disconnected=fmt_int(f.points_now.disconnected), not_checked=fmt_int(f.points_now.not_checked))),
])
