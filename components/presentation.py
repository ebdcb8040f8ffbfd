"""Presentation mode: the headline views as slides for a conference hall (?mode=present).

The slide shown is derived from the clock (every `interval` seconds the next
one), so the show needs no state and never asks for input. `?slide=N` holds
one slide (the pause); `?interval=` and `?refresh=` set the pace. Figures are
read afresh every `refresh` seconds; if the database drops, the last figures
stay on screen with a discreet warning.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

import pandas as pd
import streamlit as st

import cached_reads
from components.charts import build_board_chart, build_calendar_chart, build_ranking_chart, build_volume_chart
from components.kpi import Kpi, kpi_row
from components.overview_cards import document_cards, meeting_cards, point_card, task_cards
from components.charts import POINT_STATUS_STYLE
from components.point_sections import ago, short_name
from components.theme import presentation_style
from data_access.errors import DatabaseProblem
from data_access.periods import week_start
from data_access.presentation import ShowFigures
from i18n import fmt_datetime, fmt_int, fmt_percent, fmt_short_date, language, t

SLIDES = ("overview", "tasks", "documents", "meetings", "points")
DEFAULT_INTERVAL, MIN_INTERVAL = 20, 3
DEFAULT_REFRESH, MIN_REFRESH = 60, 5
_LAST = "_show_last_figures"


@dataclass(frozen=True)
class ShowSettings:
    interval: int
    refresh: int
    held_slide: int | None  # 0-based; None: the slides advance


def _int_param(name: str, default: int, low: int, high: int) -> int:
    raw = st.query_params.get(name, "")
    return min(high, max(low, int(raw))) if raw.isdigit() else default


def settings_from_url() -> ShowSettings:
    held = st.query_params.get("slide", "")
    return ShowSettings(
        interval=_int_param("interval", DEFAULT_INTERVAL, MIN_INTERVAL, 3600),
        refresh=_int_param("refresh", DEFAULT_REFRESH, MIN_REFRESH, 3600),
        held_slide=(int(held) - 1) % len(SLIDES) if held.isdigit() and int(held) > 0 else None,
    )


def current_slide(settings: ShowSettings, now: float) -> int:
    if settings.held_slide is not None:
        return settings.held_slide
    return int(now // settings.interval) % len(SLIDES)


def _figures(url: str, settings: ShowSettings) -> tuple[ShowFigures | None, bool]:
    """The freshest figures, or the last ones if the database is down (and whether they are stale)."""
    try:
        figures = cached_reads.presentation_figures(url, int(time.time() // settings.refresh))
        st.session_state[_LAST] = figures
        return figures, False
    except DatabaseProblem:
        return st.session_state.get(_LAST), True


def _overview(f: ShowFigures) -> None:
    kpi_row(task_cards(f.overview) + [point_card(f.overview)])
    kpi_row(document_cards(f.overview) + meeting_cards(f.overview))


def _tasks(f: ShowFigures) -> None:
    kpi_row(task_cards(f.overview))
    if f.units:
        frame = pd.DataFrame({"unit_id": [u.unit_id for u in f.units], "unit": [u.unit_name for u in f.units],
                              "overdue": [u.overdue for u in f.units],
                              "text": [f"{fmt_int(u.overdue)} / {fmt_int(u.total)} ({fmt_percent(u.overdue_share)})"
                                       for u in f.units]})
        st.altair_chart(build_ranking_chart(frame, label="unit", value="overdue", text="text", key="unit_id",
                                            selection="unit", value_title=t("tasks.col_overdue"),
                                            lang=language(), font_size=22), width="stretch")


def _documents(f: ShowFigures) -> None:
    kpi_row(document_cards(f.overview))
    d = f.documents
    fmt = fmt_short_date if d.grain != "month" else (lambda day: day.strftime("%m/%Y"))
    frame = pd.DataFrame({"start": [p.start.isoformat() for p in d.series], "label": [fmt(p.start) for p in d.series],
                          "direction": [p.direction for p in d.series],
                          "direction_label": [t(f"direction.short.{p.direction}") for p in d.series],
                          "count": [p.count for p in d.series]})
    if not frame.empty:
        st.altair_chart(build_volume_chart(frame, bucket="start", label="label", direction="direction",
                                           direction_label="direction_label", value="count", selection="bucket",
                                           value_title=t("docs.col_count"), lang=language(), font_size=20),
                        width="stretch")


def _meetings(f: ShowFigures) -> None:
    kpi_row(meeting_cards(f.overview) + [
        Kpi(t("meetings.kpi_online"), fmt_int(sum(k.online for k in f.meetings.kinds)))])
    counts = {d.day: d.count for d in f.meetings.days}
    days = [f.month.start + dt.timedelta(days=i) for i in range(f.month.days)]
    weekdays = [t(f"weekday.{i}") for i in range(7)]
    frame = pd.DataFrame({"day": [d.isoformat() for d in days], "week": [fmt_short_date(week_start(d)) for d in days],
                          "weekday": [weekdays[d.weekday()] for d in days],
                          "count": [counts.get(d, 0) for d in days]})
    with st.container(width=900):
        st.altair_chart(build_calendar_chart(frame, day="day", week="week", weekday="weekday", value="count",
                                             weekday_order=weekdays, selection="day", lang=language(),
                                             font_size=22), width="stretch")


def _points(f: ShowFigures) -> None:
    c = f.points.counts
    kpi_row([point_card(f.overview),
             Kpi(t("points.kpi_degraded"), fmt_int(c.degraded)), Kpi(t("points.kpi_disconnected"), fmt_int(c.disconnected)),
             Kpi(t("points.kpi_not_checked"), fmt_int(c.not_checked))])
    now = f.read_at
    points = f.points.board
    frame = pd.DataFrame({"code": [p.code for p in points], "status": [p.status for p in points],
                          "status_label": [t(f"pstatus.{p.status}") for p in points],
                          "label": [f"{POINT_STATUS_STYLE[p.status][1]} {short_name(p)}" for p in points],
                          "detail": [("* " if p.is_stale(now) else "") + ago(p.checked_at, now) for p in points],
                          "ink": [POINT_STATUS_STYLE[p.status][2] for p in points]})
    st.altair_chart(build_board_chart(frame, code="code", status="status", status_label="status_label", label="label",
                                      detail="detail", columns=9, selection="point", lang=language()),
                    width="stretch")


_DRAW = {"overview": _overview, "tasks": _tasks, "documents": _documents, "meetings": _meetings, "points": _points}


def run_show(url: str) -> None:
    presentation_style()
    settings = settings_from_url()

    @st.fragment(run_every=min(settings.interval, settings.refresh))
    def show() -> None:
        index = current_slide(settings, time.time())
        figures, stale = _figures(url, settings)
        if figures is None:
            st.warning(t("show.no_data"), icon=":material/cloud_off:")
            return
        name = SLIDES[index]
        st.title(t(f"show.{name}"))
        st.caption(f"{t('updated_at', time=fmt_datetime(figures.read_at))} · "
                   f"{t('show.slide', n=index + 1, total=len(SLIDES))}")
        if stale:
            st.caption(t("show.stale"))
        _DRAW[name](figures)

    show()
