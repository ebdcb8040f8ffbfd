"""Chart builders: pure functions from a DataFrame to an Altair chart, sharing one look.

Colours keep their meaning on every page (overdue is always the same red)
and every bar carries its number as text, so nothing depends on hover on a
tablet or on colour alone on a projector.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from components.shared.palette import BAD, GOOD, INFO, POINT_STATUSES, tone

OVERDUE = BAD.hex
NEUTRAL = INFO.hex
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


def _tap_catcher(base: alt.Chart, pick) -> alt.Chart:
    """An invisible copy of the cells on top of everything, holding the selection, so that a tap
    on a cell's text selects the cell too (text drawn over a cell would otherwise swallow the tap)."""
    return base.mark_rect(fill="white", fillOpacity=0.001, cursor="pointer").add_params(pick)


def _finish(chart, lang: str, font_size: int = FONT_SIZE):
    """The shared look; at a slide's size (larger than a page's) every label is black for the back of a hall."""
    ink = {"labelColor": "#000000", "titleColor": "#000000"} if font_size > FONT_SIZE else {}
    return (
        chart.configure(locale={"number": VEGA_LOCALES[lang]})
        .configure_axis(labelFontSize=font_size, titleFontSize=font_size, **ink)
        .configure_legend(labelFontSize=font_size, **({"labelColor": "#000000"} if ink else {}))
        .configure_view(strokeWidth=0)
    )


def _ticks(largest: int, count: int = 5) -> list[int]:
    """Round ticks from 0 to `largest` (15 gives 0, 5, 10, 15)."""
    if largest <= 0:
        return [0]
    step = max(1, largest // count)
    for nice in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if nice >= step:
            step = nice
            break
    return list(range(0, largest + 1, step))


def build_ranking_chart(
    df: pd.DataFrame,
    *,
    label: str,
    value: str,
    text: str,
    key: str,
    selection: str,
    value_title: str,
    lang: str,
    colour: str = OVERDUE,
    font_size: int = FONT_SIZE,
) -> alt.Chart:
    """Horizontal bars, biggest first, each labelled; a tap selects the row's `key`."""
    pick = alt.selection_point(name=selection, fields=[key], on="click")
    base = alt.Chart(df).encode(
        y=alt.Y(f"{label}:N", sort=None, title=None, axis=alt.Axis(labelLimit=240 * font_size // FONT_SIZE)),
        # room on the right for the longest bar's label
        x=alt.X(
            f"{value}:Q",
            title=value_title,
            # ticks only up to the largest value: the room kept for the labels shows no numbers nobody has
            axis=alt.Axis(tickMinStep=1, format=",d", values=_ticks(int(df[value].max()) if len(df) else 0)),
            scale=alt.Scale(domainMax=max(1, float(df[value].max())) * 1.6, nice=False),
        ),
    )
    bars = (
        base.mark_bar(color=colour, cursor="pointer")
        .encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)))
        .add_params(pick)
    )
    labels = base.mark_text(align="left", dx=4, fontSize=font_size).encode(text=f"{text}:N")
    bar_height = max(BAR_HEIGHT_PX, int(font_size * 1.9))
    return _finish((bars + labels).properties(height=max(120, bar_height * len(df))), lang, font_size)


def build_bucket_chart(
    df: pd.DataFrame,
    *,
    label: str,
    value: str,
    key: str,
    selection: str,
    label_title: str,
    value_title: str,
    lang: str,
    colour: str = OVERDUE,
) -> alt.Chart:
    """Vertical bars in the frame's order, each labelled with its count; a tap selects its `key`."""
    pick = alt.selection_point(name=selection, fields=[key], on="click")
    base = alt.Chart(df).encode(
        x=alt.X(f"{label}:N", sort=None, title=label_title, axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            f"{value}:Q",
            title=value_title,
            # the axis ends near the largest bar (176 ends at 200, not 250), its number above it
            axis=alt.Axis(tickMinStep=1, format=",d", values=_ticks(int(df[value].max()) if len(df) else 0)),
            scale=alt.Scale(domainMax=max(1, float(df[value].max()) if len(df) else 1) * 1.12, nice=False),
        ),
    )
    bars = (
        base.mark_bar(color=colour, cursor="pointer")
        .encode(opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)))
        .add_params(pick)
    )
    labels = base.mark_text(baseline="bottom", dy=-4, fontSize=FONT_SIZE).encode(
        text=alt.Text(f"{value}:Q", format=",d")
    )
    return _finish((bars + labels).properties(height=240), lang)


def build_volume_chart(
    df: pd.DataFrame,
    *,
    bucket: str,
    label: str,
    direction: str,
    direction_label: str,
    value: str,
    selection: str,
    value_title: str,
    lang: str,
    font_size: int = FONT_SIZE,
) -> alt.Chart:
    """Incoming and outgoing side by side per day, week or month; a tap selects a bucket and direction."""
    pick = alt.selection_point(name=selection, fields=[bucket, direction], on="click")
    order = list(dict.fromkeys(df[label]))
    colours = alt.Scale(
        domain=list(dict.fromkeys(df[direction_label])),
        range=[DIRECTION_COLOURS[d] for d in dict.fromkeys(df[direction])],
    )
    base = alt.Chart(df).encode(
        x=alt.X(f"{label}:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45 if len(order) > 8 else 0)),
        xOffset=alt.XOffset(f"{direction_label}:N", sort=list(dict.fromkeys(df[direction_label]))),  # as the legend
        y=alt.Y(f"{value}:Q", title=value_title, axis=alt.Axis(format=",d")),
    )
    bars = (
        base.mark_bar(cursor="pointer")
        .encode(
            color=alt.Color(
                f"{direction_label}:N",
                scale=colours,
                legend=alt.Legend(orient="top", title=None, labelFontSize=font_size, symbolSize=font_size * 12),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
        )
        .add_params(pick)
    )
    chart = bars
    if len(order) <= LABELLED_BARS_MAX // 2:
        chart = bars + base.mark_text(baseline="bottom", dy=-3, fontSize=max(12, font_size - 2)).encode(
            text=alt.Text(f"{value}:Q", format=",d")
        )
    return _finish(chart.properties(height=280 if font_size == FONT_SIZE else 430), lang, font_size)


KIND_COLOURS = {"meeting": "#1f5fa8", "conference": "#e08a00", "delegation": "#6a3d9a", "other": "#7f7f7f"}


def build_calendar_chart(
    df: pd.DataFrame,
    *,
    day: str,
    week: str,
    weekday: str,
    value: str,
    weekday_order: list[str],
    selection: str,
    lang: str,
    font_size: int = FONT_SIZE,
) -> alt.Chart:
    """A heat map of a period: one row per week, one column per weekday, darker for more meetings."""
    pick = alt.selection_point(name=selection, fields=[day], on="click")
    rows = df[week].nunique()
    base = alt.Chart(df).encode(
        x=alt.X(f"{weekday}:O", sort=weekday_order, title=None, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y(f"{week}:O", sort=None, title=None, axis=alt.Axis(labelOverlap=False)),
    )
    cells = base.mark_rect(cornerRadius=3, cursor="pointer", stroke="white", strokeWidth=2).encode(
        color=alt.Color(f"{value}:Q", scale=alt.Scale(scheme="blues", domainMin=0), legend=None),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.55)),
    )
    numbers = base.mark_text(fontSize=font_size).encode(
        text=alt.Text(f"{value}:Q", format=",d"),
        # white on the darker half of the scale, whatever the period's largest count (a lone 1 is dark too)
        color=alt.condition(
            f"datum.{value} >= {max(1.0, float(df[value].max()) / 2) if len(df) else 1}",
            alt.value("white"),
            alt.value("#1a1a1a"),
        ),
    )
    cell = max(34 if rows <= 20 else 22, int(font_size * 2.4))
    return _finish(
        (cells + numbers + _tap_catcher(base, pick)).properties(height=max(120, cell * rows)), lang, font_size
    )


def build_stacked_chart(
    df: pd.DataFrame, *, x: str, x_title: str, value: str, group: str, group_label: str, value_title: str, lang: str
) -> alt.Chart:
    """Bars stacked by group (meeting kinds), with a legend; colours fixed per group."""
    groups = list(dict.fromkeys(df[group]))
    scale = alt.Scale(
        domain=[df.loc[df[group] == g, group_label].iloc[0] for g in groups],
        range=[KIND_COLOURS.get(g, NEUTRAL) for g in groups],
    )
    chart = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            x=alt.X(f"{x}:N", sort=None, title=x_title, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"sum({value}):Q", title=value_title, axis=alt.Axis(tickMinStep=1, format=",d")),
            color=alt.Color(
                f"{group_label}:N", scale=scale, legend=alt.Legend(orient="top", title=None, labelFontSize=FONT_SIZE)
            ),
        )
    )
    return _finish(chart.properties(height=240), lang)


POINT_SHAPES = {"connected": "circle", "degraded": "triangle-up", "disconnected": "square", "not_checked": "diamond"}


def build_board_chart(
    df: pd.DataFrame,
    *,
    code: str,
    status: str,
    status_label: str,
    label: str,
    detail: str,
    columns: int,
    selection: str,
    lang: str,
    font_size: int = 12,
) -> alt.Chart:
    """Tiles in rows of `columns`, coloured and marked by status; a tap selects the tile's `code`.

    `font_size` is the tile's name; its detail is one size smaller on a page, the same on a slide.
    """
    pick = alt.selection_point(name=selection, fields=[code], on="click")
    statuses = list(POINT_STATUSES)
    df = df.assign(col=[i % columns for i in range(len(df))], row=[i // columns for i in range(len(df))])
    labels = dict(zip(df[status], df[status_label]))
    colour = alt.Color(
        f"{status_label}:N",
        # on a slide the tiles' symbols and the cards above say the statuses: no legend to crowd the tiles
        legend=alt.Legend(orient="top", title=None, labelFontSize=FONT_SIZE) if font_size <= 12 else None,
        scale=alt.Scale(
            domain=[labels.get(s, s) for s in statuses if s in labels],
            range=[tone(s).hex for s in statuses if s in labels],
        ),
    )
    base = alt.Chart(df).encode(x=alt.X("col:O", axis=None), y=alt.Y("row:O", axis=None))
    tiles = base.mark_rect(cornerRadius=4, stroke="white", strokeWidth=3, cursor="pointer").encode(
        color=colour, opacity=alt.condition(pick, alt.value(1.0), alt.value(0.6))
    )
    ink = alt.Color("ink:N", scale=None)
    large = font_size > 12
    limit = 150 if not large else 2000 // columns
    names = base.mark_text(fontSize=font_size, fontWeight="bold", dy=-font_size * 0.6, limit=limit).encode(
        text=f"{label}:N", color=ink
    )
    details = base.mark_text(fontSize=font_size if large else 11, dy=font_size * 0.75, limit=limit).encode(
        text=f"{detail}:N", color=ink
    )
    rows = int(df["row"].max()) + 1 if len(df) else 1
    tile = 46 if not large else int(font_size * 3.4)
    return _finish(
        (tiles + names + details + _tap_catcher(base, pick)).properties(height=tile * rows),
        lang,
        max(FONT_SIZE, font_size),
    )


def convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The smallest convex outline around (x, y) points (Andrew's monotone chain), counter-clockwise."""
    pts = sorted(set(points))
    if len(pts) < 3:
        return pts

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for p in pts:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    for p in reversed(pts):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def build_point_map(
    df: pd.DataFrame,
    *,
    code: str,
    status: str,
    status_label: str,
    name: str,
    label: str,
    selection: str,
    lang: str,
    outline: list[tuple[float, float]] | None = None,
) -> alt.Chart:
    """Points at their coordinates over the province's outline (longitude, latitude pairs), coloured and shaped
    by status; a point is named when tapped (its tooltip too). No map tiles: it draws without the internet."""
    pick = alt.selection_point(name=selection, fields=[code], on="click", empty=False)
    labels = dict(zip(df[status], df[status_label]))
    present = [s for s in POINT_STATUSES if s in labels]
    base = alt.Chart(df).encode(longitude="longitude:Q", latitude="latitude:Q")
    dots = (
        base.mark_point(filled=True, size=220, cursor="pointer", stroke="white", strokeWidth=1)
        .encode(
            color=alt.Color(
                f"{status_label}:N",
                legend=alt.Legend(orient="top", title=None, labelFontSize=FONT_SIZE),
                scale=alt.Scale(domain=[labels[s] for s in present], range=[tone(s).hex for s in present]),
            ),
            shape=alt.Shape(
                f"{status_label}:N",
                scale=alt.Scale(domain=[labels[s] for s in present], range=[POINT_SHAPES[s] for s in present]),
                legend=None,
            ),
            tooltip=[f"{name}:N", f"{status_label}:N"],
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.85)),
        )
        .add_params(pick)
    )
    names = base.mark_text(align="left", dx=9, fontSize=FONT_SIZE, fontWeight="bold").encode(
        text=alt.condition(pick, f"{label}:N", alt.value(""))
    )
    layers = [dots, names]
    if outline and len(outline) >= 3:
        ring = [[lon, lat] for lon, lat in outline] + [[outline[0][0], outline[0][1]]]
        shape = {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring[::-1]]}}
        land = alt.Chart(alt.Data(values=[shape])).mark_geoshape(fill="#dde8f2", stroke="#5a6b7d", strokeWidth=2)
        layers.insert(0, land)
    return _finish(alt.layer(*layers).project(type="mercator").properties(height=460), lang)


def build_rate_chart(df: pd.DataFrame, *, day: str, rate: str, day_title: str, rate_title: str, lang: str) -> alt.Chart:
    chart = (
        alt.Chart(df)
        .mark_line(point=alt.OverlayMarkDef(color=GOOD.hex), color=GOOD.hex)
        .encode(
            x=alt.X(f"{day}:T", title=day_title, axis=alt.Axis(format="%d/%m")),
            y=alt.Y(f"{rate}:Q", title=rate_title, scale=alt.Scale(zero=False, domainMax=100)),
        )
    )
    return _finish(chart.properties(height=220), lang)


def build_pair_chart(df: pd.DataFrame, *, x: str, series: str, value: str, value_title: str, lang: str) -> alt.Chart:
    """Two bars per x (this year and a year before): the first series in the overdue red, the other grey."""
    names = list(dict.fromkeys(df[series]))
    order = list(dict.fromkeys(df[x]))
    base = alt.Chart(df).encode(
        x=alt.X(f"{x}:N", sort=order, title=None, axis=alt.Axis(labelAngle=-45 if len(order) > 6 else 0)),
        xOffset=alt.XOffset(f"{series}:N", sort=names),
        y=alt.Y(f"{value}:Q", title=value_title, axis=alt.Axis(format=",d", tickMinStep=1)),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            f"{series}:N",
            sort=names,
            scale=alt.Scale(domain=names, range=[OVERDUE, "#9e9e9e"]),
            legend=alt.Legend(orient="top", title=None, labelFontSize=FONT_SIZE),
        )
    )
    return _finish(bars.properties(height=240), lang)
