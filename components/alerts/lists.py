"""The open alerts: the overview's "Cần chú ý" (counted by rule, the first of each one tap from its item)
and the table of /alerts. A tap anywhere on a row opens the alert's task, document, point or meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial

import pandas as pd
import streamlit as st

from components.shared.item_table import ROW_HEIGHT_PX, fitted_height
from components.shared.selection import table_pick
from data_access.alerts.lists import AlertCounts, AlertItem, Attention
from i18n import fmt_int, t
from reports.alert_digest import detail_text
from ui import keys
from ui.language import with_language

ALERTS_PAGE = "app_pages/alerts.py"
PAGE_OF_KIND = {
    "task": "app_pages/tasks.py",
    "document": "app_pages/documents.py",
    "point": "app_pages/points.py",
    "meeting": "app_pages/meetings.py",
}


def _open(key: str, targets: Sequence[tuple[str, dict]]) -> None:
    picked = table_pick(key, range(len(targets)))
    if picked is not None:
        st.session_state[keys.PENDING_SWITCH] = targets[picked]
        st.session_state[keys.TABLE_NONCE] = st.session_state.get(keys.TABLE_NONCE, 0) + 1


def _target(a: AlertItem) -> tuple[str, dict]:
    return PAGE_OF_KIND[a.kind], {a.kind: a.link or a.code or ""}


def _detail(a: AlertItem, today: dt.date) -> str:
    return detail_text(a.rule, today, a.on_date, a.n, a.state, a.unit_name)


def _item(a: AlertItem) -> str:
    """What the alert is about: a task's or a document's code and title, a point's or a meeting's name."""
    return f"{a.code} · {a.label}" if a.kind in ("task", "document") and a.code else a.label


def alert_table(rows: Sequence[AlertItem], today: dt.date, key_prefix: str, with_rule: bool = True) -> None:
    """Rule, item, unit, detail: a tap opens the item on its page. About 700 px wide with the row box, so
    that a tablet in portrait shows every column."""
    col = {name: t(f"alerts.col_{name}") for name in ("rule", "item", "unit", "detail")}
    data = {}
    if with_rule:
        data[col["rule"]] = [t(f"alert_short.{a.rule}") for a in rows]
    data[col["item"]] = [_item(a) for a in rows]
    data[col["unit"]] = [(a.unit_name or "") if a.kind != "point" else "" for a in rows]  # a point is its unit
    data[col["detail"]] = [_detail(a, today) for a in rows]
    key = f"{key_prefix}_{st.session_state.get(keys.TABLE_NONCE, 0)}"
    st.dataframe(
        pd.DataFrame(data),
        hide_index=True,
        height=fitted_height(len(rows)),
        key=key,
        on_select=partial(_open, key, [_target(a) for a in rows]),
        selection_mode=["single-row", "single-cell"],
        row_height=ROW_HEIGHT_PX,
        column_config={
            col["rule"]: st.column_config.TextColumn(width=140),
            col["item"]: st.column_config.TextColumn(width=230 if with_rule else 330),
            col["unit"]: st.column_config.TextColumn(width=110),
            col["detail"]: st.column_config.TextColumn(width=180),
        },
    )


def counts_row(counts: AlertCounts) -> None:
    """One button-like link per rule with open alerts: its name and count, a tap lists them on /alerts."""
    with st.container(horizontal=True, gap="small"):
        for rule, count in counts.by_rule.items():
            st.page_link(
                ALERTS_PAGE,
                label=f"{t(f'alert_rule.{rule}')} · **{fmt_int(count)}**",
                icon=":material/notifications_active:",
                query_params=with_language({"rule": rule}),
            )


def attention(a: Attention) -> None:
    """The overview's section: the total, the groups counted, the first alerts of each group."""
    st.subheader(t("alerts.section"))
    if not a.counts.total:
        st.success(t("alerts.none"), icon=":material/check_circle:")
        return
    st.markdown(f"**{t('alerts.total', total=fmt_int(a.counts.total))}**")
    counts_row(a.counts)
    alert_table(a.items, a.today, keys.OVERVIEW_ALERTS_TABLE)
    st.caption(t("alerts.list_hint"))
    st.page_link(
        ALERTS_PAGE, label=t("alerts.see_all"), icon=":material/arrow_forward:", query_params=with_language({})
    )
