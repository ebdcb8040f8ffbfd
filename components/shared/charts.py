"""Chart builders: pure functions from rows of figures to a Vega-Lite specification, sharing one look.

Colours keep their meaning on every page (overdue is always the same red)
and every bar carries its number as text, so nothing depends on hover on a
tablet or on colour alone on a projector.

Each builder returns a plain Vega-Lite dictionary (draw it with
`draw(spec, ...)`, which calls `st.vega_lite_chart`): the specification Altair wrote for
these charts, without building, deep-copying and schema-validating Altair
objects on every rerun (that was most of a warm page's time). The rows go in
the specification's `datasets` under a name that is a hash of their content,
as Altair put them. `draw` hands a specification to `st.vega_lite_chart` with
those rows already in Arrow (built by pyarrow, no DataFrame), which Streamlit
passes on untouched: the browser gets what it got from Altair's charts. A
selection keeps the name given (`selection`), so `on_select` and
`selection_mode` work as with Altair.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
import streamlit as st

from components.shared.palette import BAD, GOOD, INFO, POINT_STATUSES, tone

OVERDUE = BAD.hex
NEUTRAL = INFO.hex
# Incoming and outgoing documents: blue and orange stay apart for colour-blind readers and in grey.
DIRECTION_COLOURS = {"incoming": "#1f5fa8", "outgoing": "#e08a00"}
LABELLED_BARS_MAX = 16  # more bars than this and their numbers would collide
FONT_SIZE = 14
BAR_HEIGHT_PX = 34
SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"  # the Vega-Lite version Streamlit 1.67 draws with

# Vega's own number format, told to write 12.996 and 82,08 like Babel does for Vietnamese.
VEGA_LOCALES = {
    "vi": {"decimal": ",", "thousands": ".", "grouping": [3], "currency": ["", " ₫"]},
    "en": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["", ""]},
}

Rows = Sequence[Mapping[str, Any]]  # a chart's rows (a pandas frame is taken too)


class ChartSpec(dict):
    """A Vega-Lite specification: a plain dict (JSON as it stands); `to_dict()` as Altair's charts had."""

    def to_dict(self) -> dict:
        return json.loads(json.dumps(self))


def draw(spec: Mapping[str, Any], **options):
    """`st.vega_lite_chart(spec, **options)`, the spec's rows handed over as Arrow (Streamlit's own transport)."""
    datasets = {name: _arrow(rows) for name, rows in spec.get("datasets", {}).items()}
    return st.vega_lite_chart({**spec, "datasets": datasets}, **options)


def _arrow(rows: list[dict]) -> bytes:
    """Arrow IPC bytes of the rows, as Streamlit writes a table's (ints int64, numbers double, text string)."""
    table = pa.Table.from_pylist(rows)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _rows(data) -> list[dict]:
    """Plain row dicts from a list of dicts or anything with pandas' `to_dict(orient="records")`."""
    if isinstance(data, (list, tuple)):
        return [dict(r) for r in data]
    return data.to_dict(orient="records")


def _column(rows: list[dict], field: str) -> list:
    return [r[field] for r in rows]


def _largest(rows: list[dict], field: str) -> float:
    return max((r[field] for r in rows), default=0)


def _distinct(values) -> list:
    return list(dict.fromkeys(values))


def _dataset(rows: list[dict]) -> tuple[str, list[dict]]:
    """The rows under a name that changes with their content (as Altair's datasets)."""
    text = json.dumps(rows, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest(), rows


def _pick(selection: str, fields: list[str]) -> dict:
    """A point selection by click on `fields`, under the name Streamlit's `selection_mode` asks for."""
    return {"name": selection, "select": {"type": "point", "fields": fields, "on": "click"}}


def _when(selection: str, value, otherwise, **extra) -> dict:
    return {"condition": {"param": selection, "value": value, **extra}, "value": otherwise}


def _field(name: str, kind: str, **props) -> dict:
    return {"field": name, "type": kind, **props}


def _config(lang: str, font_size: int) -> dict:
    """The shared look; at a slide's size (larger than a page's) every label is black for the back of a hall."""
    ink = {"labelColor": "#000000", "titleColor": "#000000"} if font_size > FONT_SIZE else {}
    return {
        "axis": {"labelFontSize": font_size, "titleFontSize": font_size, **ink},
        "legend": {"labelFontSize": font_size, **({"labelColor": "#000000"} if ink else {})},
        "locale": {"number": VEGA_LOCALES[lang]},
        "view": {"strokeWidth": 0},
    }


def _spec(
    rows: list[dict],
    layers: list[dict],
    *,
    height: int,
    lang: str,
    font_size: int = FONT_SIZE,
    encoding: dict | None = None,
    pick: dict | None = None,
    picker: int = 0,
) -> ChartSpec:
    """One view, or layers sharing the rows and `encoding`; the selection `pick` is held by layer `picker`."""
    name, values = _dataset(rows)
    spec: dict = {"$schema": SCHEMA, "config": _config(lang, font_size), "data": {"name": name}, "height": height}
    if len(layers) == 1:
        view = {"encoding": {**(encoding or {}), **layers[0].get("encoding", {})}, "mark": layers[0]["mark"]}
        legend = view["encoding"].get("color", {}).get("legend")
        if isinstance(legend, dict) and "title" in legend and legend["title"] is None:
            legend["title"] = " "  # what Streamlit sends for a view's untitled legend (a Vega-Lite bug otherwise)
        spec.update(view)
        if pick:
            spec["params"] = [pick]
    else:
        spec["layer"] = [
            {"encoding": {**(encoding or {}), **layer.get("encoding", {})}, "mark": layer["mark"]} for layer in layers
        ]
        if pick:
            spec["layer"][picker]["name"] = "view_1"
            spec["params"] = [{**pick, "views": ["view_1"]}]
    spec["datasets"] = {name: values}
    return ChartSpec(spec)


def _tap_catcher() -> dict:
    """An invisible copy of the cells on top of everything, holding the selection, so that a tap
    on a cell's text selects the cell too (text drawn over a cell would otherwise swallow the tap)."""
    return {"mark": {"type": "rect", "cursor": "pointer", "fill": "white", "fillOpacity": 0.001}}


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
    df: Rows,
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
) -> ChartSpec:
    """Horizontal bars, biggest first, each labelled; a tap selects the row's `key`."""
    rows = _rows(df)
    largest = _largest(rows, value)
    encoding = {
        "x": _field(
            value,
            "quantitative",
            # ticks only up to the largest value: the room kept for the labels shows no numbers nobody has
            axis={"format": ",d", "tickMinStep": 1, "values": _ticks(int(largest))},
            # room on the right for the longest bar's label
            scale={"domainMax": max(1, float(largest)) * 1.6, "nice": False},
            title=value_title,
        ),
        "y": _field(label, "nominal", axis={"labelLimit": 240 * font_size // FONT_SIZE}, sort=None, title=None),
    }
    bars = {
        "encoding": {"opacity": _when(selection, 1.0, 0.45)},
        "mark": {"type": "bar", "color": colour, "cursor": "pointer"},
    }
    labels = {
        "encoding": {"text": _field(text, "nominal")},
        "mark": {"type": "text", "align": "left", "dx": 4, "fontSize": font_size},
    }
    bar_height = max(BAR_HEIGHT_PX, int(font_size * 1.9))
    return _spec(
        rows,
        [bars, labels],
        encoding=encoding,
        pick=_pick(selection, [key]),
        height=max(120, bar_height * len(rows)),
        lang=lang,
        font_size=font_size,
    )


def build_bucket_chart(
    df: Rows,
    *,
    label: str,
    value: str,
    key: str,
    selection: str,
    label_title: str | None,
    value_title: str,
    lang: str,
    colour: str = OVERDUE,
) -> ChartSpec:
    """Vertical bars in the rows' order, each labelled with its count; a tap selects its `key`."""
    rows = _rows(df)
    largest = _largest(rows, value)
    encoding = {
        "x": _field(label, "nominal", axis={"labelAngle": 0}, sort=None, title=label_title),
        "y": _field(
            value,
            "quantitative",
            # the axis ends near the largest bar (176 ends at 200, not 250), its number above it
            axis={"format": ",d", "tickMinStep": 1, "values": _ticks(int(largest))},
            scale={"domainMax": max(1, float(largest) if rows else 1) * 1.12, "nice": False},
            title=value_title,
        ),
    }
    bars = {
        "encoding": {"opacity": _when(selection, 1.0, 0.45)},
        "mark": {"type": "bar", "color": colour, "cursor": "pointer"},
    }
    labels = {
        "encoding": {"text": _field(value, "quantitative", format=",d")},
        "mark": {"type": "text", "baseline": "bottom", "dy": -4, "fontSize": FONT_SIZE},
    }
    return _spec(rows, [bars, labels], encoding=encoding, pick=_pick(selection, [key]), height=240, lang=lang)


def build_volume_chart(
    df: Rows,
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
) -> ChartSpec:
    """Incoming and outgoing side by side per day, week or month; a tap selects a bucket and direction."""
    rows = _rows(df)
    order = _distinct(_column(rows, label))
    legend_order = _distinct(_column(rows, direction_label))
    encoding = {
        "x": _field(label, "nominal", axis={"labelAngle": -45 if len(order) > 8 else 0}, sort=order, title=None),
        "xOffset": _field(direction_label, "nominal", sort=legend_order),  # as the legend
        "y": _field(value, "quantitative", axis={"format": ",d"}, title=value_title),
    }
    bars = {
        "encoding": {
            "color": _field(
                direction_label,
                "nominal",
                legend={"labelFontSize": font_size, "orient": "top", "symbolSize": font_size * 12, "title": None},
                scale={
                    "domain": legend_order,
                    "range": [DIRECTION_COLOURS[d] for d in _distinct(_column(rows, direction))],
                },
            ),
            "opacity": _when(selection, 1.0, 0.45),
        },
        "mark": {"type": "bar", "cursor": "pointer"},
    }
    layers = [bars]
    if len(order) <= LABELLED_BARS_MAX // 2:
        layers.append(
            {
                "encoding": {"text": _field(value, "quantitative", format=",d")},
                # a page's numbers a little smaller than its labels; a slide's as large (28 px at least)
                "mark": {"type": "text", "baseline": "bottom", "dy": -3, "fontSize": _number_size(font_size)},
            }
        )
    return _spec(
        rows,
        layers,
        encoding=encoding,
        pick=_pick(selection, [bucket, direction]),
        height=280 if font_size == FONT_SIZE else 430,
        lang=lang,
        font_size=font_size,
    )


def _number_size(font_size: int) -> int:
    return max(12, font_size - 2) if font_size <= FONT_SIZE else font_size


KIND_COLOURS = {"meeting": "#1f5fa8", "conference": "#e08a00", "delegation": "#6a3d9a", "other": "#7f7f7f"}


def build_calendar_chart(
    df: Rows,
    *,
    day: str,
    week: str,
    weekday: str,
    value: str,
    weekday_order: list[str],
    selection: str,
    lang: str,
    font_size: int = FONT_SIZE,
) -> ChartSpec:
    """A heat map of a period: one row per week, one column per weekday, darker for more meetings."""
    rows = _rows(df)
    weeks = len(set(_column(rows, week)))
    encoding = {
        "x": _field(weekday, "ordinal", axis={"labelAngle": 0, "orient": "top"}, sort=weekday_order, title=None),
        "y": _field(week, "ordinal", axis={"labelOverlap": False}, sort=None, title=None),
    }
    cells = {
        "encoding": {
            "color": _field(value, "quantitative", legend=None, scale={"domainMin": 0, "scheme": "blues"}),
            "opacity": _when(selection, 1.0, 0.55),
        },
        "mark": {"type": "rect", "cornerRadius": 3, "cursor": "pointer", "stroke": "white", "strokeWidth": 2},
    }
    # white on the darker half of the scale, whatever the period's largest count (a lone 1 is dark too)
    dark = max(1.0, float(_largest(rows, value)) / 2) if rows else 1
    numbers = {
        "encoding": {
            "color": {"condition": {"test": f"datum.{value} >= {dark}", "value": "white"}, "value": "#1a1a1a"},
            "text": _field(value, "quantitative", format=",d"),
        },
        "mark": {"type": "text", "fontSize": font_size},
    }
    cell = max(34 if weeks <= 20 else 22, int(font_size * 2.4))
    return _spec(
        rows,
        [cells, numbers, _tap_catcher()],
        encoding=encoding,
        pick=_pick(selection, [day]),
        picker=2,
        height=max(120, cell * weeks),
        lang=lang,
        font_size=font_size,
    )


def build_stacked_chart(
    df: Rows, *, x: str, x_title: str, value: str, group: str, group_label: str, value_title: str, lang: str
) -> ChartSpec:
    """Bars stacked by group (meeting kinds), with a legend; colours fixed per group."""
    rows = _rows(df)
    groups = _distinct(_column(rows, group))
    label_of = {}
    for r in rows:
        label_of.setdefault(r[group], r[group_label])
    bars = {
        "encoding": {
            "color": _field(
                group_label,
                "nominal",
                legend={"labelFontSize": FONT_SIZE, "orient": "top", "title": None},
                scale={
                    "domain": [label_of[g] for g in groups],
                    "range": [KIND_COLOURS.get(g, NEUTRAL) for g in groups],
                },
            ),
            "x": _field(x, "nominal", axis={"labelAngle": 0}, sort=None, title=x_title),
            "y": _field(
                value, "quantitative", aggregate="sum", axis={"format": ",d", "tickMinStep": 1}, title=value_title
            ),
        },
        "mark": {"type": "bar"},
    }
    return _spec(rows, [bars], height=240, lang=lang)


POINT_SHAPES = {"connected": "circle", "degraded": "triangle-up", "disconnected": "square", "not_checked": "diamond"}


def build_board_chart(
    df: Rows,
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
) -> ChartSpec:
    """Tiles in rows of `columns`, coloured and marked by status; a tap selects the tile's `code`.

    `font_size` is the tile's name; its detail is one size smaller on a page, the same on a slide.
    """
    statuses = list(POINT_STATUSES)
    rows = [{**r, "col": i % columns, "row": i // columns} for i, r in enumerate(_rows(df))]
    labels = {r[status]: r[status_label] for r in rows}
    colour = _field(
        status_label,
        "nominal",
        # on a slide the tiles' symbols and the cards above say the statuses: no legend to crowd the tiles
        legend={"labelFontSize": FONT_SIZE, "orient": "top", "title": None} if font_size <= 12 else None,
        scale={
            "domain": [labels.get(s, s) for s in statuses if s in labels],
            "range": [tone(s).hex for s in statuses if s in labels],
        },
    )
    encoding = {"x": _field("col", "ordinal", axis=None), "y": _field("row", "ordinal", axis=None)}
    tiles = {
        "encoding": {"color": colour, "opacity": _when(selection, 1.0, 0.6)},
        "mark": {"type": "rect", "cornerRadius": 4, "cursor": "pointer", "stroke": "white", "strokeWidth": 3},
    }
    ink = _field("ink", "nominal", scale=None)
    large = font_size > 12
    limit = 150 if not large else 2000 // columns
    names = {
        "encoding": {"color": ink, "text": _field(label, "nominal")},
        "mark": {"type": "text", "dy": -font_size * 0.6, "fontSize": font_size, "fontWeight": "bold", "limit": limit},
    }
    details = {
        "encoding": {"color": ink, "text": _field(detail, "nominal")},
        "mark": {"type": "text", "dy": font_size * 0.75, "fontSize": font_size if large else 11, "limit": limit},
    }
    board_rows = rows[-1]["row"] + 1 if rows else 1
    tile = 46 if not large else int(font_size * 3.4)
    return _spec(
        rows,
        [tiles, names, details, _tap_catcher()],
        encoding=encoding,
        pick=_pick(selection, [code]),
        picker=3,
        height=tile * board_rows,
        lang=lang,
        font_size=max(FONT_SIZE, font_size),
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
    df: Rows,
    *,
    code: str,
    status: str,
    status_label: str,
    name: str,
    label: str,
    selection: str,
    lang: str,
    outline: list[tuple[float, float]] | None = None,
) -> ChartSpec:
    """Points at their coordinates over the province's outline (longitude, latitude pairs), coloured and shaped
    by status; a point is named when tapped (its tooltip too). No map tiles: it draws without the internet."""
    rows = _rows(df)
    labels = {r[status]: r[status_label] for r in rows}
    present = [s for s in POINT_STATUSES if s in labels]
    domain = [labels[s] for s in present]
    dataset, values = _dataset(rows)
    where = {"latitude": _field("latitude", "quantitative"), "longitude": _field("longitude", "quantitative")}
    dots = {
        "data": {"name": dataset},
        "encoding": {
            "color": _field(
                status_label,
                "nominal",
                legend={"labelFontSize": FONT_SIZE, "orient": "top", "title": None},
                scale={"domain": domain, "range": [tone(s).hex for s in present]},
            ),
            **where,
            "opacity": _when(selection, 1.0, 0.85, empty=False),
            "shape": _field(
                status_label,
                "nominal",
                legend=None,
                scale={"domain": domain, "range": [POINT_SHAPES[s] for s in present]},
            ),
            "tooltip": [_field(name, "nominal"), _field(status_label, "nominal")],
        },
        "mark": {
            "type": "point",
            "cursor": "pointer",
            "filled": True,
            "size": 220,
            "stroke": "white",
            "strokeWidth": 1,
        },
        "name": "view_1",
    }
    names = {
        "data": {"name": dataset},
        "encoding": {
            **where,
            "text": {"condition": {"param": selection, "empty": False, **_field(label, "nominal")}, "value": ""},
        },
        "mark": {"type": "text", "align": "left", "dx": 9, "fontSize": FONT_SIZE, "fontWeight": "bold"},
    }
    layers = [dots, names]
    if outline and len(outline) >= 3:
        ring = [[lon, lat] for lon, lat in outline] + [[outline[0][0], outline[0][1]]]
        shape = {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": [ring[::-1]]}}
        land = {
            "data": {"values": [shape]},
            "mark": {"type": "geoshape", "fill": "#dde8f2", "stroke": "#5a6b7d", "strokeWidth": 2},
        }
        layers.insert(0, land)
    return ChartSpec(
        {
            "$schema": SCHEMA,
            "config": _config(lang, FONT_SIZE),
            "height": 460,
            "layer": layers,
            "params": [{**_pick(selection, [code]), "views": ["view_1"]}],
            "projection": {"type": "mercator"},
            "datasets": {dataset: values},
        }
    )


def build_rate_chart(df: Rows, *, day: str, rate: str, day_title: str, rate_title: str, lang: str) -> ChartSpec:
    line = {
        "encoding": {
            "x": _field(day, "temporal", axis={"format": "%d/%m"}, title=day_title),
            "y": _field(rate, "quantitative", scale={"domainMax": 100, "zero": False}, title=rate_title),
        },
        "mark": {"type": "line", "color": GOOD.hex, "point": {"color": GOOD.hex}},
    }
    return _spec(_rows(df), [line], height=220, lang=lang)


def build_pair_chart(df: Rows, *, x: str, series: str, value: str, value_title: str, lang: str) -> ChartSpec:
    """Two bars per x (this year and a year before): the first series in the overdue red, the other grey."""
    rows = _rows(df)
    names = _distinct(_column(rows, series))
    order = _distinct(_column(rows, x))
    bars = {
        "encoding": {
            "color": _field(
                series,
                "nominal",
                legend={"labelFontSize": FONT_SIZE, "orient": "top", "title": None},
                scale={"domain": names, "range": [OVERDUE, "#9e9e9e"]},
                sort=names,
            ),
            "x": _field(x, "nominal", axis={"labelAngle": -45 if len(order) > 6 else 0}, sort=order, title=None),
            "xOffset": _field(series, "nominal", sort=names),
            "y": _field(value, "quantitative", axis={"format": ",d", "tickMinStep": 1}, title=value_title),
        },
        "mark": {"type": "bar"},
    }
    return _spec(rows, [bars], height=240, lang=lang)
