"""Where tasks are stuck: lead units by overdue tasks, how long overdue, and by source.

A tap on a bar or a row sets the matching filter of the page, so the list
below shows the tasks behind it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import pandas as pd
import streamlit as st

from components.shared.charts import FONT_SIZE, build_bucket_chart, build_ranking_chart, draw
from components.shared.item_table import fitted_height
from components.shared.selection import chart_pick, table_pick
from data_access.tasks.figures import SourceLoad, UnitLoad
from data_access.tasks.filters import AGE_BUCKET_NAMES
from i18n import fmt_int, fmt_percent, language, t
from ui import keys


def _on_unit_tap() -> None:
    picked = chart_pick(keys.TASKS_UNIT_CHART, "unit")
    if picked:
        st.session_state[keys.TASKS_UNIT] = picked["unit_id"]
        st.session_state[keys.TASKS_CATEGORY] = "open_overdue"


def _on_age_tap() -> None:
    picked = chart_pick(keys.TASKS_AGE_CHART, "age")
    if picked:
        st.session_state[keys.TASKS_AGE] = picked["age"]


def _on_source_tap(sources: list[str]) -> None:
    source = table_pick(keys.TASKS_SOURCE_TABLE, sources)
    if source is not None:
        st.session_state[keys.TASKS_SOURCE] = source


def ranking_chart(loads: Sequence[UnitLoad], font_size: int = FONT_SIZE):
    """Lead units by open overdue tasks, each bar labelled "overdue / total (share)"."""
    rows = [
        {
            "unit_id": u.unit_id,
            "unit": u.unit_name,
            "overdue": u.overdue,
            "text": f"{fmt_int(u.overdue)} / {fmt_int(u.total)} ({fmt_percent(u.overdue_share)})",
        }
        for u in loads
    ]
    return build_ranking_chart(
        rows,
        label="unit",
        value="overdue",
        text="text",
        key="unit_id",
        selection="unit",
        value_title=t("tasks.col_overdue"),
        lang=language(),
        font_size=font_size,
    )


def unit_ranking(loads: Sequence[UnitLoad]) -> None:
    st.markdown(f"**{t('tasks.by_unit')}**")
    if not loads:
        st.caption(t("tasks.no_overdue"))
        return
    draw(
        ranking_chart(loads), key=keys.TASKS_UNIT_CHART, on_select=_on_unit_tap, selection_mode="unit", width="stretch"
    )
    st.caption(t("tasks.by_unit_hint"))


def overdue_ages(ages: dict[str, int]) -> None:
    st.markdown(f"**{t('tasks.by_age')}**")
    rows = [{"age": a, "label": t(f"age_short.{a}"), "count": ages.get(a, 0)} for a in AGE_BUCKET_NAMES]
    chart = build_bucket_chart(
        rows,
        label="label",
        value="count",
        key="age",
        selection="age",
        label_title=t("tasks.col_days_overdue"),
        value_title=t("tasks.col_count"),
        lang=language(),
    )
    draw(chart, key=keys.TASKS_AGE_CHART, on_select=_on_age_tap, selection_mode="age", width="stretch")
    st.caption(t("tasks.by_age_hint"))


def by_source(loads: Sequence[SourceLoad]) -> None:
    st.markdown(f"**{t('tasks.by_source')}**")
    loads = sorted(loads, key=lambda s: (-s.overdue, -s.total))
    frame = pd.DataFrame(
        {
            t("tasks.col_source"): [t(f"source.{s.source}") for s in loads],
            t("tasks.col_total"): [s.total for s in loads],
            t("tasks.col_completed"): [s.completed for s in loads],
            t("tasks.col_overdue"): [s.overdue for s in loads],
        }
    )
    st.dataframe(
        frame,
        height=fitted_height(len(frame)),
        hide_index=True,
        key=keys.TASKS_SOURCE_TABLE,
        on_select=partial(_on_source_tap, [s.source for s in loads]),
        selection_mode=["single-row", "single-cell"],
        row_height=44,
    )
