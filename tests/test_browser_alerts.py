""" "Cần chú ý" and the pre-meeting check in a real browser (Chromium through Playwright) at tablet and
projector sizes, with a finger's taps; screenshots in SCREENSHOT_DIR (default artifacts/screenshots)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from data_access.alerts.lists import attention
from data_access.alerts.premeeting import meeting_board
from data_access.core.engine import get_engine
from data_access.core.schema import meetings
from i18n import fmt_int
from tests.test_browser import (
    NOW,
    SIZES,
    _assert_fits,
    _new_page,
    _screenshot,
    _settle,
    browser,  # noqa: F401 (the module's fixture)
    demo_server,  # noqa: F401 (the module's fixture)
)
from tests.test_browser_plain_text import _open as _open_hostile
from tests.test_browser_plain_text import _outside, hostile_server  # noqa: F401 (the module's fixture)

pytestmark = pytest.mark.browser


def _goto(page, address: str) -> None:
    page.goto(address)
    page.wait_for_selector('[data-testid="stHeading"]', timeout=90_000)
    _settle(page)


def _attention(db_url):
    with get_engine(db_url).connect() as conn:
        return attention(conn, NOW)


def _planned_online(db_url) -> int:
    with get_engine(db_url).connect() as conn:
        return conn.execute(
            select(meetings.c.id)
            .where(meetings.c.status == "planned", meetings.c.is_online.is_(True), meetings.c.starts_at > NOW)
            .order_by(meetings.c.starts_at)
            .limit(1)
        ).scalar_one()


@pytest.mark.parametrize("size_name", list(SIZES))
def test_attention_on_the_overview_at_each_size(browser, demo_server, size_name):  # noqa: F811
    url, db_url = demo_server
    expected = _attention(db_url)
    page = _new_page(browser, url, SIZES[size_name])
    _goto(page, url + "/")
    heading = page.get_by_role("heading", name="Cần chú ý")
    heading.wait_for(timeout=30_000)
    assert page.get_by_text(f"{fmt_int(expected.counts.total)} cảnh báo đang mở").count() == 1
    for rule, count in expected.counts.by_rule.items():  # each group counted, one tap from its list
        link = page.locator(f'a[href*="rule={rule}"]').first
        assert link.inner_text().strip().endswith(fmt_int(count))
        assert link.bounding_box()["height"] >= 40
    _assert_fits(page)
    heading.scroll_into_view_if_needed()
    _screenshot(page, f"attention-{size_name}")
    page.close()


def test_a_tap_on_an_alert_opens_its_item(browser, demo_server):  # noqa: F811
    url, _ = demo_server
    page = _new_page(browser, url, SIZES["tablet-landscape"], touch=True)
    _goto(page, url + "/")
    grid = page.locator('[data-testid="stDataFrame"]').nth(2)  # after the tasks section's two tables
    grid.evaluate("e => e.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(400)
    box = grid.bounding_box()
    page.touchscreen.tap(box["x"] + 300, box["y"] + 44 + 22)  # a finger on the first alert's item
    page.wait_for_function(
        "() => ['task', 'document', 'point', 'meeting'].some(p => new URLSearchParams(location.search).has(p))",
        timeout=20_000,
    )
    _settle(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    page.close()


def test_a_group_count_opens_the_filtered_alerts_page(browser, demo_server):  # noqa: F811
    url, db_url = demo_server
    expected = _attention(db_url)
    rule, count = next(iter(expected.counts.by_rule.items()))
    page = _new_page(browser, url, SIZES["tablet-portrait"], touch=True)
    _goto(page, url + "/")
    link = page.locator(f'a[href*="rule={rule}"]').first
    link.scroll_into_view_if_needed()
    link.tap()
    page.wait_for_url(re.compile(r".*/alerts\?.*rule=" + rule), timeout=20_000)
    _settle(page)
    assert page.get_by_role("heading", name="Danh sách cảnh báo").count() == 1
    assert page.locator('[data-testid="stDataFrame"]').count() >= 1
    _assert_fits(page)
    page.close()


@pytest.mark.parametrize("size_name", list(SIZES))
def test_alerts_page_at_each_size(browser, demo_server, size_name):  # noqa: F811
    url, _ = demo_server
    page = _new_page(browser, url, SIZES[size_name], login="quantri")  # an administrator: the rules too
    _goto(page, url + "/alerts")
    page.get_by_role("heading", name="Quy tắc cảnh báo").wait_for(timeout=30_000)
    assert page.get_by_role("heading", name="Nhận cảnh báo qua thư điện tử").count() == 1
    assert page.get_by_role("radio", name="Tháng này").count() == 0  # alerts are now: no period to choose
    _assert_fits(page)
    _screenshot(page, f"alerts-{size_name}")
    page.close()


@pytest.mark.parametrize("size_name", list(SIZES))
def test_premeeting_board_at_each_size(browser, demo_server, size_name):  # noqa: F811
    url, db_url = demo_server
    meeting_id = _planned_online(db_url)
    with get_engine(db_url).connect() as conn:
        board = meeting_board(conn, meeting_id, NOW)
    page = _new_page(browser, url, SIZES[size_name], login="chuyenvien")
    _goto(page, f"{url}/meetings?meeting={meeting_id}")
    page.get_by_text("Kiểm tra trước cuộc họp").first.wait_for(timeout=30_000)
    ready = f"{fmt_int(board.ready)}/{fmt_int(len(board.points))} điểm cầu sẵn sàng"
    assert page.get_by_text(ready).count() == 1
    assert page.get_by_text(f"Cần gọi ({fmt_int(len(board.to_call))})").count() == 1
    _assert_fits(page)
    page.get_by_text("Kiểm tra trước cuộc họp").first.scroll_into_view_if_needed()
    _screenshot(page, f"premeeting-{size_name}")
    page.close()


def test_the_it_specialist_marks_a_point_rechecked(browser, demo_server):  # noqa: F811
    url, db_url = demo_server
    meeting_id = _planned_online(db_url)
    with get_engine(db_url).connect() as conn:
        before = meeting_board(conn, meeting_id, NOW)
    assert before.to_call, "the demo's points are checked daily: some are due a re-check before the meeting"
    page = _new_page(browser, url, SIZES["tablet-landscape"], login="chuyenvien", touch=True)
    _goto(page, f"{url}/meetings?meeting={meeting_id}")
    button = page.get_by_role("button", name="Đã kiểm tra lại")
    button.scroll_into_view_if_needed()
    assert button.bounding_box()["height"] >= 40
    button.tap()
    page.get_by_text(f"Cần gọi ({fmt_int(len(before.to_call) - 1)})").wait_for(timeout=30_000)
    with get_engine(db_url).connect() as conn:
        after = meeting_board(conn, meeting_id, NOW)
    assert len(after.to_call) == len(before.to_call) - 1
    assert before.to_call[0].code not in {p.code for p in after.to_call}
    page.close()


@pytest.mark.parametrize("size_name", ["tablet-portrait", "projector"])
def test_information_systems_on_the_points_page(browser, demo_server, size_name):  # noqa: F811
    url, _ = demo_server
    page = _new_page(browser, url, SIZES[size_name])
    _goto(page, url + "/points")
    heading = page.get_by_role("heading", name="Hệ thống thông tin")
    heading.wait_for(timeout=30_000)
    # the table under the heading draws a moment later (a canvas): wait for it, not only for the heading
    page.wait_for_function(
        "() => document.querySelector('canvas') !== null || document.body.innerText.includes('Cổng dịch vụ công tỉnh')",
        timeout=30_000,
    )
    assert page.get_by_text("Cổng dịch vụ công tỉnh").count() + page.locator("canvas").count() >= 1
    _assert_fits(page)
    heading.scroll_into_view_if_needed()
    _screenshot(page, f"information-systems-{size_name}")
    page.close()


@pytest.mark.parametrize(
    "path, expect", [("/alerts", "Danh sách cảnh báo"), ("/", "Cần chú ý")], ids=["alerts", "overview"]
)
def test_alerts_of_rows_with_markdown(browser, hostile_server, path, expect):  # noqa: F811
    """The database's text in the alerts (a task title, a unit's name, a point's, with an outside image and
    link in them) stays text: nothing fetched from or linked to the outside, no formula, no image."""
    page, requests = _open_hostile(browser, hostile_server, path, expect)
    assert not [u for u in requests if _outside(u)], "a request to the payload's address"
    assert page.locator("img[src*='127.0.0.1:9/']").count() == 0
    assert page.locator("a[href*='127.0.0.1:9/']").count() == 0
    assert page.locator(".katex").count() == 0
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("cảnh báo đang mở").count() >= 1
    page.context.close()
