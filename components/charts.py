"""Chart builders: pure functions from a DataFrame to an Altair chart, sharing one look.

Colours keep their meaning on every page (overdue is always the same red)
and every bar carries its number as text, so nothing depends on hover on a
tablet or on colour alone on a projector.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

OVERDUE = "#b3261e"
NEUTRAL = "#1f5fa8"
# Incoming and outgoing documents: blue and orange stay apart for colour-blind readers and in grey.
DIRECTION_COLOURS = {"incoming": "#1f5fa8", "outgoing": "#e08a00"}
LABELLED_BARS_MAX = 16  # more bars than this and their numbers would collide
FONT_SIZE = 14
BAR_HEIGHT_PX = 34

# Vega's own number format, told to write 12.996 and 82,08 like Babel does for Vietnamese.
VEGA_LOCALES = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
}


def _finish(chart, lang: str):
    return (chart.configure(locale={"number": VEGA_LOCALES[lang]})
            .configure_axis(labelFontSize=FONT_SIZE, titleFontSize=FONT_SIZE)
            .configure_view(strokeWidth=0))


def build_ranking_chart(df: pd.DataFrame, *, label: str, value: str, text: str, key: str,
                        selection: str, value_title: str, lang: str, colour: str = OVERDUE) -> alt.Chart:
    """Horizontal bars, biggest first, each labelled; a tap selects the row's `key`."""
    pick = alt.selection_point(name=selection, fields=[key], on="click")
    base = alt.Chart(df).encode(
        y=alt.Y(f"{label}:N", sort=None, title=None, axis=alt.Axis(labelLimit=240)),
        # room on the right for the longest bar's label
        x=alt.X(f"{value}:Q", title=value_title, axis=alt.Axis(tickMinStep=1, format=",d"),
                scale=alt.Scale(domainMax=max(1, float(df[value].max())) * 1.6)),
    )
    bars = base.mark_bar(color=colour, cursor="pointer").encode(
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45))).add_params(pick)
    labels = base.mark_text(align="left", dx=4, fontSize=FONT_SIZE).encode(text=f"{text}:N")
    return _finish((bars + labels).properties(height=max(120, BAR_HEIGHT_PX * len(df))), lang)


def build_bucket_chart(df: pd.DataFrame, *, label: str, value: str, key: str, selection: str,
                       label_title: str, value_title: str, lang: str, colour: str = OVERDUE) -> alt.Chart:
    """Vertical bars in the frame's order, each labelled with its count; a tap selects its `key`."""
    pick = alt.selection_point(name=selection, fields=[key], on="click")
    base = alt.Chart(df).encode(
        x=alt.X(f"{label}:N", sort=None, title=label_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(f"{value}:Q", title=value_title, axis=alt.Axis(tickMinStep=1, format=",d")),
    )
    bars = base.mark_bar(color=colour, cursor="pointer").encode(
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45))).add_params(pick)
    labels = base.mark_text(baseline="bottom", dy=-4, fontSize=FONT_SIZE).encode(
        text=alt.Text(f"{value}:Q", format=",d"))
    return _finish((bars + labels).properties(height=240), lang)


def build_volume_chart(df: pd.DataFrame, *, bucket: str, label: str, direction: str, direction_label: str,
                       value: str, selection: str, value_title: str, lang: str) -> alt.Chart:
    """Incoming and outgoing side by side per day, week or month; a tap selects a bucket and direction."""
    pick = alt.selection_point(name=selection, fields=[bucket, direction], on="click")
    order = list(dict.fromkeys(df[label]))
    colours = alt.Scale(domain=list(dict.fromkeys(df[direction_label])),
                        range=[DIRECTION_COLOURS[d] for d in dict.fromkeys(df[direction])])
    base = alt.Chart(df).encode(
        x=alt.X(f"{label}:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45 if len(order) > 8 else 0)),
        xOffset=alt.XOffset(f"{direction_label}:N"),
        y=alt.Y(f"{value}:Q", title=value_title, axis=alt.Axis(format=",d")),
    )
    bars = base.mark_bar(cursor="pointer").encode(
        color=alt.Color(f"{direction_label}:N", scale=colours, legend=alt.Legend(orient="top", title=None,
                                                                                 labelFontSize=FONT_SIZE)),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45))).add_params(pick)
    chart = bars
    if len(order) <= LABELLED_BARS_MAX // 2:
        chart = bars + base.mark_text(baseline="bottom", dy=-3, fontSize=12).encode(
            text=alt.Text(f"{value}:Q", format=",d"))
    return _finish(chart.properties(height=280), lang)
