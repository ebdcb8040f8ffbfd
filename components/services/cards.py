"""The public-service headline cards, shared by the overview page and the slide show."""

from __future__ import annotations

from components.services.sections import month_label
from components.shared.kpi import Kpi
from data_access.services.figures import ServiceHeadline
from i18n import fmt_decimal, fmt_int, fmt_percent, fmt_signed_decimal, fmt_signed_int, t


def headline_cards(h: ServiceHeadline, comparable: bool) -> list[Kpi]:
    """The period's dossiers (against cùng kỳ when the period is long enough), the on-time rate, the overdue,
    and the index now with its rank (against the month before)."""
    now, before = h.dossiers, h.dossiers_last_year
    vs = t("services.vs_last_year") if comparable else t("services.no_comparison")
    rate = now.on_time_rate
    cards = [
        Kpi(
            t("services.card_received"),
            fmt_int(now.received),
            fmt_signed_int(now.received - before.received) if comparable else None,
            vs,
            delta_color="off",
        ),
        Kpi(
            t("services.card_rate"),
            fmt_percent(rate) if rate is not None else "–",
            help=t("services.rate_help"),
        ),
        Kpi(
            t("services.card_overdue"),
            fmt_int(now.open_overdue),
            fmt_signed_int(now.open_overdue - before.open_overdue) if comparable else None,
            vs,
            delta_color="inverse",
        ),
    ]
    index = h.index
    if index is not None and index.total is not None:
        cards.append(
            Kpi(
                t("services.card_index"),
                fmt_decimal(index.total.score),
                fmt_signed_decimal(index.change) if index.change is not None else None,
                t("services.vs_month_before") if index.change is not None else None,
                t(
                    "services.card_index_help",
                    month=month_label(index.period_end),
                    max=fmt_decimal(index.total.max_score, 0),
                ),
            )
        )
        if index.total.rank is not None:
            cards.append(
                Kpi(
                    t("services.card_rank"),
                    t("services.rank_value", rank=fmt_int(index.total.rank), of=fmt_int(index.total.rank_of or 0)),
                    t("services.places", places=fmt_signed_int(index.rank_change))
                    if index.rank_change is not None
                    else None,
                    t("services.vs_month_before") if index.rank_change is not None else None,
                )
            )
    return cards
