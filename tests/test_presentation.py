"""Presentation mode (?mode=present): slides by the clock, no controls, last figures kept."""

import pytest

from components.overview.show import SLIDES, ShowSettings, current_slide
from data_access.core.errors import DatabaseProblem
from tests import known_office
from tests.apptest import metrics, run_app
from tests.known_office import NOW_ISO
from ui.db import CachedDatabase


def test_slides_follow_the_clock_and_a_held_slide_stays():
    every_20 = ShowSettings(interval=20, refresh=60, held_slide=None)
    assert [current_slide(every_20, t) for t in (0, 19, 20, 45, 80, 100)] == [0, 0, 1, 2, 4, 0]
    assert current_slide(ShowSettings(20, 60, held_slide=3), 12345) == 3
    assert len(SLIDES) == 5


@pytest.fixture
def office_url(db_url, engine):
    with engine.begin() as conn:
        known_office.fill(conn)
    return db_url


@pytest.mark.parametrize(
    "slide, title",
    [
        (1, "Tổng quan"),
        (2, "Nhiệm vụ quá hạn theo đơn vị chủ trì"),
        (3, "Văn bản đến và đi trong tháng"),
        (4, "Hội họp trong tháng"),
        (5, "Điểm cầu xã, phường, đặc khu"),
    ],
)
def test_each_slide_without_controls(monkeypatch, office_url, slide, title):
    at = run_app(monkeypatch, office_url, NOW_ISO, query={"mode": "present", "slide": str(slide)})
    assert not at.exception
    assert at.title[0].value == title
    assert "Cập nhật lúc 09:00 28/08/2025" in at.caption[0].value
    assert f"Trang {slide}/5" in at.caption[0].value
    for widget in ("button", "selectbox", "text_input", "segmented_control", "pills", "date_input"):
        assert len(getattr(at, widget)) == 0, widget
    if slide == 1:
        assert metrics(at)["Nhiệm vụ quá hạn"][0] == "5"


def test_a_dropped_database_keeps_the_last_figures(monkeypatch, office_url):
    at = run_app(monkeypatch, office_url, NOW_ISO, query={"mode": "present", "slide": "1"})
    assert metrics(at)["Nhiệm vụ quá hạn"][0] == "5"

    def unreachable(*args, **kwargs):
        raise DatabaseProblem(DatabaseProblem.UNREACHABLE)

    monkeypatch.setattr(CachedDatabase, "timed", unreachable)
    at.run()
    assert not at.exception
    assert metrics(at)["Nhiệm vụ quá hạn"][0] == "5"
    assert any("Mất kết nối cơ sở dữ liệu" in c.value for c in at.caption)
