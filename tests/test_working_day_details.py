"""The smaller things a working day met: each checked where it shows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from components.shared.charts import _ticks, build_calendar_chart, build_volume_chart
from data_access.accounts import sessions
from data_access.core.config import PROJECT_ROOT
from tests import known_tasks as K
from tests.apptest import run_app, signed_in_token
from ui import keys

TASKS = "app_pages/tasks.py"


@pytest.fixture
def tasks_url(db_url, engine):
    with engine.begin() as conn:
        K.fill(conn)
    return db_url


def test_example_codes_have_the_offices_five_digits():
    """The README's example and the search placeholder use codes like the office's own (NV-2025-00412)."""
    from i18n import CATALOGUES

    readme = (PROJECT_ROOT / "README.md").read_text()
    examples = set(re.findall(r"NV-\d{4}-\d+", readme + CATALOGUES["vi"]["tasks.filter_text_placeholder"]))
    assert examples and all(re.fullmatch(r"NV-\d{4}-\d{5}", code) for code in examples), examples


def test_english_counts_agree_with_their_numbers(monkeypatch):
    from components.tasks.table import timing_text
    from data_access.tasks.lists import TaskRow
    from i18n import fmt_extensions, set_language

    set_language("en")
    try:
        row = TaskRow(1, "NV", "x", "chairman", "u", None, None, "in_progress", 0, "open_in_time", None, 1)
        assert timing_text(row) == "1 day left"
        assert fmt_extensions(1, None) == "Extended 1 time"
        from i18n import t

        assert t("source.vice_chairman") == "PPC Vice Chairman"
    finally:
        set_language("vi")


def test_axes_stop_at_the_data_and_a_lone_count_is_readable():
    import pandas as pd

    assert _ticks(15) == [0, 5, 10, 15] and _ticks(162) == [0, 50, 100, 150]
    from components.shared.charts import build_bucket_chart

    ages = pd.DataFrame({"age": ["a", "b"], "label": ["1-7", "90+"], "count": [7, 162]})
    spec = build_bucket_chart(
        ages, label="label", value="count", key="age", selection="s", label_title="x", value_title="y", lang="vi"
    ).to_dict()
    y = spec["layer"][0]["encoding"]["y"]
    assert y["scale"]["domainMax"] < 200 and max(y["axis"]["values"]) <= 162
    cal = pd.DataFrame({"day": ["2026-12-01"], "week": ["30/11"], "weekday": ["T3"], "count": [1]})
    spec = build_calendar_chart(
        cal, day="day", week="week", weekday="weekday", value="count", weekday_order=["T3"], selection="d", lang="vi"
    ).to_dict()
    text_layer = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "text")
    assert text_layer["encoding"]["color"]["condition"]["test"] == "datum.count >= 1.0"  # white on the darkest cell
    vol = pd.DataFrame(
        {
            "start": ["a", "a"],
            "label": ["01/12", "01/12"],
            "direction": ["incoming", "outgoing"],
            "direction_label": ["Đến", "Đi"],
            "count": [3, 2],
        }
    )
    spec = build_volume_chart(
        vol,
        bucket="start",
        label="label",
        direction="direction",
        direction_label="direction_label",
        value="count",
        selection="v",
        value_title="n",
        lang="vi",
    ).to_dict()
    assert spec["layer"][0]["encoding"]["xOffset"]["sort"] == ["Đến", "Đi"]  # bars in the legend's order


def test_no_period_filter_on_a_drill_down(monkeypatch, tasks_url):
    at = run_app(monkeypatch, tasks_url, K.NOW_ISO, page=TASKS, query={"task": "NV-2025-0008"})
    assert not at.exception
    assert not [c for c in at.segmented_control if c.key == keys.PERIOD]
    listing = run_app(monkeypatch, tasks_url, K.NOW_ISO, page=TASKS)
    assert [c for c in listing.segmented_control if c.key == keys.PERIOD]


def test_an_ended_session_says_why_on_the_login_form(monkeypatch, tasks_url):
    from data_access.core.engine import get_engine

    token = signed_in_token(tasks_url, "viewer")
    sessions.end_session(get_engine(tasks_url), token)
    at = run_app(monkeypatch, tasks_url, K.NOW_ISO, role=None, state={keys.SESSION_TOKEN: token})
    assert not at.exception
    assert any("Phiên làm việc đã kết thúc" in i.value for i in at.info)
    assert at.text_input(key=keys.LOGIN_NAME) is not None


def test_no_deprecated_streamlit_arguments_in_the_tree():
    """`use_container_width` is being removed from Streamlit: 27 warnings a day in the server log."""
    found = [
        p
        for p in Path(PROJECT_ROOT).rglob("*.py")
        if ".git" not in p.parts and "use_container_width" in p.read_text() and p.name != Path(__file__).name
    ]
    assert found == []


def test_the_demo_map_is_a_province_along_a_river_with_its_outline():
    """The demo's communes lie in a band along a river (not a random box), the outline is their hull, and the
    map names a point only when tapped, with no tile server."""
    import random
    import statistics

    import pandas as pd

    from components.shared.charts import build_point_map, convex_hull
    from data_access.demo.seed import RIVER, _along_river

    rng = random.Random(7)
    places = [_along_river(rng.random(), rng.random()) for _ in range(99)]
    lats, lons = [p[0] for p in places], [p[1] for p in places]
    assert statistics.correlation(lats, lons) < -0.6  # north-west to south-east, like its river (a box: about 0)
    assert min(lats) >= RIVER[-1][0] - 0.4 and max(lats) <= RIVER[0][0] + 0.4
    hull = convex_hull([(lon, lat) for lat, lon in places])
    assert 4 <= len(hull) < len(places)
    frame = pd.DataFrame(
        {
            "code": ["A"],
            "status": ["connected"],
            "status_label": ["Kết nối"],
            "name": ["Xã A"],
            "label": ["A"],
            "latitude": [lats[0]],
            "longitude": [lons[0]],
        }
    )
    spec = build_point_map(
        frame,
        code="code",
        status="status",
        status_label="status_label",
        name="name",
        label="label",
        selection="p",
        lang="vi",
        outline=hull,
    ).to_dict()
    marks = [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]
    assert marks[0] == "geoshape" and "text" in marks
    text = next(
        layer
        for layer in spec["layer"]
        if (layer["mark"].get("type") if isinstance(layer["mark"], dict) else layer["mark"]) == "text"
    )
    assert "condition" in text["encoding"]["text"]  # the name only for the tapped point
    assert "url" not in str(spec)  # nothing fetched: no tiles, no remote data
