"""Where and since when: the lead units with the most overdue tasks, the oldest overdue tasks, and the
month-by-month overdue count against the same months a year before. Every row is one tap from its tasks."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.shared.charts import build_pair_chart, draw
from components.shared.item_table import item_table
from components.tasks.table import task_table
from data_access.tasks.figures import MonthOverdue, UnitLoad
from data_access.tasks.lists import TaskRow
from i18n import fmt_int, fmt_percent, language, t
from ui import keys

TASKS_PAGE = "app_pages/tasks.py"


def stuck_units(loads: Sequence[UnitLoad]) -> None:
    """The lead units with the most overdue tasks; a tap lists that unit's overdue tasks."""
    st.markdown(f"**{t('overview.stuck_units')}**")
    if not loads:
        st.caption(t("tasks.no_overdue"))
        return
    frame = pd.DataFrame(
        {
            t("overview.col_unit"): [u.unit_name for u in loads],
            t("overview.col_overdue"): [u.overdue for u in loads],
            t("overview.col_share"): [f"{fmt_int(u.total)} ({fmt_percent(u.overdue_share)})" for u in loads],
        }
    )
    item_table(
        frame,
        [u.unit_code for u in loads],
        keys.OVERVIEW_UNITS_TABLE,
        "unit",
        page=TASKS_PAGE,
        extra_params={"scope": "all", "category": "open_overdue"},
        column_config={
            t("overview.col_unit"): st.column_config.TextColumn(width=260),
            t("overview.col_overdue"): st.column_config.NumberColumn(width=80),
            t("overview.col_share"): st.column_config.TextColumn(width=170),
        },
    )


def oldest_overdue(rows: Sequence[TaskRow]) -> None:
    st.markdown(f"**{t('overview.oldest')}**")
    if rows:
        task_table(rows, keys.OVERVIEW_OLDEST_TABLE, page=TASKS_PAGE)
    else:
        st.caption(t("tasks.no_overdue"))


def overdue_trend(months: Sequence[MonthOverdue]) -> None:
    """Overdue at each month's end, this year beside the same month a year before."""
    st.markdown(f"**{t('overview.trend')}**")
    now, before = t("overview.trend_now"), t("overview.trend_last_year")
    rows = [
        {"month": m.month.strftime("%m/%Y"), "series": label, "count": value}
        for m in months
        for label, value in ((now, m.overdue), (before, m.overdue_last_year))
    ]
    draw(
        build_pair_chart(
            rows, x="month", series="series", value="count", value_title=t("overview.col_overdue"), lang=language()
        ),
        width="stretch",
    )
    st.caption(t("overview.trend_hint"))
