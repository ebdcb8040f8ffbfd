"""Presentation mode: the headline views as slides for a conference hall (?mode=present).

The slide shown is derived from the clock (every `interval` seconds the next
one), so the show needs no state and never asks for input. `?slide=N` holds
one slide (the pause); `?interval=` and `?refresh=` set the pace. Figures are
read afresh every `refresh` seconds; if the database drops, the last figures
stay on screen with a discreet warning.

Every refresh checks the session first (`still_signed_in`, from app.py): a
display account's show keeps its session alive; any other account's show
ends at the idle limit; a disabled account or a reset password ends it at
once. Then the show says so discreetly and reads no more figures.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from components.documents.sections import volume_chart_of
from components.meetings.sections import calendar_chart
from components.overview.cards import document_cards, meeting_cards, point_card, task_cards
from components.points.sections import board_chart
from components.services.cards import headline_cards
from components.services.charts import late_units_chart
from components.shared.charts import draw
from components.shared.kpi import Kpi, kpi_row
from components.shared.theme import presentation_style
from components.tasks.breakdowns import ranking_chart
from data_access.core.database import NOW
from data_access.core.errors import DatabaseProblem
from data_access.overview.slides import ShowFigures, show_figures
from i18n import fmt_date, fmt_datetime, fmt_int, t
from ui import keys
from ui.db import current

SLIDES = ("overview", "tasks", "documents", "meetings", "points", "services")
DEFAULT_INTERVAL, MIN_INTERVAL = 20, 3
DEFAULT_REFRESH, MIN_REFRESH = 60, 5
SHOW_FONT_SIZE = 28  # every text on a slide, charts included: read from the back of a hall at 1920x1080
PROBLEM_TILES = 15  # the points slide names the points that need attention, five a row
_LAST = "_show_last_figures"
_POSITION = "_show_position"

# A presenter's clicker sends arrow or page keys; "b", "p" or "." pauses and resumes (most clickers' black-screen key).
CLICKER_JS = """
export default function(component) {
  const { setTriggerValue } = component;
  const actions = {ArrowRight: 'next', ArrowDown: 'next', PageDown: 'next', ' ': 'next',
                   ArrowLeft: 'prev', ArrowUp: 'prev', PageUp: 'prev', Home: 'first',
                   b: 'pause', B: 'pause', p: 'pause', P: 'pause', '.': 'pause'};
  if (window.__officeClicker) { document.removeEventListener('keydown', window.__officeClicker); }
  window.__officeClicker = (event) => {
    const action = actions[event.key];
    if (action && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      setTriggerValue('action', action);
    }
  };
  document.addEventListener('keydown', window.__officeClicker);
  return () => document.removeEventListener('keydown', window.__officeClicker);
}
"""
_clicker = st.components.v2.component("office_show_clicker", js=CLICKER_JS)


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


@dataclass(frozen=True)
class ShowPosition:
    """Where the show stands: `slide` since `since` (seconds); paused, it stays there."""

    slide: int
    since: float
    paused: bool

    def at(self, now: float, interval: int) -> int:
        if self.paused:
            return self.slide
        return (self.slide + int((now - self.since) // interval)) % len(SLIDES)

    def after(self, action: str, now: float, interval: int) -> ShowPosition:
        """The position after a clicker key: a step holds the new slide; pause toggles; first restarts."""
        current = self.at(now, interval)
        if action == "next":
            return ShowPosition((current + 1) % len(SLIDES), now, True)
        if action == "prev":
            return ShowPosition((current - 1) % len(SLIDES), now, True)
        if action == "first":
            return ShowPosition(0, now, False)
        if action == "pause":
            return ShowPosition(current, now, not self.paused)
        return self


def start_position(settings: ShowSettings, now: float) -> ShowPosition:
    """A show starts on the overview slide (or the one ?slide= holds, paused)."""
    if settings.held_slide is not None:
        return ShowPosition(settings.held_slide, now, True)
    return ShowPosition(0, now, False)


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
        draw(ranking_chart(f.units, font_size=SHOW_FONT_SIZE), width="stretch")


def _documents(f: ShowFigures) -> None:
    kpi_row(document_cards(f.overview))
    if f.documents.series:
        draw(volume_chart_of(f.documents, font_size=SHOW_FONT_SIZE), width="stretch")


def _meetings(f: ShowFigures) -> None:
    kpi_row(meeting_cards(f.overview) + [Kpi(t("meetings.kpi_online"), fmt_int(f.meetings.online_held))])
    with st.container(width=1400):
        draw(calendar_chart(f.meetings, f.month, font_size=SHOW_FONT_SIZE + 8), width="stretch")


def _points(f: ShowFigures) -> None:
    """The counts, then the points that need attention named in large tiles (102 tiles cannot be read at 10 m)."""
    c = f.points.counts
    kpi_row(
        [
            point_card(f.overview),
            Kpi(t("points.kpi_degraded"), fmt_int(c.degraded)),
            Kpi(t("points.kpi_disconnected"), fmt_int(c.disconnected)),
            Kpi(t("points.kpi_not_checked"), fmt_int(c.not_checked)),
        ]
    )
    attention = [p for p in f.points.board if p.status != "connected" or p.is_stale(f.read_at)]
    if not attention:
        st.caption(t("show.points_all_fine"))
        return
    st.caption(t("show.points_attention", count=fmt_int(len(attention))))
    shown = attention[:PROBLEM_TILES]
    draw(board_chart(shown, f.read_at, columns=5, font_size=SHOW_FONT_SIZE), width="stretch")
    if len(attention) > len(shown):
        st.caption(t("show.points_more", count=fmt_int(len(attention) - len(shown))))


def _services(f: ShowFigures) -> None:
    """The month's dossiers and the index now, then the units with the most late and overdue dossiers."""
    if f.services is None or not f.services.has_data:
        st.caption(t("services.index_none"))
        return
    kpi_row(headline_cards(f.services, f.month.comparable))
    if f.service_units:
        draw(late_units_chart(f.service_units, font_size=SHOW_FONT_SIZE), width="stretch")


_DRAW = {
    "overview": _overview,
    "tasks": _tasks,
    "documents": _documents,
    "meetings": _meetings,
    "points": _points,
    "services": _services,
}


def run_show(still_signed_in: Callable[[], object | None]) -> None:
    """`still_signed_in()`: the user if this browser's session is alive (raises DatabaseProblem if unknown)."""
    presentation_style()
    settings = settings_from_url()

    st.session_state.setdefault(_POSITION, start_position(settings, time.time()))

    def on_key() -> None:
        action = st.session_state[keys.SHOW_CLICKER].action
        if action:
            st.session_state[_POSITION] = st.session_state[_POSITION].after(action, time.time(), settings.interval)

    @st.fragment(run_every=min(settings.interval, settings.refresh))
    def show() -> None:
        _clicker(key=keys.SHOW_CLICKER, on_action_change=on_key)
        try:
            alive = still_signed_in() is not None
        except DatabaseProblem:  # the database decides; while it is down, the last figures stay
            alive = True
        if not alive:
            st.caption(t("show.session_ended"))
            return
        position = st.session_state[_POSITION]
        index = position.at(time.time(), settings.interval)
        figures, stale = _figures(settings)
        if figures is None:
            st.warning(t("show.no_data"), icon=":material/cloud_off:")
            return
        name = SLIDES[index]
        st.title(t(f"show.{name}"))
        paused = f" · {t('show.paused')}" if position.paused else ""
        span = f"{fmt_date(figures.month.start)} – {fmt_date(figures.month.end)}"
        st.caption(
            f"{span} · {t('updated_at', time=fmt_datetime(figures.read_at))} · "
            f"{t('show.slide', n=index + 1, total=len(SLIDES))}{paused}"
        )
        if stale:
            st.caption(t("show.stale"))
        _DRAW[name](figures)

    show()
