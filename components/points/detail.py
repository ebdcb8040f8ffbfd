"""One commune point in full, opened by /points?point=<unit code>."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from components.points.sections import ago
from components.shared.detail_frame import back_button, field, share_link
from components.shared.item_table import item_table
from components.shared.palette import POINT_SYMBOLS, badge_colour
from data_access.points.detail import HISTORY_LIMIT, PointDetail
from i18n import fmt_datetime, fmt_decimal, fmt_int, fmt_time_span, t
from ui import keys
from ui.display import plain_md
from ui.language import with_language


def point_detail_view(
    detail: PointDetail | None, code: str, now, editor: Callable[[PointDetail], None] | None = None
) -> None:
    """The point in full; `editor` draws the check form for roles that may write, above its history."""
    back_button(t("point.back"), "point", keys.POINT_BACK)
    if detail is None:
        st.warning(t("point.not_found", code=plain_md(code[:60])), icon=":material/search_off:")
        return
    p = detail.state
    st.subheader(plain_md(p.name))
    with st.container(horizontal=True, wrap=True):
        st.badge(f"{POINT_SYMBOLS[p.status]} {t('pstatus.' + p.status)}", color=badge_colour(p.status))
        if p.is_stale(now):
            st.badge(f"* {t('points.kpi_stale')}", color=badge_colour("degraded"))
    with st.container(horizontal=True, wrap=True, gap="small"):
        field(t("point.kind"), t(f"pkind.{p.kind}"))
        field(
            t("point.last_check"),
            f"{fmt_datetime(p.checked_at)} ({ago(p.checked_at, now)})" if p.checked_at else t("ago.never"),
        )
        field(
            t("point.coordinates"),
            t("point.coordinates_value", lat=fmt_decimal(p.latitude, 4), lon=fmt_decimal(p.longitude, 4))
            if p.latitude is not None and p.longitude is not None
            else t("point.no_coordinates"),
        )

    st.page_link(  # the commune's whole picture: its tasks, documents, dossiers and index
        "app_pages/units.py",
        label=t("services.open_unit", name=plain_md(p.name)),
        query_params=with_language({"unit": p.code}),
        icon=":material/apartment:",
    )
    if editor:
        editor(detail)
    st.markdown(f"#### {t('point.checks', limit=fmt_int(HISTORY_LIMIT))}")
    if detail.checks:
        st.dataframe(
            pd.DataFrame(
                {
                    t("point.col_time"): [fmt_datetime(c.checked_at) for c in detail.checks],
                    t("point.col_status"): [
                        f"{POINT_SYMBOLS[c.status]} {t('pstatus.' + c.status)}" for c in detail.checks
                    ],
                    t("point.col_note"): [c.note or "" for c in detail.checks],
                }
            ),
            hide_index=True,
            key=keys.POINT_CHECKS_TABLE,
            row_height=40,
            height=320,
        )
    else:
        st.caption(t("point.checks_none"))

    st.markdown(f"#### {t('point.meetings')}")
    if detail.meetings:
        frame = pd.DataFrame(
            {
                t("meetings.col_date"): [fmt_time_span(m.starts_at) for m in detail.meetings],
                t("meetings.col_title"): [m.title for m in detail.meetings],
                t("point.col_status"): [t(f"join.{m.status}") for m in detail.meetings],
            }
        )
        item_table(
            frame,
            [str(m.meeting_id) for m in detail.meetings],
            keys.POINT_MEETINGS_TABLE,
            "meeting",
            {t("meetings.col_title"): st.column_config.TextColumn(width=320)},
            page="app_pages/meetings.py",
        )
    else:
        st.caption(t("point.meetings_none"))
    share_link(t("point.link"), "point", str(p.code), "/points")
