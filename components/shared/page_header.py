"""The line under a page's title: the period shown and when its figures were read
("01/11/2026 – 23/11/2026 · Cập nhật lúc 14:30 23/11/2026")."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from i18n import fmt_datetime, t


def freshness_caption(as_of: dt.datetime, subtitle: str | None = None) -> None:
    parts = [t("updated_at", time=fmt_datetime(as_of))]
    if subtitle:
        parts.insert(0, subtitle)
    st.caption(" · ".join(parts))
