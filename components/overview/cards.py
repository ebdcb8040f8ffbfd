"""The overview's KPI cards, shared by the overview page and the presentation mode."""

from __future__ import annotations

from components.shared.kpi import Kpi
from data_access.core.periods import Period
from data_access.overview.figures import OverviewFigures
from i18n import fmt_date, fmt_decimal, fmt_int, fmt_range, fmt_short_date, fmt_signed_decimal, fmt_signed_int, t


def task_cards(f: OverviewFigures) -> list[Kpi]:
    return [
        Kpi(
            t("kpi.overdue"),
            fmt_int(f.overdue.overdue_now),
            fmt_signed_int(f.overdue.change),
            t("kpi.overdue_delta"),
            t("kpi.overdue_help"),
            delta_color="inverse",
        ),
        Kpi(
            t("kpi.due_soon"),
            fmt_int(f.overdue.due_next_7_days),
            t("kpi.due_soon_delta", start=fmt_short_date(f.due_soon_from), end=fmt_short_date(f.due_soon_to)),
            None,
            t("kpi.due_soon_help"),
            delta_color="off",
            delta_arrow="off",
        ),
    ]


def versus(period: Period, previous: Period) -> str:
    """ "so với 01/10 – 23/10", with years where the range is not this year; or why nothing is compared."""
    if not period.comparable:
        return t("kpi.no_comparison")
    return t("kpi.vs_previous", range=fmt_range(previous.start, previous.end))


def compared(period: Period, change: str | None) -> str | None:
    """The change, only for a period long enough to compare."""
    return change if period.comparable else None


def document_cards(f: OverviewFigures) -> list[Kpi]:
    previous = versus(f.period, f.previous)
    docs_help = t("kpi.docs_help", start=fmt_date(f.period.start), end=fmt_date(f.period.end))
    return [
        Kpi(
            t("kpi.docs_in"),
            fmt_int(f.documents.incoming),
            compared(f.period, fmt_signed_int(f.incoming_change)),
            previous,
            docs_help,
            chart=f.documents_trend["incoming"],
            delta_color="off",
        ),
        Kpi(
            t("kpi.docs_out"),
            fmt_int(f.documents.outgoing),
            compared(f.period, fmt_signed_int(f.outgoing_change)),
            previous,
            docs_help,
            chart=f.documents_trend["outgoing"],
            delta_color="off",
        ),
    ]


def meeting_cards(f: OverviewFigures) -> list[Kpi]:
    previous = versus(f.period, f.previous)
    per_day, change = f.meeting_load.per_working_day, f.meetings_per_day_change
    return [
        Kpi(
            t("kpi.meetings_week"),
            fmt_int(f.week_meetings.total),
            fmt_signed_int(f.week_meetings.change),
            t("kpi.meetings_week_delta"),
            t("kpi.meetings_week_help", upcoming=fmt_int(f.week_meetings.upcoming)),
            delta_color="off",
        ),
        Kpi(
            t("kpi.meetings_avg"),
            fmt_decimal(per_day) if per_day is not None else t("kpi.no_value"),
            compared(f.period, fmt_signed_decimal(change)) if change is not None else None,
            previous,
            t(
                "kpi.meetings_avg_help",
                meetings=fmt_int(f.meeting_load.meetings),
                days=fmt_int(f.meeting_load.working_days),
            ),
            delta_color="off",
        ),
    ]


def point_card(f: OverviewFigures) -> Kpi:
    p = f.points_now
    return Kpi(
        t("kpi.points"),
        t("kpi.points_value", connected=fmt_int(p.connected), total=fmt_int(p.total)),
        fmt_signed_int(f.points_connected_change),
        t("kpi.points_delta"),
        t(
            "kpi.points_help",
            degraded=fmt_int(p.degraded),
            disconnected=fmt_int(p.disconnected),
            not_checked=fmt_int(p.not_checked),
        ),
    )
