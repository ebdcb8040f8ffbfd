"""The charts are plain Vega-Lite dictionaries: valid, JSON as they stand, the look and the selections the pages
rely on, the same specification for the same figures, and drawn without Altair (issue 17: charts cheap to draw)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.elements.vega_charts import _extract_selection_parameters
from streamlit.testing.v1 import AppTest

from components.shared import charts
from components.shared.palette import BAD, GOOD, INFO, tone
from data_access.core.config import PROJECT_ROOT

SLIDE = 28  # the presentation's text size: every chart label at least this

UNITS = [
    {"unit_id": 8, "unit": "Sở Giáo dục và Đào tạo", "overdue": 18, "text": "18 / 151 (11,9%)"},
    {"unit_id": 17, "unit": "Bộ Chỉ huy Quân sự tỉnh", "overdue": 13, "text": "13 / 135 (9,6%)"},
    {"unit_id": 2, "unit": "Sở Tài chính", "overdue": 4, "text": "4 / 141 (2,8%)"},
]
AGES = [
    {"age": "1-7", "label": "1–7", "count": 7},
    {"age": "8-30", "label": "8–30", "count": 11},
    {"age": "90+", "label": ">90", "count": 176},
]
VOLUME = [
    {"start": f"2026-11-0{d}", "label": f"0{d}/11", "direction": w, "direction_label": label, "count": n}
    for d in (2, 3, 4)
    for w, label, n in (("incoming", "Đến", 170 + d), ("outgoing", "Đi", 90 - d))
]
DAYS = [
    {"day": f"2026-11-{d:02d}", "week": "02/11" if d < 9 else "09/11", "weekday": f"T{d % 7 + 2}", "count": d % 3}
    for d in range(2, 16)
]
WEEKS = [
    {"week": "02/11", "kind": "meeting", "kind_label": "Cuộc họp", "count": 5},
    {"week": "02/11", "kind": "conference", "kind_label": "Hội nghị", "count": 1},
    {"week": "09/11", "kind": "meeting", "kind_label": "Cuộc họp", "count": 4},
]
POINTS = [
    {
        "code": f"XA-{i}",
        "status": status,
        "status_label": {"connected": "Kết nối", "disconnected": "Mất kết nối"}[status],
        "label": f"✓ Xã {i}",
        "detail": "3 giờ trước",
        "ink": tone(status).ink,
    }
    for i, status in enumerate(["connected"] * 10 + ["disconnected"] * 2)
]
PLACES = [
    {**p, "name": f"Xã {i}", "latitude": 10.2 + i / 50, "longitude": 105.1 + i / 40}
    for i, p in enumerate(POINTS)
    if i >= 4  # six connected, two disconnected
]
RATES = [{"day": f"2026-11-{d:02d}", "rate": 95.0 + d / 10} for d in range(1, 8)]
PAIRS = [
    {"month": f"{m:02d}/2026", "series": series, "count": n}
    for m in range(1, 13)
    for series, n in (("12 tháng gần nhất", 70 + m), ("Cùng kỳ năm trước", 60 + m))
]


def ranking(font_size=charts.FONT_SIZE, rows=UNITS):
    return charts.build_ranking_chart(
        rows,
        label="unit",
        value="overdue",
        text="text",
        key="unit_id",
        selection="unit",
        value_title="Quá hạn",
        lang="vi",
        font_size=font_size,
    )


def buckets(rows=AGES):
    return charts.build_bucket_chart(
        rows,
        label="label",
        value="count",
        key="age",
        selection="age",
        label_title="Số ngày",
        value_title="Số",
        lang="vi",
    )


def volume(font_size=charts.FONT_SIZE, rows=VOLUME):
    return charts.build_volume_chart(
        rows,
        bucket="start",
        label="label",
        direction="direction",
        direction_label="direction_label",
        value="count",
        selection="bucket",
        value_title="Số văn bản",
        lang="vi",
        font_size=font_size,
    )


def calendar(font_size=charts.FONT_SIZE):
    weekdays = [f"T{i}" for i in range(2, 9)]
    return charts.build_calendar_chart(
        DAYS,
        day="day",
        week="week",
        weekday="weekday",
        value="count",
        weekday_order=weekdays,
        selection="day",
        lang="vi",
        font_size=font_size,
    )


def stacked(lang="vi"):
    return charts.build_stacked_chart(
        WEEKS,
        x="week",
        x_title="Tuần",
        value="count",
        group="kind",
        group_label="kind_label",
        value_title="Số",
        lang=lang,
    )


def board(font_size=12, columns=6):
    return charts.build_board_chart(
        POINTS,
        code="code",
        status="status",
        status_label="status_label",
        label="label",
        detail="detail",
        columns=columns,
        selection="point",
        lang="vi",
        font_size=font_size,
    )


def point_map():
    return charts.build_point_map(
        PLACES,
        code="code",
        status="status",
        status_label="status_label",
        name="name",
        label="label",
        selection="point",
        lang="vi",
        outline=charts.convex_hull([(p["longitude"], p["latitude"]) for p in PLACES]),
    )


def rate():
    return charts.build_rate_chart(RATES, day="day", rate="rate", day_title="Ngày", rate_title="Tỷ lệ", lang="vi")


def pair(lang="vi"):
    return charts.build_pair_chart(PAIRS, x="month", series="series", value="count", value_title="Quá hạn", lang=lang)


BUILDERS = {
    "ranking": ranking,
    "buckets": buckets,
    "volume": volume,
    "calendar": calendar,
    "stacked": stacked,
    "board": board,
    "map": point_map,
    "rate": rate,
    "pair": pair,
}
SELECTIONS = {
    "ranking": "unit",
    "buckets": "age",
    "volume": "bucket",
    "calendar": "day",
    "board": "point",
    "map": "point",
}


def views(spec: dict) -> list[dict]:
    """The spec's unit views: its layers, or itself."""
    return spec.get("layer", [spec])


def walk(value):
    """Every dict inside a spec, the spec included."""
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)


@cache
def vega_lite_schema():
    """The Vega-Lite JSON schema (the copy Altair ships: used here only, never when a page runs)."""
    import altair

    return json.loads((Path(altair.__file__).parent / "vegalite/v6/schema/vega-lite-schema.json").read_text())


@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_chart_is_a_valid_vega_lite_dict_and_json_as_it_stands(name):
    import jsonschema

    spec = BUILDERS[name]()
    assert isinstance(spec, dict)
    text = json.dumps(spec, ensure_ascii=False)  # no default=: nothing but JSON types inside
    assert json.loads(text) == spec == spec.to_dict()
    assert spec["$schema"] == charts.SCHEMA
    jsonschema.validate(spec, vega_lite_schema())  # what Altair checked on every rerun, checked once here
    # the data as Altair put it: rows under a name every view that draws them uses
    (dataset,) = spec["datasets"]
    assert all(isinstance(row, dict) for row in spec["datasets"][dataset])
    references = [v["data"]["name"] for v in [spec, *views(spec)] if "name" in v.get("data", {})]
    assert references and set(references) == {dataset}


@pytest.mark.parametrize("name", list(SELECTIONS))
def test_a_tap_selects_under_the_name_the_page_asks_for(name):
    """`selection_mode=` names the selection and `chart_pick` reads it: the same name, on a view that exists."""
    spec = BUILDERS[name]()
    assert _extract_selection_parameters(spec) == {SELECTIONS[name]}
    (param,) = spec["params"]
    assert param["select"] == {"type": "point", "fields": param["select"]["fields"], "on": "click"}
    named = [v.get("name") for v in views(spec)]
    if "layer" in spec:
        assert param["views"] == ["view_1"] and named.count("view_1") == 1
    # the tapped bar or tile stands out: every condition on the selection names it
    conditions = [d["condition"] for d in walk(spec) if isinstance(d.get("condition"), dict)]
    assert any(c.get("param") == SELECTIONS[name] for c in conditions)


def test_the_selected_fields_are_the_ones_the_callbacks_read():
    fields = {n: BUILDERS[n]()["params"][0]["select"]["fields"] for n in SELECTIONS}
    assert fields == {
        "ranking": ["unit_id"],  # _on_unit_tap reads picked["unit_id"]
        "buckets": ["age"],
        "volume": ["start", "direction"],  # _on_volume_tap reads both
        "calendar": ["day"],
        "board": ["code"],
        "map": ["code"],
    }
    # the map names a point only once tapped: nothing selected means nothing named
    text = next(v for v in point_map()["layer"] if v["mark"]["type"] == "text")["encoding"]["text"]
    assert text["condition"]["empty"] is False and text["value"] == ""


def test_the_colours_keep_their_meaning():
    assert views(ranking())[0]["mark"]["color"] == BAD.hex == charts.OVERDUE
    assert views(buckets())[0]["mark"]["color"] == BAD.hex
    colour = views(volume())[0]["encoding"]["color"]["scale"]
    assert colour == {"domain": ["Đến", "Đi"], "range": ["#1f5fa8", "#e08a00"]}
    assert volume()["layer"][0]["encoding"]["xOffset"]["sort"] == ["Đến", "Đi"]  # bars in the legend's order
    assert stacked()["encoding"]["color"]["scale"] == {
        "domain": ["Cuộc họp", "Hội nghị"],
        "range": ["#1f5fa8", "#e08a00"],
    }
    tiles = board()["layer"][0]["encoding"]["color"]["scale"]
    assert tiles == {"domain": ["Kết nối", "Mất kết nối"], "range": [GOOD.hex, BAD.hex]}
    dots = point_map()["layer"][1]["encoding"]
    assert dots["color"]["scale"]["range"] == [GOOD.hex, BAD.hex]
    assert dots["shape"]["scale"]["range"] == ["circle", "square"]  # the status without colour too
    assert rate()["mark"] == {"type": "line", "color": GOOD.hex, "point": {"color": GOOD.hex}}
    assert pair()["encoding"]["color"]["scale"]["range"] == [BAD.hex, "#9e9e9e"]
    assert INFO.hex == charts.NEUTRAL


def test_numbers_are_written_the_vietnamese_way_or_the_english_one():
    assert pair()["config"]["locale"]["number"] == {
        "decimal": ",",
        "thousands": ".",
        "grouping": [3],
        "currency": ["", " ₫"],
    }
    assert pair("en")["config"]["locale"]["number"]["thousands"] == ","
    assert all(d.get("format") in (None, ",d", "%d/%m") for name in BUILDERS for d in walk(BUILDERS[name]()))


def test_a_page_draws_its_labels_at_14_px_and_a_slide_every_text_at_28_px_in_black():
    for spec in (ranking(), buckets(), volume(), calendar(), stacked(), point_map(), rate(), pair()):
        assert spec["config"]["axis"]["labelFontSize"] == charts.FONT_SIZE
        assert spec["config"]["legend"]["labelFontSize"] == charts.FONT_SIZE
        assert "labelColor" not in spec["config"]["axis"]
    for spec in (ranking(SLIDE), volume(SLIDE), calendar(SLIDE + 8), board(SLIDE, columns=5)):
        config = spec["config"]
        assert min(config["axis"]["labelFontSize"], config["axis"]["titleFontSize"]) >= SLIDE
        assert (
            config["axis"]["labelColor"] == config["axis"]["titleColor"] == config["legend"]["labelColor"] == "#000000"
        )
        sizes = [d["fontSize"] for d in walk(spec) if "fontSize" in d]
        assert sizes and min(sizes) >= SLIDE, sizes
    # taller on a slide, so the chart reaches down into the lower third of the screen
    assert volume(SLIDE)["height"] == 430 and volume()["height"] == 280
    # on a slide the tiles are larger, their names longer, and the symbols say the statuses (no legend)
    large = board(SLIDE, columns=5)
    assert large["height"] == int(SLIDE * 3.4) * 3 and large["layer"][0]["encoding"]["color"]["legend"] is None
    assert board()["height"] == 46 * 2 and board()["layer"][1]["mark"]["limit"] == 150


def test_axes_and_heights_follow_the_figures():
    x = ranking()["layer"][0]["encoding"]["x"]
    assert x["axis"]["values"] == [0, 5, 10, 15] and x["scale"] == {"domainMax": 18 * 1.6, "nice": False}
    assert ranking()["height"] == max(120, charts.BAR_HEIGHT_PX * 3)
    assert ranking(SLIDE)["height"] == int(SLIDE * 1.9) * 3
    y = buckets()["layer"][0]["encoding"]["y"]
    assert y["scale"]["domainMax"] < 200 and max(y["axis"]["values"]) <= 176
    assert buckets([])["layer"][0]["encoding"]["y"]["axis"]["values"] == [0]  # no figures: an empty axis, no error
    assert calendar()["height"] == 120 and calendar(SLIDE + 8)["height"] == int((SLIDE + 8) * 2.4) * 2
    numbers = calendar()["layer"][1]["encoding"]["color"]["condition"]
    assert numbers == {"test": "datum.count >= 1.0", "value": "white"}
    many = [dict(r, label=f"{i:02d}/11") for i, r in enumerate(VOLUME * 4)]
    assert "layer" not in volume(rows=many)  # too many bars for their numbers: the bars alone
    assert volume(rows=many)["encoding"]["x"]["axis"]["labelAngle"] == -45


def test_the_same_figures_give_the_same_spec_and_the_rows_are_not_changed():
    rows = [dict(p) for p in POINTS]
    first = charts.build_board_chart(
        rows,
        code="code",
        status="status",
        status_label="status_label",
        label="label",
        detail="detail",
        columns=6,
        selection="point",
        lang="vi",
    )
    assert rows == POINTS  # the tiles' places are added to copies
    assert first == board() and list(first["datasets"]) == list(board()["datasets"])
    other = ranking(rows=[dict(UNITS[0], overdue=19)])
    assert list(other["datasets"]) != list(ranking()["datasets"])  # new figures, a new dataset name
    # a pandas frame gives the same spec as its rows
    import pandas as pd

    assert ranking(rows=pd.DataFrame(UNITS)) == ranking()


def test_building_a_chart_needs_neither_altair_nor_pandas():
    code = (
        "import sys; import components.shared.charts as c; "
        "assert 'altair' not in sys.modules and 'jsonschema' not in sys.modules, 'altair imported'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, check=True)
    source = Path(charts.__file__).read_text()
    assert "altair" not in source.split('"""', 2)[2]  # past the docstring: no import, no use


def _draw_script():
    import json

    import streamlit as st

    from components.shared.charts import build_ranking_chart, draw

    rows = [
        {"unit_id": 8, "unit": "Sở A", "overdue": 3, "text": "3"},
        {"unit_id": 2, "unit": "Sở B", "overdue": 1, "text": "1"},
    ]
    spec = build_ranking_chart(
        rows, label="unit", value="overdue", text="text", key="unit_id", selection="unit", value_title="n", lang="vi"
    )
    draw(spec, key="chart", on_select=lambda: None, selection_mode="unit", width="stretch")
    st.session_state["spec_after"] = json.dumps(spec, sort_keys=True)
    st.session_state["spec_sent"] = json.dumps(
        build_ranking_chart(
            rows,
            label="unit",
            value="overdue",
            text="text",
            key="unit_id",
            selection="unit",
            value_title="n",
            lang="vi",
        ),
        sort_keys=True,
    )


def test_drawing_sends_the_rows_as_arrow_and_keeps_the_selection():
    at = AppTest.from_function(_draw_script)
    at.run()
    assert not at.exception
    (chart,) = at.get("vega_lite_chart")
    proto = chart.proto
    assert list(proto.selection_mode) == ["unit"] and proto.id  # a widget: its taps come back to the page
    sent = json.loads(proto.spec)
    assert "datasets" not in sent  # the rows travel beside the spec, as Arrow
    (dataset,) = proto.datasets
    assert sent["data"] == {"name": dataset.name}
    table = pa.ipc.open_stream(io.BytesIO(dataset.data.data)).read_all()
    assert table.to_pylist() == [
        {"unit_id": 8, "unit": "Sở A", "overdue": 3, "text": "3"},
        {"unit_id": 2, "unit": "Sở B", "overdue": 1, "text": "1"},
    ]
    assert str(table.schema.field("unit").type) == "string" and str(table.schema.field("overdue").type) == "int64"
    assert at.session_state["spec_after"] == at.session_state["spec_sent"]  # drawing leaves the spec as it was
