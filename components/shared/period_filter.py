"""The reporting-period filter every page shares: this week, month, quarter or year to date, last month,
last quarter, the first six months, the last 30 days, or two dates.

The choice travels in the URL (?period=quarter), so a chief can bookmark or
send a view; an unknown value in the URL falls back to the default with a
message. (Streamlit's own bind="query-params" writes the label, not the
code, so a link would depend on the language: components/url_state.py is used
instead.)
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.shared.url_state import adopt_from_url, choice_parser, publish_to_url
from data_access.core.periods import PERIOD_KINDS, Period, current_period, default_period
from i18n import DATE_INPUT_FORMAT, fmt_date, t
from ui import keys

_SELECTED = "_selected_period"
URL_PARAM = "period"


def period_filter(today: dt.date) -> Period:
    """Draw the filter; the chosen period is also kept for the page (`selected_period`)."""
    adopt_from_url(keys.PERIOD, URL_PARAM, choice_parser(PERIOD_KINDS))
    default = default_period(today)
    st.session_state.setdefault(keys.PERIOD, default)
    with st.container(horizontal=True, wrap=True, vertical_alignment="bottom"):
        kind = (
            st.segmented_control(
                t("period.label"),
                PERIOD_KINDS,
                required=True,
                format_func=lambda k: t(f"period.{k}"),
                key=keys.PERIOD,
            )
            or default
        )
        publish_to_url(URL_PARAM, kind)
        period = None
        if kind == "custom":
            picked = st.date_input(
                t("period.range"),
                value=(today.replace(day=1), today),
                max_value=today,
                format=DATE_INPUT_FORMAT,
                key=keys.PERIOD_RANGE,
                width=260,
            )
            if isinstance(picked, (tuple, list)) and len(picked) == 2:
                period = current_period("custom", today, picked[0], picked[1])
            else:
                st.caption(t("period.range_incomplete"))
        if period is None:
            period = current_period(default if kind == "custom" else kind, today)
    st.session_state[_SELECTED] = period
    return period


def selected_period() -> Period:
    return st.session_state[_SELECTED]


def period_caption(period: Period) -> str:
    return t("period.showing", start=fmt_date(period.start), end=fmt_date(period.end))
