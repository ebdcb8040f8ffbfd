"""A page's title with the time its figures were read ("Cập nhật lúc 14:30 28/08/2025")."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from i18n import fmt_datetime, t


def page_header(title: str, as_of: dt.datetime, subtitle: str | None = None) -> None:
    st.title(title)
    parts = [t("updated_at", time=fmt_datetime(as_of))]
    if subtitle:
        parts.insert(0, subtitle)
    st.caption(" · ".join(parts))
