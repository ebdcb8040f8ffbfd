"""The blocks of /units: the sortable ranking, and a unit's tasks, documents, dossiers, index and point."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.points.sections import ago
from components.shared.item_table import item_table
from components.shared.kpi import Kpi, kpi_row
from components.shared.palette import POINT_SYMBOLS
from components.shared.url_state import adopt_from_url, choice_parser, publish_to_url
from components.tasks.table import task_table
from data_access.overview.units import DEFAULT_SORT, SORTS, DocumentsToProcess, MissedMeeting, UnitStanding
from data_access.points.detail import PointDetail
from data_access.tasks.figures import TaskCategoryCounts
from data_access.tasks.lists import TaskPage
from i18n import fmt_datetime, fmt_decimal, fmt_int, fmt_time_span, t
from ui import keys
from ui.language import with_language

TASKS_PAGE = "app_pages/tasks.py"
POINTS_PAGE = "app_pages/points.py"


def sort_choice() -> str:
    """The ranking's order, kept in the URL (?sort=)."""
    adopt_from_url(keys.UNITS_SORT, "sort", choice_parser(SORTS))
    sort = st.segmented_control(
        t("units.sort"), SORTS, key=keys.UNITS_SORT, default=DEFAULT_SORT, format_func=lambda s: t(f"units.sort_{s}")
    )
    sort = sort or DEFAULT_SORT
    publish_to_url("sort", None if sort == DEFAULT_SORT else sort)
    return sort


def _percent(rate: float | None) -> str:
    """As people read it (95,5); a dash where nothing was completed or resolved (a cell never says None)."""
    return "–" if rate is None else fmt_decimal(rate * 100, 1)


def ranking_frame(rows: Sequence[UnitStanding]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("units.col_unit"): [u.name for u in rows],
            t("units.col_kind"): [t(f"ukind.{u.kind}") for u in rows],
            t("units.col_tasks_overdue"): [u.tasks_overdue_now for u in rows],
            t("units.col_tasks"): [u.tasks for u in rows],
            t("units.col_task_rate"): [_percent(u.task_rate) for u in rows],
            t("units.col_dossiers_late"): [u.dossiers_behind for u in rows],
            t("units.col_dossiers"): [u.dossiers for u in rows],
            t("units.col_dossier_rate"): [_percent(u.dossier_rate) for u in rows],
            t("units.col_index"): [fmt_decimal(u.index_score) if u.index_score is not None else "–" for u in rows],
            t("units.col_index_rank"): [
                f"{u.index_rank}/{u.index_rank_of}" if u.index_rank is not None else "–" for u in rows
            ],
        }
    )


def ranking(rows: Sequence[UnitStanding]) -> None:
    st.caption(t("units.ranking_hint"))
    item_table(
        ranking_frame(rows),
        [u.code for u in rows],
        keys.UNITS_RANKING_TABLE,
        "unit",
        column_config={
            t("units.col_unit"): st.column_config.TextColumn(width=200, pinned=True),
            t("units.col_task_rate"): st.column_config.TextColumn(alignment="right"),
            t("units.col_dossier_rate"): st.column_config.TextColumn(alignment="right"),
            t("units.col_index"): st.column_config.TextColumn(alignment="right"),
            t("units.col_index_rank"): st.column_config.TextColumn(alignment="right"),
        },
    )


def task_kpis(counts: TaskCategoryCounts) -> None:
    kpi_row(
        [
            Kpi(t(f"category.{name}"), fmt_int(getattr(counts, name)))
            for name in ("completed_on_time", "completed_late", "open_in_time", "open_overdue", "no_deadline")
        ]
    )


def overdue_tasks(page: TaskPage) -> None:
    if not page.rows:
        st.caption(t("units.overdue_none"))
        return
    st.caption(t("units.overdue_count", shown=fmt_int(len(page.rows)), total=fmt_int(page.total)))
    task_table(page.rows, keys.UNITS_OVERDUE_TABLE, page=TASKS_PAGE)


def document_kpis(docs: DocumentsToProcess) -> None:
    kpi_row(
        [
            Kpi(t("units.kpi_docs_open"), fmt_int(docs.open)),
            Kpi(t("units.kpi_docs_overdue"), fmt_int(docs.overdue)),
            Kpi(t("units.kpi_docs_due_soon"), fmt_int(docs.due_soon)),
        ]
    )


def point_block(point: PointDetail | None, missed: tuple[list[MissedMeeting], int, int], now: dt.datetime) -> None:
    if point is not None:
        state = point.state
        status = f"{POINT_SYMBOLS[state.status]} {t('pstatus.' + state.status)}"
        if state.checked_at:
            status += f" · {fmt_datetime(state.checked_at)} ({ago(state.checked_at, now)})"
        st.markdown(t("units.point_now", status=status))
        st.page_link(
            POINTS_PAGE,
            label=t("units.open_point"),
            query_params=with_language({"point": state.code}),
            icon=":material/settings_input_antenna:",
        )
        st.markdown(f"**{t('units.checks')}**")
        if point.checks:
            st.dataframe(
                pd.DataFrame(
                    {
                        t("units.col_time"): [fmt_datetime(c.checked_at) for c in point.checks],
                        t("units.col_result"): [
                            f"{POINT_SYMBOLS[c.status]} {t('pstatus.' + c.status)}" for c in point.checks
                        ],
                        t("units.col_note"): [c.note or "" for c in point.checks],
                    }
                ),
                hide_index=True,
                key=keys.UNITS_CHECKS_TABLE,
                row_height=40,
                height=280,
            )
        else:
            st.caption(t("units.checks_none"))
    rows, count, invited = missed
    if not count:
        st.caption(t("units.missed_none"))
        return
    st.markdown(f"**{t('units.missed', missed=fmt_int(count), invited=fmt_int(invited))}**")
    item_table(
        pd.DataFrame(
            {
                t("units.col_meeting"): [m.title for m in rows],
                t("units.col_time"): [fmt_time_span(m.starts_at) for m in rows],
                t("units.col_status"): [t(f"join.{m.status}") for m in rows],
            }
        ),
        [str(m.meeting_id) for m in rows],
        keys.UNITS_MISSED_TABLE,
        "meeting",
        page="app_pages/meetings.py",
    )
