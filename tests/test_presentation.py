"""Presentation mode (?mode=present): slides by the clock, no controls, last figures kept."""

import pytest

from components.overview.show import SLIDES, ShowPosition, ShowSettings, start_position
from data_access.core.errors import DatabaseProblem
from tests import known_office
from tests.apptest import metrics, run_app
from tests.known_office import NOW_ISO
from ui.db import CachedDatabase


def test_slides_start_on_the_overview_and_follow_the_clock_and_a_held_slide_stays():
    started = 1_000_007.0  # whatever the clock says when the show opens, it opens on the overview
    every_20 = start_position(ShowSettings(interval=20, refresh=60, held_slide=None), started)
    assert [every_20.at(started + t, 20) for t in (0, 19, 20, 45, 80, 100, 120)] == [0, 0, 1, 2, 4, 5, 0]
    held = start_position(ShowSettings(20, 60, held_slide=3), started)
    assert held.at(started + 12345, 20) == 3 and held.paused
    assert len(SLIDES) == 6


def test_a_clicker_steps_pauses_and_resumes():
    p = ShowPosition(0, 0.0, False)
    p = p.after("next", 45.0, 20)  # on slide 3 (index 2) by the clock: next holds slide 4
    assert (p.at(45.0, 20), p.paused) == (3, True) and p.at(500.0, 20) == 3
    p = p.after("prev", 50.0, 20)
    assert p.at(50.0, 20) == 2
    p = p.after("pause", 60.0, 20)  # resume from there
    assert not p.paused and p.at(60.0, 20) == 2 and p.at(80.0, 20) == 3
    p = p.after("pause", 81.0, 20)
    assert p.paused and p.at(1000.0, 20) == 3
    assert p.after("first", 90.0, 20).at(90.0, 20) == 0


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
        (6, "Hành chính công: hồ sơ và chỉ số phục vụ"),
    ],
)
def test_each_slide_without_controls(monkeypatch, office_url, slide, title):
    at = run_app(monkeypatch, office_url, NOW_ISO, query={"mode": "present", "slide": str(slide)})
    assert not at.exception
    assert at.title[0].value == title
    assert "Cập nhật lúc 09:00 28/08/2025" in at.caption[0].value
    assert f"Trang {slide}/6" in at.caption[0].value
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


def test_on_the_first_of_a_month_the_show_presents_last_month(monkeypatch, office_url):
    at = run_app(monkeypatch, office_url, "2025-09-01T08:00:00+07:00", query={"mode": "present", "slide": "4"})
    assert not at.exception
    assert "01/08/2025 – 31/08/2025" in at.caption[0].value
