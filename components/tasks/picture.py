"""The status picture of the tasks page: the five categories and two rates, against cùng kỳ."""

from __future__ import annotations

import streamlit as st

from components.shared.kpi import Kpi, kpi_row
from data_access.tasks.figures import TaskCategoryCounts
from data_access.tasks.filters import TaskFilter
from i18n import fmt_date, fmt_int, fmt_percent, fmt_signed_decimal, fmt_signed_int, t

# Which way is good for each figure: more overdue is bad, more completed is good.
_DELTA_COLOURS = {
    "completed_on_time": "normal",
    "completed_late": "inverse",
    "open_in_time": "off",
    "open_overdue": "inverse",
    "no_deadline": "off",
}


def _rate_kpi(label: str, now: float | None, before: float | None, colour: str) -> Kpi:
    value = fmt_percent(now) if now is not None else t("kpi.no_value")
    delta = None
    if now is not None and before is not None:
        delta = t("tasks.points", value=fmt_signed_decimal((now - before) * 100, 1))
    return Kpi(label, value, delta, t("tasks.vs_last_year"), delta_color=colour)


def backlog_picture(counts: TaskCategoryCounts, backlog: TaskFilter) -> None:
    """What is still to do today, whenever it was assigned: overdue and open, with the share overdue."""
    st.caption(t("tasks.backlog_caption", as_of=fmt_date(backlog.as_of)))
    kpi_row(
        [
            Kpi(t("tasks.backlog_overdue"), fmt_int(counts.open_overdue), help=t("tasks.backlog_overdue_help")),
            Kpi(t("tasks.backlog_open"), fmt_int(counts.open_overdue + counts.open_in_time)),
        ]
    )


def task_picture(now: TaskCategoryCounts, last_year: TaskCategoryCounts, extended: int) -> None:
    cards = [
        Kpi(
            t("tasks.total"),
            fmt_int(now.total),
            fmt_signed_int(now.total - last_year.total),
            t("tasks.vs_last_year"),
            delta_color="off",
        )
    ]
    cards += [
        Kpi(
            t(f"category.{c}"),
            fmt_int(getattr(now, c)),
            fmt_signed_int(getattr(now, c) - getattr(last_year, c)),
            t("tasks.vs_last_year"),
            delta_color=colour,
        )
        for c, colour in _DELTA_COLOURS.items()
    ]
    cards += [
        _rate_kpi(t("tasks.completion_rate"), now.completion_rate, last_year.completion_rate, "normal"),
        _rate_kpi(t("tasks.overdue_share"), now.overdue_share, last_year.overdue_share, "inverse"),
        Kpi(t("tasks.extended_count"), fmt_int(extended), help=t("tasks.extended_count_help")),
    ]
    kpi_row(cards)
