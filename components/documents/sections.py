"""The documents page above its list: headline figures, volumes, kinds and processing.

Every bar and row can be tapped: it sets the page's filters so that the list
below shows the documents behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

import pandas as pd
import streamlit as st

from components.overview.cards import compared, versus
from components.shared.charts import (
    FONT_SIZE,
    NEUTRAL,
    build_bucket_chart,
    build_ranking_chart,
    build_volume_chart,
    draw,
)
from components.shared.item_table import fitted_height
from components.shared.kpi import Kpi, kpi_row
from components.shared.selection import chart_pick, table_pick
from data_access.core.periods import Period
from data_access.documents.figures import DocumentFigures, Share, UnitProcessing, bucket_end
from data_access.documents.filters import DocumentFilter
from i18n import fmt_date, fmt_int, fmt_percent, fmt_short_date, fmt_signed_int, language, t
from ui import keys

MIN_PERCENT_BASE = 20  # a percentage of fewer documents than this says nothing (+189 on 9 is not "2.100%")


def _change(now: int, before: int) -> str:
    text = fmt_signed_int(now - before)
    return f"{text}; {fmt_percent((now - before) / before)}" if before >= MIN_PERCENT_BASE else text


def headline(
    fig: DocumentFigures, f: DocumentFilter, period: Period, previous: Period, last_year: Period, today: dt.date
) -> None:
    against = versus(period, previous)
    p = fig.processing
    kpi_row(
        [
            Kpi(
                t("kpi.docs_in"),
                fmt_int(fig.volume.incoming),
                compared(period, _change(fig.volume.incoming, fig.previous.incoming)),
                against,
                delta_color="off",
            ),
            Kpi(
                t("kpi.docs_out"),
                fmt_int(fig.volume.outgoing),
                compared(period, _change(fig.volume.outgoing, fig.previous.outgoing)),
                against,
                delta_color="off",
            ),
            Kpi(
                t("docs.kpi_signed"),
                fmt_percent(fig.signed.share) if fig.signed.share is not None else t("kpi.no_value"),
                help=t("docs.kpi_signed_help", signed=fmt_int(fig.signed.signed), total=fmt_int(fig.signed.total)),
            ),
            Kpi(
                t("docs.kpi_on_time"),
                fmt_percent(p.on_time_share) if p.on_time_share is not None else t("kpi.no_value"),
                help=t("docs.kpi_on_time_help", on_time=fmt_int(p.on_time), late=fmt_int(p.late)),
            ),
            Kpi(
                t("docs.kpi_overdue"),
                fmt_int(fig.backlog_overdue),
                t("docs.kpi_overdue_in_period", count=fmt_int(p.overdue)),
                delta_color="off",
                delta_arrow="off",
                help=t("docs.kpi_overdue_help", date=fmt_date(today)),
            ),
        ]
    )
    st.caption(
        t(
            "docs.last_year",
            start=fmt_date(last_year.start),
            end=fmt_date(last_year.end),
            incoming=fmt_int(fig.last_year.incoming),
            incoming_change=_change(fig.volume.incoming, fig.last_year.incoming),
            outgoing=fmt_int(fig.last_year.outgoing),
            outgoing_change=_change(fig.volume.outgoing, fig.last_year.outgoing),
        )
    )


def _on_volume_tap(grain: str) -> None:
    picked = chart_pick(keys.DOCS_VOLUME_CHART, "bucket")
    if picked:
        start = pd.Timestamp(picked["start"]).date()
        st.session_state[keys.DOCS_BUCKET] = (start.isoformat(), bucket_end(start, grain).isoformat())
        st.session_state[keys.DOCS_DIRECTION] = picked["direction"]


def volume_chart_of(fig: DocumentFigures, font_size: int = FONT_SIZE):
    """Incoming and outgoing per day, week or month of the figures' period."""
    fmt = fmt_short_date if fig.grain != "month" else (lambda d: d.strftime("%m/%Y"))
    rows = [
        {
            "start": p.start.isoformat(),
            "label": fmt(p.start),
            "direction": p.direction,
            "direction_label": t(f"direction.short.{p.direction}"),
            "count": p.count,
        }
        for p in fig.series
    ]
    return build_volume_chart(
        rows,
        bucket="start",
        label="label",
        direction="direction",
        direction_label="direction_label",
        value="count",
        selection="bucket",
        value_title=t("docs.col_count"),
        lang=language(),
        font_size=font_size,
    )


def volume_chart(fig: DocumentFigures) -> None:
    grain = t(f"grain.{fig.grain}")
    st.markdown(f"**{t('docs.volume_chart', grain=grain)}**")
    draw(
        volume_chart_of(fig),
        key=keys.DOCS_VOLUME_CHART,
        on_select=partial(_on_volume_tap, fig.grain),
        selection_mode="bucket",
        width="stretch",
    )
    st.caption(t("docs.volume_hint", grain=grain))


def _on_type_tap() -> None:
    picked = chart_pick(keys.DOCS_TYPE_CHART, "type")
    if picked:
        st.session_state[keys.DOCS_TYPE] = picked["key"]


def _on_urgency_tap() -> None:
    picked = chart_pick(keys.DOCS_URGENCY_CHART, "urgency")
    if picked:
        st.session_state[keys.DOCS_URGENCY] = picked["key"]


def _on_issuer_tap(issuers: list[str]) -> None:
    issuer = table_pick(keys.DOCS_ISSUER_TABLE, issuers)
    if issuer is not None:
        st.session_state[keys.DOCS_ISSUER] = issuer
        st.session_state[keys.DOCS_DIRECTION] = "incoming"


def _share_text(s: Share) -> str:
    return (
        f"{fmt_int(s.total)} ({t('direction.short.incoming')} {fmt_int(s.incoming)} · "
        f"{t('direction.short.outgoing')} {fmt_int(s.outgoing)})"
    )


def kinds(fig: DocumentFigures) -> None:
    st.markdown(f"**{t('docs.by_type')}**")
    types = [{"key": s.key, "total": s.total, "text": _share_text(s)} for s in fig.types]
    if types:
        draw(
            build_ranking_chart(
                types,
                label="key",
                value="total",
                text="text",
                key="key",
                selection="type",
                value_title=t("docs.col_count"),
                lang=language(),
                colour=NEUTRAL,
            ),
            key=keys.DOCS_TYPE_CHART,
            on_select=_on_type_tap,
            selection_mode="type",
            width="stretch",
        )
    with st.container(horizontal=True, wrap=True, gap="large"):
        with st.container(width=340):
            st.markdown(f"**{t('docs.by_urgency')}**")
            urgency = [{"key": s.key, "label": t(f"urgency.{s.key}"), "total": s.total} for s in fig.urgencies]
            if urgency:
                draw(
                    build_bucket_chart(
                        urgency,
                        label="label",
                        value="total",
                        key="key",
                        selection="urgency",
                        label_title=None,
                        value_title=t("docs.col_count"),
                        lang=language(),
                        colour=NEUTRAL,
                    ),
                    key=keys.DOCS_URGENCY_CHART,
                    on_select=_on_urgency_tap,
                    selection_mode="urgency",
                    width="stretch",
                )
        with st.container(width=420):
            st.markdown(f"**{t('docs.by_issuer')}**")
            issuers = list(fig.issuers)
            st.dataframe(
                pd.DataFrame(
                    {t("docs.col_issuer"): [s.key for s in issuers], t("docs.col_count"): [s.incoming for s in issuers]}
                ),
                height=fitted_height(len(issuers)),
                hide_index=True,
                key=keys.DOCS_ISSUER_TABLE,
                selection_mode=["single-row", "single-cell"],
                on_select=partial(_on_issuer_tap, [s.key for s in issuers]),
                row_height=44,
            )
    st.caption(t("docs.kinds_hint"))


def _on_unit_tap(unit_ids: list[int]) -> None:
    unit_id = table_pick(keys.DOCS_UNIT_TABLE, unit_ids)
    if unit_id is not None:
        st.session_state[keys.DOCS_UNIT] = unit_id
        st.session_state[keys.DOCS_DIRECTION] = "incoming"


def processing(units: Sequence[UnitProcessing]) -> None:
    st.markdown(f"**{t('docs.by_unit')}**")
    frame = pd.DataFrame(
        {
            t("docs.col_unit"): [u.unit_name for u in units],
            t("docs.col_total"): [u.total for u in units],
            t("state.on_time"): [u.on_time for u in units],
            t("state.late"): [u.late for u in units],
            t("state.overdue"): [u.overdue for u in units],
        }
    )
    st.dataframe(
        frame,
        height=fitted_height(len(frame)),
        hide_index=True,
        key=keys.DOCS_UNIT_TABLE,
        selection_mode=["single-row", "single-cell"],
        on_select=partial(_on_unit_tap, [u.unit_id for u in units]),
        row_height=44,
        column_config={t("docs.col_unit"): st.column_config.TextColumn(width=260)},
    )
