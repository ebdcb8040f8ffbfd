"""The meetings page: headline load, the calendar heat map, weekly load by kind, what is
coming, and how the commune points joined the online meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.overview.cards import compared, versus
from components.shared.charts import FONT_SIZE, build_calendar_chart, build_stacked_chart, draw
from components.shared.item_table import fitted_height, item_table
from components.shared.kpi import Kpi, kpi_row
from components.shared.selection import chart_pick
from data_access.core.periods import Period, week_start
from data_access.meetings.figures import MeetingFigures, MeetingLoad, OnlineMeeting, PointAttendance
from data_access.meetings.lists import MeetingRow
from i18n import (
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_short_date,
    fmt_signed_decimal,
    fmt_signed_int,
    fmt_time_span,
    language,
    t,
)
from ui import keys


def headline(fig: MeetingFigures, load: MeetingLoad, previous: MeetingLoad, period: Period, before: Period) -> None:
    against = versus(period, before)
    per_day, per_day_before = load.per_working_day, previous.per_working_day
    kpi_row(
        [
            Kpi(
                t("meetings.kpi_total"),
                fmt_int(load.meetings),
                compared(period, fmt_signed_int(load.meetings - previous.meetings)),
                against,
                delta_color="off",
            ),
            Kpi(
                t("kpi.meetings_avg"),
                fmt_decimal(per_day) if per_day is not None else t("kpi.no_value"),
                compared(period, fmt_signed_decimal(per_day - per_day_before))
                if per_day is not None and per_day_before is not None
                else None,
                against,
                t("kpi.meetings_avg_help", meetings=fmt_int(load.meetings), days=fmt_int(load.working_days)),
                delta_color="off",
            ),
            Kpi(t("meetings.kpi_online"), fmt_int(fig.online_held), help=t("meetings.kpi_online_help")),
            Kpi(
                t("meetings.kpi_delegations"),
                fmt_int(fig.delegations),
            ),
        ]
    )


def _on_day_tap() -> None:
    picked = chart_pick(keys.MEETINGS_CALENDAR, "day")
    if picked:
        st.session_state[keys.MEETINGS_DAY] = picked["day"]


def calendar_chart(fig: MeetingFigures, period: Period, font_size: int = FONT_SIZE):
    """Every day of the period, a week a row, with its number of meetings."""
    counts = {d.day: d.count for d in fig.days}
    days = [period.start + dt.timedelta(days=i) for i in range(period.days)]
    weekdays = [t(f"weekday.{i}") for i in range(7)]
    rows = [
        {
            "day": d.isoformat(),
            "week": fmt_short_date(week_start(d)),
            "weekday": weekdays[d.weekday()],
            "count": counts.get(d, 0),
        }
        for d in days
    ]
    return build_calendar_chart(
        rows,
        day="day",
        week="week",
        weekday="weekday",
        value="count",
        weekday_order=weekdays,
        selection="day",
        lang=language(),
        font_size=font_size,
    )


def calendar(fig: MeetingFigures, period: Period) -> None:
    st.markdown(f"**{t('meetings.calendar')}**")
    chart = calendar_chart(fig, period)
    with st.container(width=520):
        draw(chart, key=keys.MEETINGS_CALENDAR, on_select=_on_day_tap, selection_mode="day", width="stretch")
    st.caption(t("meetings.calendar_hint"))


def weekly(fig: MeetingFigures) -> None:
    if not fig.weeks:
        return
    st.markdown(f"**{t('meetings.per_week')}**")
    rows = [
        {"week": fmt_short_date(w.week), "kind": w.kind, "kind_label": t(f"kind.{w.kind}"), "count": w.count}
        for w in fig.weeks
    ]
    draw(
        build_stacked_chart(
            rows,
            x="week",
            x_title=t("meetings.col_week"),
            value="count",
            group="kind",
            group_label="kind_label",
            value_title=t("meetings.col_count"),
            lang=language(),
        ),
        width="stretch",
    )


def by_kind(fig: MeetingFigures) -> None:
    """Meetings of the period by kind, online and in person."""
    if not fig.kinds:
        return
    st.markdown(f"**{t('meetings.by_kind')}**")
    st.dataframe(
        pd.DataFrame(
            {
                t("meeting.kind"): [t(f"kind.{k.kind}") for k in fig.kinds],
                t("mode.online"): [k.online for k in fig.kinds],
                t("mode.in_person"): [k.in_person for k in fig.kinds],
                t("meetings.col_count"): [k.online + k.in_person for k in fig.kinds],
            }
        ),
        height=fitted_height(len(fig.kinds)),
        hide_index=True,
        row_height=44,
        width="stretch",  # all four columns in the 320 px column, the total included
        column_config={
            t("meeting.kind"): st.column_config.TextColumn(width=110),
            t("mode.online"): st.column_config.NumberColumn(width=60),
            t("mode.in_person"): st.column_config.NumberColumn(width=60),
            t("meetings.col_count"): st.column_config.NumberColumn(width=60),
        },
    )


def busiest(fig: MeetingFigures) -> None:
    if not fig.busiest:
        return
    st.markdown(f"**{t('meetings.busiest')}**")
    st.markdown(
        "\n".join(f"- {t('meetings.busiest_item', day=fmt_date(d.day), count=fmt_int(d.count))}" for d in fig.busiest)
    )


def meeting_table(rows: Sequence[MeetingRow], key_prefix: str) -> None:
    col = {n: t(f"meetings.col_{n}") for n in ("time", "title", "place", "chair", "mode", "status")}
    frame = pd.DataFrame(
        {
            col["time"]: [fmt_time_span(m.starts_at, m.ends_at) for m in rows],
            col["title"]: [m.title for m in rows],
            col["mode"]: [t("mode.online") if m.is_online else t("mode.in_person") for m in rows],
            col["place"]: [m.location or "" for m in rows],
            col["chair"]: [m.chaired_by or "" for m in rows],
            col["status"]: [t(f"mstatus.{m.status}") for m in rows],
        }
    )
    item_table(
        frame,
        [str(m.id) for m in rows],
        key_prefix,
        "meeting",
        column_config={
            # every column in sight on a 768 px tablet in portrait (with the row box: 732 px)
            col["time"]: st.column_config.TextColumn(width=140, pinned=True),
            col["title"]: st.column_config.TextColumn(width=200),
            col["mode"]: st.column_config.TextColumn(width=85),
            col["place"]: st.column_config.TextColumn(width=110),
            col["chair"]: st.column_config.TextColumn(width=90),
            col["status"]: st.column_config.TextColumn(width=75),
        },
    )


def _close_day() -> None:
    st.session_state[keys.MEETINGS_DAY] = None


def day_list(day: dt.date, rows: Sequence[MeetingRow]) -> None:
    with st.container(horizontal=True, vertical_alignment="center"):
        st.markdown(f"**{t('meetings.day_list', day=fmt_date(day))}**")
        st.button(t("meetings.close_day"), icon=":material/close:", on_click=_close_day, key=keys.MEETING_DAY_CLOSE)
    if rows:
        meeting_table(rows, keys.MEETINGS_DAY_TABLE)
    else:
        st.caption(t("meetings.day_none", day=fmt_date(day)))


def online_table(rows: Sequence[OnlineMeeting], total: int) -> None:
    if not rows:
        st.caption(t("meetings.online_none"))
        return
    st.caption(t("meetings.online_count", shown=fmt_int(len(rows)), total=fmt_int(total)))
    col = {n: t(n) for n in ("meetings.col_date", "meetings.col_title", "join.connected", "join.failed", "join.absent")}
    frame = pd.DataFrame(
        {
            col["meetings.col_date"]: [fmt_time_span(m.starts_at) for m in rows],
            col["meetings.col_title"]: [m.title for m in rows],
            col["join.connected"]: [m.connected for m in rows],
            col["join.failed"]: [m.failed for m in rows],
            col["join.absent"]: [m.absent for m in rows],
        }
    )
    item_table(
        frame,
        [str(m.id) for m in rows],
        keys.MEETINGS_ONLINE_TABLE,
        "meeting",
        column_config={
            col["meetings.col_date"]: st.column_config.TextColumn(width=140, pinned=True),
            col["meetings.col_title"]: st.column_config.TextColumn(width=330),
        },
    )


def missed_table(rows: Sequence[PointAttendance]) -> None:
    """The points that missed most; a tap opens the point on the commune points page."""
    st.markdown(f"**{t('meetings.missed')}**")
    if not rows:
        st.caption(t("meetings.missed_none"))
        return
    frame = pd.DataFrame(
        {
            t("meetings.col_point"): [p.unit_name for p in rows],
            t("join.failed"): [p.failed for p in rows],
            t("join.absent"): [p.absent for p in rows],
            t("meetings.col_meetings"): [p.meetings for p in rows],
        }
    )
    item_table(
        frame,
        [p.unit_code for p in rows],
        keys.MEETINGS_MISSED_TABLE,
        "point",
        {t("meetings.col_point"): st.column_config.TextColumn(width=240)},
        page="app_pages/points.py",
    )
