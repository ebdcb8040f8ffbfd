"""One status palette for every badge, tile and chart: a state keeps its colour on every page.

Each tone has the colour drawn on charts and tiles, the colour of a Streamlit
badge, and the colour of text on it. States of tasks, documents, meetings and
commune points map to a tone; point statuses also carry a symbol that says the
same without colour (for colour-blind readers and grey projectors).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tone:
    hex: str  # charts and tiles
    badge: str  # st.badge colour name
    ink: str  # text drawn on the colour


GOOD = Tone("#1b7f3b", "green", "white")
WARNING = Tone("#f0b400", "orange", "#1a1a1a")
BAD = Tone("#b3261e", "red", "white")
INFO = Tone("#1f5fa8", "blue", "white")
NEUTRAL = Tone("#8a8a8a", "gray", "white")

STATE_TONES = {
    # tasks (their five categories)
    "open_overdue": BAD,
    "completed_late": WARNING,
    "open_in_time": INFO,
    "completed_on_time": GOOD,
    "cancelled": NEUTRAL,
    # incoming documents' processing
    "overdue": BAD,
    "late": WARNING,
    "on_time": GOOD,
    # meetings (cancelled as above)
    "held": GOOD,
    "planned": WARNING,
    # commune points
    "connected": GOOD,
    "degraded": WARNING,
    "disconnected": BAD,
    "not_checked": NEUTRAL,
}
POINT_SYMBOLS = {"connected": "✓", "degraded": "!", "disconnected": "✕", "not_checked": "?"}
POINT_STATUSES = tuple(POINT_SYMBOLS)  # the order of the board's legend and the map's


def tone(state: str | None) -> Tone:
    return STATE_TONES.get(state or "", NEUTRAL)


def badge_colour(state: str | None) -> str:
    return tone(state).badge
