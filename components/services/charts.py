"""The service index's month-by-month line, in the shared look of components.shared.charts."""

from __future__ import annotations

from collections.abc import Sequence

from components.shared.charts import FONT_SIZE, NEUTRAL, ChartSpec, _field, _rows, _spec, build_ranking_chart
from data_access.services.figures import IndexMonth, UnitDossiers
from i18n import fmt_decimal, fmt_int, language, t


def late_units_chart(units: Sequence[UnitDossiers], font_size: int = FONT_SIZE) -> ChartSpec:
    """Units by dossiers resolved late plus open overdue, each bar labelled "late + overdue"."""
    rows = [
        {
            "code": u.unit_code,
            "unit": u.unit_name,
            "behind": u.behind,
            "text": f"{fmt_int(u.late)} + {fmt_int(u.overdue)}",
        }
        for u in units
    ]
    return build_ranking_chart(
        rows,
        label="unit",
        value="behind",
        text="text",
        key="code",
        selection="unit",
        value_title=t("services.chart_behind"),
        lang=language(),
        font_size=font_size,
    )


def index_trend_chart(months: Sequence[IndexMonth], font_size: int = FONT_SIZE) -> ChartSpec:
    """The total by month, each point labelled with its score (82,08), the axis from a little under the lowest."""
    rows = [
        {"month": m.period_end.replace(day=1).isoformat(), "score": m.score, "text": fmt_decimal(m.score)}
        for m in months
    ]
    low = min((m.score for m in months), default=0.0)
    encoding = {
        "x": _field("month", "temporal", axis={"format": "%m/%Y", "labelAngle": 0}, title=t("services.col_month")),
        "y": _field(
            "score",
            "quantitative",
            scale={"domainMin": max(0.0, float(int(low) - 2)), "zero": False},
            title=t("services.col_total"),
        ),
    }
    line = {"mark": {"type": "line", "color": NEUTRAL, "point": {"color": NEUTRAL, "size": 60}}}
    labels = {
        "encoding": {"text": _field("text", "nominal")},
        "mark": {"type": "text", "dy": -14, "fontSize": font_size},
    }
    return _spec(_rows(rows), [line, labels], encoding=encoding, height=260, lang=language(), font_size=font_size)
