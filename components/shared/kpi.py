"""KPI cards: one headline figure with its comparison, in a row that wraps on narrow screens."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import streamlit as st


@dataclass(frozen=True)
class Kpi:
    label: str
    value: str
    delta: str | None = None  # signed text, e.g. "+12"; its sign picks the arrow
    delta_description: str | None = None
    help: str | None = None
    chart: Sequence[float] | None = None
    # "inverse" where up is bad (overdue tasks); "off" where up is neither good nor bad
    delta_color: Literal["normal", "inverse", "off"] = "normal"
    delta_arrow: Literal["auto", "up", "down", "off"] = "auto"


MIN_SPARK_POINTS = 3  # fewer bars than this say nothing about a trend


def is_zero_change(delta: str | None) -> bool:
    """A change of nothing ("0", "+0", "0,00", "0; 0,0%"): drawn neutral, without an arrow or a colour."""
    if not delta:
        return False
    head = delta.split(";")[0].strip().lstrip("+-").replace(".", "").replace(",", ".")
    try:
        return float(head) == 0
    except ValueError:
        return False


def kpi_row(kpis: Sequence[Kpi]) -> None:
    """The cards side by side; on a narrow screen they wrap to the next line instead of squeezing."""
    with st.container(horizontal=True, wrap=True, gap="small"):
        for kpi in kpis:
            zero = is_zero_change(kpi.delta)
            chart = kpi.chart if kpi.chart is not None and len(kpi.chart) >= MIN_SPARK_POINTS else None
            st.metric(
                kpi.label,
                kpi.value,
                kpi.delta,
                delta_color="off" if zero else kpi.delta_color,
                delta_description=kpi.delta_description,
                help=kpi.help,
                border=True,
                chart_data=chart,
                chart_type="bar",
                delta_arrow="off" if zero else kpi.delta_arrow,
                width="stretch",
            )
