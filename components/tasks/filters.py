"""The filters of the tasks page: scope, lead unit, source, text, category and overdue age.

Each travels in the URL (?scope=all&unit=SO-TC&source=chairman&q=...&category=open_overdue&age=8-30)
so that a view can be sent; the charts set the same filters when tapped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import streamlit as st

from components.shared.url_state import adopt_from_url, choice_parser, publish_to_url
from data_access.core.periods import Period
from data_access.core.schema import TASK_SOURCES
from data_access.core.units import UnitChoice
from data_access.tasks.figures import TaskCategoryCounts
from data_access.tasks.filters import AGE_BUCKET_NAMES, FILTER_CATEGORIES, TaskFilter
from i18n import fmt_date, fmt_int, t
from ui import keys

SCOPES = ("period", "all")
_CLEARABLE = (keys.TASKS_UNIT, keys.TASKS_SOURCE, keys.TASKS_TEXT, keys.TASKS_CATEGORY, keys.TASKS_AGE)


def _clear_filters() -> None:
    for key in _CLEARABLE:
        st.session_state[key] = "" if key == keys.TASKS_TEXT else None


def task_filters(today: dt.date, period: Period, units: Sequence[UnitChoice]) -> TaskFilter:
    """Draw scope, unit, source and text; return the filter with category and age from their pills."""
    by_code = {u.code: u.id for u in units}
    names = {u.id: u.name for u in units}
    code_of = {u.id: u.code for u in units}
    adopt_from_url(keys.TASKS_SCOPE, "scope", choice_parser(SCOPES))
    adopt_from_url(keys.TASKS_UNIT, "unit", by_code.get)
    adopt_from_url(keys.TASKS_SOURCE, "source", choice_parser(TASK_SOURCES))
    adopt_from_url(keys.TASKS_TEXT, "q", lambda raw: raw[:100])
    adopt_from_url(keys.TASKS_CATEGORY, "category", choice_parser(FILTER_CATEGORIES))
    adopt_from_url(keys.TASKS_AGE, "age", choice_parser(AGE_BUCKET_NAMES))
    st.session_state.setdefault(keys.TASKS_SCOPE, "period")
    if st.session_state.get(keys.TASKS_UNIT) not in (None, *names):
        st.session_state[keys.TASKS_UNIT] = None  # a unit that no longer has tasks

    with st.container(horizontal=True, wrap=True, vertical_alignment="bottom"):
        scope = st.segmented_control(
            t("tasks.scope"), SCOPES, required=True, key=keys.TASKS_SCOPE, format_func=lambda s: t(f"tasks.scope.{s}")
        )
        unit_id = st.selectbox(
            t("tasks.filter_unit"),
            (None, *names),
            key=keys.TASKS_UNIT,
            width=300,
            format_func=lambda i: t("tasks.filter_all") if i is None else names[i],
        )
        source = st.selectbox(
            t("tasks.filter_source"),
            (None, *TASK_SOURCES),
            key=keys.TASKS_SOURCE,
            width=240,
            format_func=lambda s: t("tasks.filter_all") if s is None else t(f"source.{s}"),
        )
        text = st.text_input(
            t("tasks.filter_text"),
            key=keys.TASKS_TEXT,
            width=300,
            max_chars=100,
            placeholder=t("tasks.filter_text_placeholder"),
        )
        st.button(t("tasks.clear_filters"), on_click=_clear_filters, icon=":material/filter_alt_off:")
    publish_to_url("scope", None if scope == "period" else scope)
    publish_to_url("unit", code_of.get(unit_id))
    publish_to_url("source", source)
    publish_to_url("q", text.strip() or None)

    in_period = scope == "period"
    return TaskFilter(
        as_of=min(period.end, today) if in_period else today,
        assigned_from=period.start if in_period else None,
        assigned_to=period.end if in_period else None,
        category=st.session_state.get(keys.TASKS_CATEGORY),
        unit_id=unit_id,
        source=source,
        age=st.session_state.get(keys.TASKS_AGE),
        text=text.strip() or None,
    )


def category_pills(counts: TaskCategoryCounts) -> None:
    """The five categories with their counts: a tap lists the tasks of that category."""
    label = {c: f"{t('category.' + c)} · {fmt_int(getattr(counts, c))}" for c in FILTER_CATEGORIES}
    category = st.pills(t("tasks.filter_category"), FILTER_CATEGORIES, key=keys.TASKS_CATEGORY, format_func=label.get)
    publish_to_url("category", category)


def age_pills() -> None:
    age = st.pills(t("tasks.filter_age"), AGE_BUCKET_NAMES, key=keys.TASKS_AGE, format_func=lambda a: t(f"age.{a}"))
    publish_to_url("age", age)


def scope_caption(f: TaskFilter) -> str:
    if f.assigned_from is None:
        return t("tasks.scope_caption_all", as_of=fmt_date(f.as_of))
    return t(
        "tasks.scope_caption_period",
        start=fmt_date(f.assigned_from),
        end=fmt_date(f.assigned_to),
        as_of=fmt_date(f.as_of),
    )
