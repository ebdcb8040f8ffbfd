"""Presentation mode: the headline views as slides for a conference hall (?mode=present).

The slide shown is derived from the clock (every `interval` seconds the next
one), so the show needs no state and never asks for input. `?slide=N` holds
one slide (the pause); `?interval=` and `?refresh=` set the pace. Figures are
read afresh every `refresh` seconds; if the database drops, the last figures
stay on screen with a discreet warning.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from components.documents.sections import volume_chart_of
from components.meetings.sections import calendar_chart
from components.overview.cards import document_cards, meeting_cards, point_card, task_cards
from components.points.sections import board_chart
from components.shared.kpi import Kpi, kpi_row
from components.shared.theme import presentation_style
from components.tasks.breakdowns import ranking_chart
from data_access.core.database import NOW
from data_access.core.errors import DatabaseProblem
from data_access.overview.slides import ShowFigures, show_figures
from i18n import fmt_datetime, fmt_int, t
from ui.db import current

SLIDES = ("overview", "tasks", "documents", "meetings", "points")
DEFAULT_INTERVAL, MIN_INTERVAL = 20, 3
DEFAULT_REFRESH, MIN_REFRESH = 60, 5
SHOW_FONT_SIZE = 22  # chart labels read from the back of a hall
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


def _figures(settings: ShowSettings) -> tuple[ShowFigures | None, bool]:
    """The freshest figures, or the last ones if the database is down (and whether they are stale)."""
    try:
        figures = current().timed(show_figures, NOW, bucket=int(time.time() // settings.refresh)).value
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
        st.altair_chart(ranking_chart(f.units, font_size=SHOW_FONT_SIZE), width="stretch")


def _documents(f: ShowFigures) -> None:
    kpi_row(document_cards(f.overview))
    if f.documents.series:
        st.altair_chart(volume_chart_of(f.documents, font_size=SHOW_FONT_SIZE), width="stretch")


def _meetings(f: ShowFigures) -> None:
    kpi_row(meeting_cards(f.overview) + [Kpi(t("meetings.kpi_online"), fmt_int(f.meetings.online_held))])
    with st.container(width=900):
        st.altair_chart(calendar_chart(f.meetings, f.month, font_size=SHOW_FONT_SIZE), width="stretch")


def _points(f: ShowFigures) -> None:
    c = f.points.counts
    kpi_row(
        [
            point_card(f.overview),
            Kpi(t("points.kpi_degraded"), fmt_int(c.degraded)),
            Kpi(t("points.kpi_disconnected"), fmt_int(c.disconnected)),
            Kpi(t("points.kpi_not_checked"), fmt_int(c.not_checked)),
        ]
    )
    st.altair_chart(board_chart(f.points.board, f.read_at, columns=9), width="stretch")


_DRAW = {"overview": _overview, "tasks": _tasks, "documents": _documents, "meetings": _meetings, "points": _points}


def run_show() -> None:
    presentation_style()
    settings = settings_from_url()

    @st.fragment(run_every=min(settings.interval, settings.refresh))
    def show() -> None:
        index = current_slide(settings, time.time())
        figures, stale = _figures(settings)
        if figures is None:
            st.warning(t("show.no_data"), icon=":material/cloud_off:")
            return
        name = SLIDES[index]
        st.title(t(f"show.{name}"))
        st.caption(
            f"{t('updated_at', time=fmt_datetime(figures.read_at))} · {t('show.slide', n=index + 1, total=len(SLIDES))}"
        )
        if stale:
            st.caption(t("show.stale"))
        _DRAW[name](figures)

    show()
