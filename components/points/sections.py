"""The commune points page: the status now, the tile board, the map, and the trouble makers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.shared.charts import build_board_chart, build_point_map, build_rate_chart, convex_hull, draw
from components.shared.item_table import item_table
from components.shared.kpi import Kpi, kpi_row
from components.shared.palette import POINT_SYMBOLS, tone
from components.shared.selection import chart_pick
from components.shared.url_state import adopt_from_url, choice_parser, publish_to_url
from data_access.core.schema import POINT_KINDS
from data_access.points.figures import STATUS_ORDER, DailyRate, PointFigures, PointState, PointTrouble
from i18n import fmt_date, fmt_datetime, fmt_int, language, t
from ui import keys

BOARD_COLUMNS = 6


def ago(checked_at: dt.datetime | None, now: dt.datetime) -> str:
    """How long since a check, in words: 35 phút trước, 5 giờ trước, 3 ngày trước."""
    if checked_at is None:
        return t("ago.never")
    minutes = max(0, int((now - checked_at).total_seconds() // 60))
    if minutes < 60:
        return t("ago.minutes", n=fmt_int(minutes))
    if minutes < 48 * 60:
        return t("ago.hours", n=fmt_int(minutes // 60))
    return t("ago.days", n=fmt_int(minutes // (24 * 60)))


def headline(fig: PointFigures, now: dt.datetime) -> None:
    c = fig.counts
    of_total = t("points.of_total", total=fmt_int(c.total))
    stale = fig.stale(now)
    kpi_row(
        [
            Kpi(t("points.kpi_connected"), f"{fmt_int(c.connected)}/{fmt_int(c.total)}"),
            Kpi(t("points.kpi_degraded"), fmt_int(c.degraded), of_total, delta_arrow="off", delta_color="off"),
            Kpi(t("points.kpi_disconnected"), fmt_int(c.disconnected), of_total, delta_arrow="off", delta_color="off"),
            Kpi(t("points.kpi_not_checked"), fmt_int(c.not_checked), of_total, delta_arrow="off", delta_color="off"),
            Kpi(t("points.kpi_stale"), fmt_int(stale), of_total, delta_arrow="off", delta_color="off"),
        ]
    )
    checked = [p.checked_at for p in fig.board if p.checked_at is not None]
    if checked:
        st.caption(t("points.checked_range", oldest=fmt_datetime(min(checked)), newest=fmt_datetime(max(checked))))


def board_filters() -> tuple[str | None, str | None]:
    adopt_from_url(keys.POINTS_KIND, "kind", choice_parser(POINT_KINDS))
    adopt_from_url(keys.POINTS_STATUS, "status", choice_parser(STATUS_ORDER))
    with st.container(horizontal=True, wrap=True):
        kind = st.segmented_control(
            t("points.filter_kind"), POINT_KINDS, key=keys.POINTS_KIND, format_func=lambda k: t(f"pkind.{k}")
        )
        status = st.pills(
            t("points.filter_status"),
            STATUS_ORDER,
            key=keys.POINTS_STATUS,
            format_func=lambda s: f"{POINT_SYMBOLS[s]} {t('pstatus.' + s)}",
        )
    publish_to_url("kind", kind)
    publish_to_url("status", status)
    return kind, status


def _open_tapped(chart_key: str, selection: str) -> None:
    picked = chart_pick(chart_key, selection)
    if picked:
        st.query_params["point"] = picked["code"]


def short_name(point: PointState) -> str:
    """The name without its kind word ("Xã", "Phường", "Đặc khu"): the tile is small."""
    prefix = t(f"pkind.{point.kind}") + " "
    return point.name[len(prefix) :] if point.name.startswith(prefix) else point.name


def board_chart(points: Sequence[PointState], now: dt.datetime, columns: int = BOARD_COLUMNS, font_size: int = 12):
    """A tile per point: its symbol, its short name, how long since its last check (* if stale)."""
    rows = [
        {
            "code": p.code,
            "status": p.status,
            "status_label": t(f"pstatus.{p.status}"),
            "label": f"{POINT_SYMBOLS[p.status]} {short_name(p)}",
            "detail": ("* " if p.is_stale(now) else "") + ago(p.checked_at, now),
            "ink": tone(p.status).ink,
        }
        for p in points
    ]
    return build_board_chart(
        rows,
        code="code",
        status="status",
        status_label="status_label",
        label="label",
        detail="detail",
        columns=columns,
        selection="point",
        lang=language(),
        font_size=font_size,
    )


def board(points: Sequence[PointState], now: dt.datetime, kind: str | None, status: str | None) -> None:
    """The tiles of the points of that kind and status (None: all)."""
    points = [p for p in points if kind in (None, p.kind) and status in (None, p.status)]
    if not points:
        st.info(t("points.board_empty"))
        return
    draw(
        board_chart(points, now),
        key=keys.POINTS_BOARD,
        selection_mode="point",
        width="stretch",
        on_select=lambda: _open_tapped(keys.POINTS_BOARD, "point"),
    )
    st.caption(t("points.board_hint"))


def point_map(points: Sequence[PointState]) -> None:
    located = [p for p in points if p.latitude is not None and p.longitude is not None]
    located.sort(key=lambda p: p.status != "connected")  # the points in trouble drawn last, on top
    if not located:
        return
    rows = [
        {
            "code": p.code,
            "name": p.name,
            "status": p.status,
            "status_label": t(f"pstatus.{p.status}"),
            "label": short_name(p),  # drawn only for the tapped point
            "latitude": p.latitude,
            "longitude": p.longitude,
        }
        for p in located
    ]
    chart = build_point_map(
        rows,
        code="code",
        status="status",
        status_label="status_label",
        name="name",
        label="label",
        selection="point",
        lang=language(),
        # the province's outline: the hull of its mainland communes and wards (islands stand apart at sea)
        outline=convex_hull([(p.longitude, p.latitude) for p in located if p.kind != "special_zone"]),
    )
    draw(
        chart,
        key=keys.POINTS_MAP,
        selection_mode="point",
        width="stretch",
        on_select=lambda: _open_tapped(keys.POINTS_MAP, "point"),
    )
    st.caption(t("points.map_hint"))


def trouble(rows: Sequence[PointTrouble]) -> None:
    if not rows:
        st.caption(t("points.trouble_none"))
        return
    col = {n: t(f"points.col_{n}") for n in ("point", "failed_checks", "missed", "total")}
    frame = pd.DataFrame(
        {
            col["point"]: [p.name for p in rows],
            col["failed_checks"]: [p.failed_checks for p in rows],
            col["missed"]: [p.missed_meetings for p in rows],
            col["total"]: [p.total for p in rows],
        }
    )
    item_table(
        frame,
        [p.code for p in rows],
        keys.POINTS_TROUBLE_TABLE,
        "point",
        {col["point"]: st.column_config.TextColumn(width=240, pinned=True)},
    )


def rates(days: Sequence[DailyRate], start: dt.date, end: dt.date) -> None:
    if not days:
        return
    st.markdown(f"**{t('points.rate_chart', start=fmt_date(start), end=fmt_date(end))}**")
    rows = [{"day": d.day.isoformat(), "rate": round(d.rate * 100, 1)} for d in days]
    draw(
        build_rate_chart(
            rows,
            day="day",
            rate="rate",
            day_title=t("points.col_day"),
            rate_title=t("points.col_rate"),
            lang=language(),
        ),
        width="stretch",
    )
