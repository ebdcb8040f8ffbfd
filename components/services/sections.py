"""The blocks of /services: procedures published, the period's dossiers, units by late dossiers, the
overdue backlog, the service index. Components only draw what the queries computed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
import streamlit as st

from components.services.charts import index_trend_chart
from components.shared.charts import draw
from components.shared.item_table import item_table
from components.shared.kpi import Kpi, kpi_row
from data_access.services.figures import (
    ChannelCount,
    DossierCounts,
    FieldCount,
    IndexMonth,
    IndexNow,
    ProcedureCounts,
    UnitDossiers,
)
from data_access.services.lists import DossierRow
from i18n import fmt_date, fmt_decimal, fmt_int, fmt_percent, fmt_signed_decimal, fmt_signed_int, t
from ui import keys

UNITS_PAGE = "app_pages/units.py"


def procedures_block(counts: ProcedureCounts, fields: Sequence[FieldCount]) -> None:
    kpi_row(
        [
            Kpi(t("services.kpi_procedures"), fmt_int(counts.total)),
            Kpi(t("services.kpi_province"), fmt_int(counts.by_level.get("province", 0))),
            Kpi(t("services.kpi_commune"), fmt_int(counts.by_level.get("commune", 0))),
            Kpi(t("services.kpi_full"), fmt_int(counts.by_online.get("full", 0))),
            Kpi(t("services.kpi_partial"), fmt_int(counts.by_online.get("partial", 0))),
        ]
    )
    if fields:
        st.markdown(f"**{t('services.by_field')}**")
        st.dataframe(
            pd.DataFrame(
                {
                    t("services.col_field"): [f.field or t("services.no_field") for f in fields],
                    t("services.col_procedures"): [f.total for f in fields],
                    t("svconline.full"): [f.full for f in fields],
                    t("svconline.partial"): [f.partial for f in fields],
                }
            ),
            hide_index=True,
            key=keys.SERVICES_FIELDS_TABLE,
            row_height=40,
        )


def _change(now: int, before: int, comparable: bool) -> str | None:
    return fmt_signed_int(now - before) if comparable else None


def dossier_kpis(now: DossierCounts, before: DossierCounts | None) -> None:
    """The period's dossiers in their four categories, online and at the centre, against cùng kỳ (None: not
    compared, the period being too short)."""
    vs = t("services.vs_last_year") if before is not None else t("services.no_comparison")
    was = before or DossierCounts()
    cmp = before is not None

    def card(label: str, value: int, old: int, colour="off") -> Kpi:
        return Kpi(label, fmt_int(value), _change(value, old, cmp), vs if cmp else None, delta_color=colour)

    rate = now.on_time_rate
    rate_delta = None
    if cmp and rate is not None and was.on_time_rate is not None:
        points = round((rate - was.on_time_rate) * 100, 1)
        rate_delta = fmt_signed_decimal(points, 1) if points else "0"  # percentage points
    kpi_row(
        [
            card(t("services.kpi_received"), now.received, was.received),
            card(t("services.kpi_on_time"), now.resolved_on_time, was.resolved_on_time, "normal"),
            card(t("services.kpi_late"), now.resolved_late, was.resolved_late, "inverse"),
            card(t("services.kpi_open_in_time"), now.open_in_time, was.open_in_time),
            card(t("services.kpi_open_overdue"), now.open_overdue, was.open_overdue, "inverse"),
        ]
    )
    kpi_row(
        [
            Kpi(
                t("services.kpi_on_time_rate"),
                fmt_percent(rate) if rate is not None else "–",
                rate_delta,
                vs if rate_delta else None,
                help=t("services.rate_help"),
            ),
            Kpi(
                t("services.kpi_online"),
                fmt_int(now.online),
                t("services.share_of", share=fmt_percent(now.online_share)) if now.online_share is not None else None,
                delta_color="off",
                delta_arrow="off",
            ),
            Kpi(
                t("services.kpi_centre"),
                fmt_int(now.at_centre),
                t("services.share_of", share=fmt_percent(now.centre_share)) if now.centre_share is not None else None,
                delta_color="off",
                delta_arrow="off",
            ),
        ]
    )


def channel_line(channels: Sequence[ChannelCount]) -> None:
    """The period's dossiers by channel in one line: online, at a counter, by post."""
    if channels:
        parts = [f"{t(f'svcchannel.{c.channel}')}: {fmt_int(c.received)}" for c in channels]
        st.caption(t("services.by_channel", counts=" · ".join(parts)))


def unit_frame(rows: Sequence[UnitDossiers]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("services.col_unit"): [u.unit_name for u in rows],
            t("services.col_received"): [u.received for u in rows],
            t("services.col_late"): [u.late for u in rows],
            t("services.col_overdue"): [u.overdue for u in rows],
        }
    )


def units_block(rows: Sequence[UnitDossiers]) -> None:
    if not rows:
        st.caption(t("services.units_none"))
        return
    st.caption(t("services.units_hint"))
    item_table(unit_frame(rows), [u.unit_code for u in rows], keys.SERVICES_UNITS_TABLE, "unit", page=UNITS_PAGE)


def overdue_block(rows: Sequence[DossierRow], total: int, key: str = "") -> None:
    if not rows:
        st.caption(t("services.overdue_none"))
        return
    st.caption(t("services.overdue_count", shown=fmt_int(len(rows)), total=fmt_int(total)))
    frame = pd.DataFrame(
        {
            t("services.col_dossier"): [r.code for r in rows],
            t("services.col_procedure"): [r.procedure_name for r in rows],
            t("services.col_unit"): [r.unit_name for r in rows],
            t("services.col_received_on"): [fmt_date(r.received_on) for r in rows],
            t("services.col_due_on"): [fmt_date(r.due_on) if r.due_on else "" for r in rows],
            t("services.col_days_overdue"): [r.days_overdue for r in rows],
        }
    )
    page = "app_pages/services.py" if key else None  # from another page (a unit's), open it on /services
    item_table(frame, [r.code for r in rows], key or keys.SERVICES_OVERDUE_TABLE, "dossier", page=page)


def month_label(day: dt.date) -> str:
    return f"{day.month:02d}/{day.year}"


def index_block(now: IndexNow | None, trend: Sequence[IndexMonth]) -> None:
    if now is None or now.total is None:
        st.caption(t("services.index_none"))
        return
    total = now.total
    cards = [
        Kpi(
            t("services.kpi_index", month=month_label(now.period_end)),
            f"{fmt_decimal(total.score)}/{fmt_decimal(total.max_score, 0)}",
            fmt_signed_decimal(now.change) if now.change is not None else None,
            t("services.vs_month_before") if now.change is not None else None,
        )
    ]
    if total.rank is not None:
        places = now.rank_change
        cards.append(
            Kpi(
                t("services.kpi_rank"),
                t("services.rank_value", rank=fmt_int(total.rank), of=fmt_int(total.rank_of or 0)),
                t("services.places", places=fmt_signed_int(places)) if places is not None else None,
                t("services.vs_month_before") if places is not None else None,
            )
        )
    kpi_row(cards)
    if now.components:
        st.dataframe(
            pd.DataFrame(
                {
                    t("services.col_component"): [t(f"svcindex.{c.component}") for c in now.components],
                    t("services.col_score"): [fmt_decimal(c.score) for c in now.components],
                    t("services.col_max"): [fmt_decimal(c.max_score) for c in now.components],
                    t("services.col_share"): [fmt_percent(c.share) for c in now.components],
                }
            ),
            hide_index=True,
            key=keys.SERVICES_INDEX_TABLE,
            row_height=40,
        )
    if len(trend) > 1:
        st.markdown(f"**{t('services.trend')}**")
        draw(index_trend_chart(trend), key=keys.SERVICES_TREND_CHART)
