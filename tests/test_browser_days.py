"""A working day on the days that broke the dashboard: 1 December, 1 January and a mid-month day.

For each day, the embedded demo is made as a first start would make it on that day (OFFICE_FROZEN_NOW) and
served; every page at the three sizes and every slide at 1920x1080 is opened and photographed
(SCREENSHOT_DIR/days/), and the tasks page's default view shows the overview's overdue count.
"""

from __future__ import annotations

import datetime as dt

import pytest

from data_access.accounts.sessions import start_session
from data_access.accounts.users import list_users
from data_access.core.engine import get_engine
from tests.builders import vn
from tests.test_browser import (
    SCREENSHOTS,
    SIZES,
    _assert_fits,
    _prepare_demo,
    _settle,
    _start_server,
    _stop,
    browser,  # noqa: F401 (the module's fixture)
)
from ui.session import COOKIE

pytestmark = pytest.mark.browser

DAYS = {
    "01-12-2026": vn(2026, 12, 1, 8, 30),
    "01-01-2027": vn(2027, 1, 1, 8, 30),
    "16-11-2026": vn(2026, 11, 16, 14, 0),
}
PAGES = {"overview": "/", "tasks": "/tasks", "documents": "/documents", "meetings": "/meetings", "points": "/points"}
SHOW_TITLES = ("Tổng quan", "Nhiệm vụ quá hạn", "Văn bản đến", "Hội họp", "Điểm cầu", "Hành chính công")


@pytest.fixture(scope="module", params=list(DAYS))
def day_server(request, tmp_path_factory):
    """The demo made and served on that day; a session of the leader (who may read everything)."""
    now = DAYS[request.param]
    tmp = tmp_path_factory.mktemp(f"day-{request.param}")
    db_file = tmp / "office.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("tests.test_browser.NOW", now)
        _prepare_demo(db_file)
    db_url = f"sqlite:///{db_file}"
    engine = get_engine(db_url)
    leader = next(u for u in list_users(engine) if u.login == "lanhdao")
    token = start_session(engine, leader, now)
    proc, url = _start_server(
        {"OFFICE_EMBEDDED_DB": str(db_file), "OFFICE_FROZEN_NOW": now.isoformat()}, tmp / "server.log"
    )
    yield request.param, url, token
    _stop(proc)


def _page(chromium, url, token, size):
    context = chromium.new_context(viewport={"width": size[0], "height": size[1]}, locale="vi-VN", has_touch=True)
    context.add_cookies([{"name": COOKIE, "value": token, "url": url}])
    return context.new_page()


def _shot(page, day: str, name: str) -> None:
    folder = SCREENSHOTS / "days"
    folder.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 8000)})
    page.wait_for_timeout(500)
    page.screenshot(path=folder / f"{day}-{name}.png")
    page.set_viewport_size(size)


def _metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]', has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_every_page_at_every_size_on_the_day(browser, day_server):  # noqa: F811
    day, url, token = day_server
    for size_name, size in SIZES.items():
        page = _page(browser, url, token, size)
        for name, path in PAGES.items():
            page.goto(url + path)
            page.wait_for_selector('[data-testid="stMetric"]', timeout=90_000)
            _settle(page)
            _assert_fits(page)
            assert page.get_by_text("Traceback").count() == 0
            _shot(page, day, f"{name}-{size_name}")
        page.close()


def test_the_tasks_page_shows_the_overviews_overdue_count_on_the_day(browser, day_server):  # noqa: F811
    day, url, token = day_server
    page = _page(browser, url, token, SIZES["tablet-landscape"])
    page.goto(url + "/")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=90_000)
    _settle(page)
    overdue = _metric(page, "Nhiệm vụ quá hạn")
    page.get_by_role("link", name="Nhiệm vụ").first.click()
    page.get_by_text("Quá hạn chưa hoàn thành").first.wait_for(timeout=60_000)
    _settle(page)
    tasks_overdue = _metric(page, "Quá hạn chưa hoàn thành")
    if tasks_overdue != overdue:
        _shot(page, day, "tasks-mismatch")
    assert tasks_overdue == overdue, day
    assert int(overdue.replace(".", "")) > 0
    assert page.get_by_text("Không có nhiệm vụ quá hạn").count() == 0
    page.close()


def test_every_slide_on_the_day(browser, day_server):  # noqa: F811
    day, url, token = day_server
    page = _page(browser, url, token, (1920, 1080))
    for n in range(1, 7):
        page.goto(f"{url}/?mode=present&slide={n}")
        page.wait_for_function(f"() => document.body.innerText.includes('Trang {n}/6')", timeout=60_000)
        _settle(page)
        assert SHOW_TITLES[n - 1] in page.locator("h1").first.inner_text()
        assert page.evaluate("document.scrollingElement.scrollHeight") <= 1082
        _shot(page, day, f"slide-{n}-projector")
    page.close()


def test_the_default_period_holds_data_on_the_day(browser, day_server):  # noqa: F811
    """On the 1st the default is last month (whole), so the documents page does not open on one empty day."""
    day, url, token = day_server
    page = _page(browser, url, token, SIZES["tablet-landscape"])
    page.goto(url + "/documents")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=90_000)
    _settle(page)
    incoming = int(_metric(page, "Văn bản đến").replace(".", ""))
    assert incoming > 100, (day, incoming)
    today = DAYS[day].date()
    if today.day == 1:
        last = today - dt.timedelta(days=1)
        text = page.locator('[data-testid="stMain"]').inner_text()
        assert f"01/{last:%m/%Y}" in text and f"{last:%d/%m/%Y}" in text, text[:600]
    page.close()
