"""The app in a real browser: Debian's Chromium driven by Playwright, at tablet and projector sizes.

Screenshots go to SCREENSHOT_DIR (default artifacts/screenshots) for a
reviewer to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from data_access.accounts.sessions import start_session
from data_access.accounts.users import list_users
from data_access.core.config import PROJECT_ROOT
from data_access.core.database import Database
from data_access.core.engine import get_engine
from data_access.core.periods import current_period
from data_access.demo.accounts import read_demo_passwords
from data_access.demo.embedded import prepare_embedded
from data_access.overview.figures import overview_figures
from tests.builders import vn
from ui.session import COOKIE

pytestmark = pytest.mark.browser

NOW = vn(2026, 11, 23, 10, 0)
SIZES = {"tablet-portrait": (768, 1024), "tablet-landscape": (1024, 768), "projector": (1920, 1080)}
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", PROJECT_ROOT / "artifacts" / "screenshots"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(env_extra: dict, log: Path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "OFFICE_EMBEDDED_DB")}
    env.update(env_extra)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.3)
    proc.kill()
    pytest.fail(f"streamlit did not start: {log.read_text()[-2000:]}")


def _stop(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


_SIGNED_IN: dict[str, str] = {}  # server address -> session token of its viewer, set as a cookie by _new_page
_DATABASES: dict[str, str] = {}  # server address -> its database URL


def _prepare_demo(db_file: Path) -> None:
    """The embedded demo database as a first start makes it (demo accounts included), at NOW."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("OFFICE_EMBEDDED_DB", str(db_file))
        mp.setenv("OFFICE_FROZEN_NOW", NOW.isoformat())
        prepare_embedded()


def _session_of(db_url: str, login: str) -> str:
    engine = get_engine(db_url)
    user = next(u for u in list_users(engine) if u.login == login)
    return start_session(engine, user, NOW)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    """The embedded demo as a first start makes it, served with nothing configured; a viewer signed in."""
    tmp = tmp_path_factory.mktemp("browser")
    db_file = tmp / "office.db"
    _prepare_demo(db_file)
    db_url = f"sqlite:///{db_file}"
    proc, url = _start_server(
        {"OFFICE_EMBEDDED_DB": str(db_file), "OFFICE_FROZEN_NOW": NOW.isoformat()}, tmp / "server.log"
    )
    _SIGNED_IN[url] = _session_of(db_url, "nguoixem")
    _DATABASES[url] = db_url
    yield url, db_url
    _SIGNED_IN.pop(url, None)
    _stop(proc)


def _new_page(browser, url: str, size, signed_in: bool = True, login: str | None = None, touch: bool = False):
    """A page in a fresh browser context, carrying the session cookie of the server's viewer (or of `login`).

    `touch`: a touch screen (Playwright's touch emulation), tapped with page.touchscreen.tap.
    """
    base = "/".join(url.split("/")[:3])
    context = browser.new_context(
        viewport={"width": size[0], "height": size[1]}, locale="vi-VN", has_touch=touch, is_mobile=False
    )
    token = _session_of(_DATABASES[base], login) if login else _SIGNED_IN.get(base)
    if signed_in and token:
        context.add_cookies([{"name": COOKIE, "value": token, "url": base}])
    return context.new_page()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's Chromium is needed: apt-get install -y chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _open(browser, url, size, timeout_ms=90_000, touch: bool = False):
    page = _new_page(browser, url, size, touch=touch)
    page.goto(url)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=timeout_ms)
    _settle(page)
    return page


def _sign_in(page, login: str, demo_server) -> None:
    password = read_demo_passwords(Path(demo_server[1].removeprefix("sqlite:///")).parent / "demo-accounts.txt")[login]
    page.get_by_label("Tên đăng nhập").fill(login, timeout=60_000)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def _choose(page, label: str, option: str) -> None:
    """Pick an option of a select box (a react-aria combo box in Streamlit 1.67) as a finger would."""
    combo = page.get_by_role("combobox", name=label)
    for _ in range(3):  # the first tap can land before the widget is live
        combo.click()
        try:
            page.get_by_role("option", name=option).click(timeout=5_000)
            break
        except Exception:
            page.keyboard.press("Escape")
    page.wait_for_function(
        f"() => [...document.querySelectorAll('input[role=combobox]')].some(e => e.value === {option!r})",
        timeout=10_000,
    )


SETTLED = """() => {
    const app = document.querySelector('[data-testid="stApp"]');
    return app !== null && app.getAttribute('data-test-script-state') === 'notRunning'
        && app.getAttribute('data-test-connection-state') === 'CONNECTED'
        && !document.querySelector('[data-testid="stStatusWidget"]');
}"""


def _settle(page, timeout_ms: int = 60_000) -> None:
    """Wait until the script run has finished (the app's own script state, as Streamlit's tests read it), then
    for the charts to draw. The status widget alone is not enough: it shows only after a delay, so on a busy
    machine a run that has just started looks finished."""
    page.wait_for_function(SETTLED, timeout=timeout_ms)
    page.wait_for_timeout(800)
    page.wait_for_function(SETTLED, timeout=timeout_ms)


def _screenshot(page, name: str) -> None:
    """The whole page: the viewport is stretched to the content's height for the picture."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("Math.max(...[...document.querySelectorAll('*')].map(e => e.scrollHeight))")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, size["height"]), 8000)})
    page.wait_for_timeout(600)
    page.screenshot(path=SCREENSHOTS / f"{name}.png")
    page.set_viewport_size(size)


def _metric_value(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]', has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text().strip()


def _assert_fits(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    inner = page.evaluate("window.innerWidth")
    assert width <= inner, f"horizontal scrolling: content {width}px in a {inner}px window"
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("size_name", list(SIZES))
def test_overview_readable_at_each_size(browser, demo_server, size_name):
    """Vietnamese overview with the data layer's figures, no horizontal scrolling, screenshot saved."""
    url, db_url = demo_server
    page = _open(browser, url + "/", SIZES[size_name])
    expected = Database(db_url).read(overview_figures, current_period("month", NOW.date()), NOW)
    _assert_fits(page)
    assert page.get_by_role("heading", name="Tổng quan").count() == 1
    assert page.get_by_text("Cập nhật lúc").count() >= 1
    assert _metric_value(page, "Nhiệm vụ quá hạn") == f"{expected.overdue.overdue_now:,}".replace(",", ".")
    assert _metric_value(page, "Văn bản đến") == f"{expected.documents.incoming:,}".replace(",", ".")
    assert _metric_value(page, "Điểm cầu xã đang kết nối") == f"{expected.points_now.connected}/102"
    _screenshot(page, f"overview-{size_name}")
    page.close()


def test_period_choice_is_a_tap_and_travels_in_the_url(browser, demo_server):
    url, _ = demo_server
    page = _open(browser, url + "/", SIZES["tablet-landscape"])
    page.get_by_role("radio", name="Tuần này").click()
    page.wait_for_function("() => location.search.includes('period=week')", timeout=15_000)
    _settle(page)
    assert page.get_by_text("23/11/2026 – 23/11/2026").count() == 1  # Monday 23/11/2026
    for control in (page.get_by_role("radio", name="Quý này"), page.get_by_role("link", name="Nhiệm vụ").first):
        assert control.bounding_box()["height"] >= 44  # a finger-sized tap target
    page.close()


def test_bookmarked_period_and_english(browser, demo_server):
    url, _ = demo_server
    page = _open(browser, url + "/?period=quarter", SIZES["tablet-portrait"])
    assert page.get_by_text("01/10/2026 – 23/11/2026").count() == 1
    page.close()
    page = _open(browser, url + "/?lang=en", SIZES["tablet-portrait"])
    assert page.get_by_role("heading", name="Overview").count() == 1
    assert page.get_by_text("Overdue tasks").count() >= 1
    _screenshot(page, "overview-english-tablet-portrait")
    page.close()


def test_database_down_message(browser, tmp_path):
    proc, url = _start_server({"DATABASE_URL": "postgresql://postgres@127.0.0.1:1/office"}, tmp_path / "server.log")
    try:
        page = _new_page(browser, url, (1024, 768))
        page.goto(url + "/")
        page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=60_000)
        _assert_fits(page)
        assert page.get_by_text("Không kết nối được máy chủ cơ sở dữ liệu").count() == 1
        _screenshot(page, "database-down-tablet-landscape")
        page.close()
    finally:
        _stop(proc)


@pytest.mark.parametrize("size_name", list(SIZES))
def test_tasks_page_readable_at_each_size(browser, demo_server, size_name):
    url, _ = demo_server
    page = _open(browser, url + "/tasks?scope=all", SIZES[size_name])
    _assert_fits(page)
    assert page.get_by_role("heading", name="Vướng ở đâu").count() == 1
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 2
    _screenshot(page, f"tasks-{size_name}")
    page.close()


def test_tapping_a_row_opens_the_task_and_back(browser, demo_server):
    url, db_url = demo_server
    page = _open(browser, url + "/tasks?scope=all&category=open_overdue", SIZES["tablet-landscape"], touch=True)
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.evaluate("e => e.scrollIntoView({block: 'start'})")  # a whole page of rows is taller than the screen
    page.wait_for_timeout(300)
    box = grid.bounding_box()
    page.touchscreen.tap(box["x"] + 300, box["y"] + 44 + 22)  # a finger on the first row's title, not its checkbox
    page.wait_for_function("() => location.search.includes('task=')", timeout=15_000)
    _settle(page)
    code = page.evaluate("new URLSearchParams(location.search).get('task')")
    page.get_by_role("heading", name=code, exact=False).wait_for(timeout=30_000)
    assert page.get_by_text("Quá hạn", exact=False).count() >= 1
    _assert_fits(page)
    _screenshot(page, "task-detail-tablet-landscape")
    page.get_by_role("button", name="Danh sách nhiệm vụ").click()
    page.wait_for_function("() => !location.search.includes('task=')", timeout=15_000)
    _settle(page)
    assert page.get_by_role("heading", name="Danh sách nhiệm vụ").count() == 1
    page.close()


def test_tapping_a_unit_bar_lists_its_tasks(browser, demo_server):
    url, _ = demo_server
    page = _open(browser, url + "/tasks?scope=all", SIZES["projector"])
    chart = page.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + 14)  # inside the first (longest) bar
    page.wait_for_function("() => location.search.includes('unit=')", timeout=15_000)
    _settle(page)
    assert "category=open_overdue" in page.url
    page.close()


def test_task_link_is_the_first_request_after_a_start(browser, demo_server, tmp_path):
    """A bookmarked task link works even as the very first page a fresh server serves."""
    _, db_url = demo_server
    with get_engine(db_url).connect() as conn:
        from sqlalchemy import select

        from data_access.core.schema import tasks

        code = conn.execute(select(tasks.c.code).order_by(tasks.c.id).limit(1)).scalar_one()
    proc, url = _start_server({"DATABASE_URL": db_url, "OFFICE_FROZEN_NOW": NOW.isoformat()}, tmp_path / "server.log")
    try:
        page = _new_page(browser, url, (768, 1024), signed_in=False)
        page.goto(f"{url}/tasks?task={code}")
        _sign_in(page, "chuyenvien", demo_server)  # the link first asks who is there, then opens
        page.get_by_role("heading", name=code, exact=False).wait_for(timeout=60_000)
        _settle(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        _screenshot(page, "task-detail-tablet-portrait")
        page.goto(f"{url}/tasks?task=NV-0000-9999")
        page.wait_for_selector('[data-testid="stAlertContentWarning"]', timeout=30_000)
        assert page.get_by_text("Không tìm thấy nhiệm vụ").count() == 1
        page.close()
    finally:
        _stop(proc)


@pytest.mark.parametrize("size_name", list(SIZES))
def test_documents_page_readable_at_each_size(browser, demo_server, size_name):
    url, _ = demo_server
    page = _open(browser, url + "/documents", SIZES[size_name])
    _assert_fits(page)
    assert page.get_by_role("heading", name="Khối lượng văn bản").count() == 1
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 3
    _screenshot(page, f"documents-{size_name}")
    page.close()


def test_tapping_a_document_row_opens_it(browser, demo_server):
    url, _ = demo_server
    page = _open(browser, url + "/documents?state=overdue", SIZES["tablet-portrait"], touch=True)
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.evaluate("e => e.scrollIntoView({block: 'start'})")  # a whole page of rows is taller than the screen
    page.wait_for_timeout(300)
    box = grid.bounding_box()
    page.touchscreen.tap(box["x"] + 300, box["y"] + 44 + 22)  # a finger on the summary, not the checkbox
    page.wait_for_function("() => location.search.includes('document=')", timeout=15_000)
    _settle(page)
    page.get_by_text("Quá hạn chưa xử lý").first.wait_for(timeout=30_000)
    _assert_fits(page)
    _screenshot(page, "document-detail-tablet-portrait")
    page.close()


@pytest.mark.parametrize("size_name", list(SIZES))
def test_meetings_page_readable_at_each_size(browser, demo_server, size_name):
    url, _ = demo_server
    page = _open(browser, url + "/meetings", SIZES[size_name])
    _assert_fits(page)
    assert page.get_by_role("heading", name="Lịch họp 7 ngày tới").count() == 1
    _screenshot(page, f"meetings-{size_name}")
    page.close()


@pytest.mark.parametrize("size_name", list(SIZES))
def test_points_board_and_map_readable_at_each_size(browser, demo_server, size_name):
    url, _ = demo_server
    page = _open(browser, url + "/points", SIZES[size_name])
    _assert_fits(page)
    assert _metric_value(page, "Đang kết nối").endswith("/102")
    # the board, the map and the daily rate: drawn a moment after the figures on a busy machine
    page.wait_for_function("document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]').length >= 3", timeout=30_000)
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 3
    _screenshot(page, f"points-{size_name}")
    page.close()


def test_tapping_a_tile_opens_the_point(browser, demo_server):
    url, _ = demo_server
    page = _open(browser, url + "/points", SIZES["tablet-landscape"])
    board = page.locator('[data-testid="stVegaLiteChart"]').first
    board.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    box = board.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 12, box["y"] + box["height"] / 2)  # on the name of a tile
    page.wait_for_function("() => location.search.includes('point=')", timeout=15_000)
    _settle(page)
    page.get_by_text("Lịch sử kiểm tra").wait_for(timeout=30_000)
    _assert_fits(page)
    _screenshot(page, "point-detail-tablet-landscape")
    page.close()


def test_a_point_missing_meetings_opens_on_the_points_page(browser, demo_server):
    url, _ = demo_server
    page = _open(browser, url + "/meetings?period=quarter", SIZES["tablet-landscape"])
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.evaluate("e => e.scrollIntoView({block: 'start'})")  # a whole page of rows is taller than the screen
    page.wait_for_timeout(300)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 44 + 22)
    page.wait_for_url("**/points?point=**", timeout=15_000)
    page.get_by_text("Lịch sử kiểm tra").wait_for(timeout=30_000)
    page.close()


def test_presentation_runs_through_its_slides_on_its_own(browser, demo_server):
    """At 1920x1080 the show advances every 3 s through all six slides, with refreshes,
    with headline figures of at least 48 px and nothing a viewer could touch."""
    url, _ = demo_server
    page = _new_page(browser, url, (1920, 1080))
    page.goto(url + "/?mode=present&interval=3&refresh=5")
    titles = [
        "Tổng quan",
        "Nhiệm vụ quá hạn theo đơn vị chủ trì",
        "Văn bản đến và đi trong tháng",
        "Hội họp trong tháng",
        "Điểm cầu xã, phường, đặc khu",
        "Hành chính công: hồ sơ và chỉ số phục vụ",
    ]
    seen = set()
    deadline = time.monotonic() + 60
    while len(seen) < len(titles) and time.monotonic() < deadline:
        heading = page.locator("h1").first
        if heading.count():
            text = heading.inner_text().strip()
            if text in titles and text not in seen:
                seen.add(text)
                page.wait_for_timeout(1200)
                _assert_fits(page)
                assert page.get_by_text("Cập nhật lúc").count() >= 1
                assert page.locator("button:visible, input:visible, select:visible").count() == 0
                _screenshot(page, f"present-{titles.index(text) + 1}-projector")
                sizes = page.evaluate("""[...document.querySelectorAll('[data-testid="stMetricValue"] p')]
                                         .map(p => parseFloat(getComputedStyle(p).fontSize))""")
                assert sizes and min(sizes) >= 48, sizes
        page.wait_for_timeout(400)
    assert seen == set(titles)
    page.close()


PAGES = {"overview": "/", "tasks": "/tasks", "documents": "/documents", "meetings": "/meetings", "points": "/points"}


@pytest.mark.parametrize("size_name", list(SIZES))
@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_in_english(browser, demo_server, name, size_name):
    url, _ = demo_server
    page = _open(browser, f"{url}{PAGES[name]}?lang=en", SIZES[size_name])
    _assert_fits(page)
    assert page.get_by_text("Updated at").count() >= 1
    assert page.get_by_text("Cập nhật lúc").count() == 0
    _screenshot(page, f"{name}-english-{size_name}")
    page.close()


def test_english_stays_for_the_session(browser, demo_server):
    """?lang=en before signing in stays after it, after a page switch, a reload, and on a copied address."""
    url, _ = demo_server
    page = _new_page(browser, url, SIZES["tablet-landscape"], signed_in=False)
    page.goto(url + "/?lang=en")
    page.get_by_label("Login").wait_for(timeout=60_000)  # the login form itself is in English
    password = read_demo_passwords(Path(demo_server[1].removeprefix("sqlite:///")).parent / "demo-accounts.txt")
    page.get_by_label("Login").fill("lanhdao")
    page.get_by_role("textbox", name="Password").fill(password["lanhdao"])
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Overview").wait_for(timeout=60_000)
    _settle(page)
    page.get_by_role("link", name="Tasks").first.click()
    page.wait_for_url("**/tasks**", timeout=15_000)
    page.get_by_role("heading", name="Implementation status").wait_for(timeout=30_000)
    page.wait_for_function("() => location.search.includes('lang=en')", timeout=15_000)  # rides on the address
    copied = page.url
    page.reload()
    page.get_by_role("heading", name="Implementation status").wait_for(timeout=60_000)
    other = _new_page(browser, url, SIZES["tablet-portrait"], login="chuyenvien")  # a colleague opens the link
    other.goto(copied)
    other.get_by_role("heading", name="Implementation status").wait_for(timeout=60_000)
    other.close()
    page.close()


def test_urging_list_downloads_as_excel(browser, demo_server):
    """The workbook is built on the press of the button, with the overdue tasks of the filter."""
    import io

    from openpyxl import load_workbook

    url, db_url = demo_server
    page = _open(browser, url + "/tasks?scope=all", SIZES["tablet-landscape"])
    caption = page.get_by_text("nhiệm vụ quá hạn của").first
    caption.scroll_into_view_if_needed()
    count = int(caption.inner_text().split(" ")[0].replace(".", ""))
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Tải danh sách đôn đốc (Excel)").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    assert sheet["A1"].value == "UBND TỈNH PHÙ SA"  # the official heading, then the title
    assert sheet["A4"].value == "DANH SÁCH NHIỆM VỤ QUÁ HẠN CẦN ĐÔN ĐỐC"
    assert sum(1 for row in sheet.iter_rows(min_row=8) if isinstance(row[0].value, int)) == count
    page.close()


def test_the_task_list_pages(browser, demo_server):
    url, _ = demo_server
    page = _open(browser, url + "/tasks?scope=all", SIZES["tablet-landscape"])
    first = page.get_by_text("trang 1/").first
    first.scroll_into_view_if_needed()
    page.locator('[data-testid="stPagination"] button', has_text="2").first.click()
    page.get_by_text("trang 2/").first.wait_for(timeout=15_000)
    page.close()


def test_a_specialist_signs_in_edits_a_task_and_the_overview_changes(browser, demo_server):
    """At 1024x768: the login form, the drill-down's edit form, and the overdue count one less after the save."""
    url, db_url = demo_server
    today = NOW.date()
    with get_engine(db_url).connect() as conn:
        from sqlalchemy import select

        from data_access.core.schema import tasks

        code = conn.execute(
            select(tasks.c.code)
            .where(tasks.c.status == "in_progress", tasks.c.due_on < today, tasks.c.assigned_on <= today)
            .order_by(tasks.c.due_on.desc())
            .limit(1)
        ).scalar_one()
    page = _new_page(browser, url, SIZES["tablet-landscape"], signed_in=False)
    page.goto(url + "/")
    page.get_by_label("Tên đăng nhập").wait_for(timeout=60_000)
    _settle(page)
    _assert_fits(page)
    _screenshot(page, "login-tablet-landscape")
    _sign_in(page, "chuyenvien", demo_server)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    _settle(page)
    before = int(_metric_value(page, "Nhiệm vụ quá hạn").replace(".", ""))

    page.goto(f"{url}/tasks?task={code}")  # a new page load: the session cookie keeps the user signed in
    page.get_by_role("heading", name=code, exact=False).wait_for(timeout=60_000)
    _settle(page)
    _choose(page, "Trạng thái", "Đã hoàn thành")
    date_field = page.locator('[data-testid="stDateInput"]', has_text="Ngày hoàn thành")
    date_field.get_by_role("spinbutton").first.click()
    page.keyboard.type(today.strftime("%d%m%Y"))  # the day, month and year boxes take the digits in turn
    page.wait_for_timeout(500)
    _assert_fits(page)
    _screenshot(page, "task-edit-tablet-landscape")
    page.get_by_role("button", name="Lưu").click()
    page.get_by_text("Đã lưu.").wait_for(timeout=30_000)
    _settle(page)
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert page.get_by_text("Đã hoàn thành").count() >= 1

    page.get_by_role("link", name="Tổng quan").click()
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    _settle(page)
    assert int(_metric_value(page, "Nhiệm vụ quá hạn").replace(".", "")) == before - 1
    _screenshot(page, "overview-after-edit-tablet-landscape")
    page.close()
    server_log = (Path(db_url.removeprefix("sqlite:///")).parent / "server.log").read_text()
    for password in read_demo_passwords(Path(db_url.removeprefix("sqlite:///")).parent / "demo-accounts.txt").values():
        assert password not in server_log  # nothing the server logged holds a password


def _task_list_file(tmp_path, rows, name: str) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Nội dung nhiệm vụ", "Nguồn giao", "Đơn vị chủ trì", "Ngày giao", "Hạn xử lý"])
    for row in rows:
        book.active.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_a_specialist_imports_tasks_from_excel_after_a_preview(browser, demo_server, tmp_path):
    url, _ = demo_server
    page = _new_page(browser, url + "/tasks", SIZES["tablet-portrait"], login="chuyenvien")
    page.goto(url + "/tasks")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=90_000)
    _settle(page)
    page.get_by_text("Nhập danh sách nhiệm vụ từ Excel").click()
    day = NOW.date().strftime("%d/%m/%Y")
    bad = _task_list_file(
        tmp_path,
        [
            ["Rà soát hồ sơ đất đai", "Chủ tịch UBND tỉnh", "Sở Tài chính", day, ""],
            ["", "Bộ Ngoại giao", "Sở Không Có", "31/02/2026", ""],
        ],
        "nhiem-vu-co-loi.xlsx",
    )
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(bad))
    page.get_by_text("1/2 dòng có vấn đề").wait_for(timeout=30_000)
    _settle(page)
    assert page.get_by_role("button", name="Nhập 2 nhiệm vụ").is_disabled()
    _assert_fits(page)
    _screenshot(page, "task-import-preview-tablet-portrait")
    good = _task_list_file(
        tmp_path,
        [
            ["Rà soát hồ sơ đất đai", "Chủ tịch UBND tỉnh", "Sở Tài chính", day, ""],
            ["Báo cáo chuyển đổi số", "UBND tỉnh", "Sở Tài chính", day, ""],
        ],
        "nhiem-vu-da-sua.xlsx",
    )
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(good))
    from playwright.sync_api import expect

    expect(page.get_by_role("button", name="Nhập 2 nhiệm vụ")).to_be_enabled(timeout=30_000)
    page.get_by_role("button", name="Nhập 2 nhiệm vụ").click()
    page.get_by_text("Đã lưu.").wait_for(timeout=30_000)
    _settle(page)
    # the same list again, now at 1024 px: every row refused as already saved, the problems column in sight
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(url + "/tasks")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=90_000)
    _settle(page)
    page.get_by_text("Nhập danh sách nhiệm vụ từ Excel").click()
    page.locator('[data-testid="stFileUploader"] input[type=file]').set_input_files(str(good))
    page.get_by_text("2/2 dòng có vấn đề").wait_for(timeout=30_000)
    _settle(page)
    grid = page.locator('[data-testid="stDataFrame"]').last
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box["x"] + box["width"] <= 1024
    _screenshot(page, "task-import-again-tablet-landscape")
    page.close()


@pytest.mark.parametrize("size_name", ["tablet-portrait", "projector"])
def test_a_leader_reads_the_audit_trail_and_the_edit_forms_fit(browser, demo_server, size_name):
    """After the edits above, a leader's /audit lists them; a meeting's and a point's forms fit the screen."""
    url, db_url = demo_server
    size = SIZES[size_name]
    page = _new_page(browser, url + "/audit", size, login="lanhdao")
    page.goto(url + "/audit?period=year")
    page.get_by_text("lần thay đổi trong kỳ").wait_for(timeout=90_000)
    _settle(page)
    assert page.locator('[data-testid="stTopNavLink"]', has_text="Nhật ký thay đổi").count() == 1
    assert page.locator('[data-testid="stTopNavLink"]', has_text="Tài khoản").count() == 0  # admins only
    _assert_fits(page)
    _screenshot(page, f"audit-{size_name}")
    with get_engine(db_url).connect() as conn:
        from sqlalchemy import select

        from data_access.core.schema import meetings

        meeting_id = conn.execute(
            select(meetings.c.id)
            .where(meetings.c.is_online, meetings.c.status == "held")
            .order_by(meetings.c.starts_at.desc())
            .limit(1)
        ).scalar_one()
    page.goto(f"{url}/meetings?meeting={meeting_id}")
    page.get_by_text("Cập nhật cuộc họp").wait_for(timeout=60_000)
    _settle(page)
    _assert_fits(page)
    _screenshot(page, f"meeting-edit-{size_name}")
    page.goto(f"{url}/points?point=" + _first_point_code(db_url))
    page.get_by_text("Ghi nhận kiểm tra kết nối").wait_for(timeout=60_000)
    _settle(page)
    _assert_fits(page)
    _screenshot(page, f"point-edit-{size_name}")
    page.close()


def _first_point_code(db_url: str) -> str:
    from sqlalchemy import select

    from data_access.core.schema import units

    with get_engine(db_url).connect() as conn:
        return conn.execute(
            select(units.c.code).where(units.c.kind == "commune").order_by(units.c.code).limit(1)
        ).scalar_one()


def test_an_admin_manages_accounts_and_a_leader_reads_a_task_in_english(browser, demo_server):
    url, db_url = demo_server
    page = _new_page(browser, url + "/users", SIZES["tablet-landscape"], login="quantri")
    page.goto(url + "/users")
    page.get_by_text("Thêm tài khoản").first.wait_for(timeout=90_000)
    _settle(page)
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)  # the accounts (drawn on a canvas)
    _assert_fits(page)
    _screenshot(page, "users-tablet-landscape")
    page.close()

    with get_engine(db_url).connect() as conn:
        from sqlalchemy import select

        from data_access.core.schema import tasks

        code = conn.execute(
            select(tasks.c.code).where(tasks.c.status == "in_progress").order_by(tasks.c.code).limit(1)
        ).scalar_one()
    page = _new_page(browser, url, SIZES["tablet-portrait"], login="lanhdao")
    page.goto(f"{url}/tasks?task={code}&lang=en")
    page.get_by_role("tab", name="Extension").wait_for(timeout=90_000)
    _settle(page)
    page.get_by_role("tab", name="Extension").click()
    page.get_by_text("Reason for the extension").wait_for(timeout=10_000)
    _assert_fits(page)
    _screenshot(page, "task-extension-en-tablet-portrait")
    page.close()


def test_the_login_form_on_the_projector(browser, demo_server):
    url, _ = demo_server
    page = _new_page(browser, url, SIZES["projector"], signed_in=False)
    page.goto(url + "/?mode=present")
    page.get_by_label("Tên đăng nhập").wait_for(timeout=90_000)
    _settle(page)
    _assert_fits(page)
    _screenshot(page, "login-projector")
    page.close()


def test_a_reload_after_a_conflict_puts_the_current_values_in_the_form(browser, demo_server):
    """A colleague saves 80 while the form is open; the save is refused; after "Tải lại bản mới" the
    slider in the browser shows 80 (not the stale value), and saving again cannot write over 80 unseen."""
    from sqlalchemy import select

    from data_access.core.schema import tasks
    from data_access.tasks.detail import task_by_code
    from data_access.tasks.edits import update_task

    url, db_url = demo_server
    engine = get_engine(db_url)
    with engine.connect() as conn:
        code = conn.execute(
            select(tasks.c.code)
            .where(tasks.c.status == "in_progress", tasks.c.progress_pct.between(20, 60))
            .order_by(tasks.c.code)
            .limit(1)
        ).scalar_one()
    page = _new_page(browser, url, SIZES["tablet-landscape"], login="chuyenvien")
    page.goto(f"{url}/tasks?task={code}")
    page.get_by_role("heading", name=code, exact=False).wait_for(timeout=60_000)
    _settle(page)
    slider = page.get_by_role("slider").first
    thumb = '[data-testid="stSliderThumbValue"]'
    shown = page.locator(thumb).first.inner_text()

    with engine.connect() as conn:
        detail = task_by_code(conn, code, NOW.date())
    colleague = next(u for u in list_users(engine) if u.login == "lanhdao")
    update_task(
        engine,
        colleague,
        detail.id,
        detail.version,
        detail.seen(),
        status="in_progress",
        progress_pct=80,
        completed_on=None,
        today=NOW.date(),
    )

    slider.focus()
    page.keyboard.press("ArrowLeft")  # the user's own change, over what they opened
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text("đã thay đổi bản ghi này", exact=False).wait_for(timeout=30_000)
    page.get_by_role("button", name="Tải lại bản mới").click()
    _settle(page)
    _screenshot(page, "conflict-reloaded-tablet-landscape")
    assert shown != "80"
    assert page.locator(thumb).first.inner_text() == "80"  # the form holds the colleague's save
    page.get_by_role("button", name="Lưu", exact=True).click()  # nothing typed since the reload
    _settle(page)
    with engine.connect() as conn:
        assert task_by_code(conn, code, NOW.date()).progress_pct == 80
    page.close()


_SHOW_TEXT_SIZES = """() => {
  const texts = [];
  const walker = document.createTreeWalker(document.querySelector('[data-testid="stMain"]') || document.body,
                                           NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || !el || el.closest('style,script')) continue;
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    if (style.visibility === 'hidden' || style.display === 'none' || box.width === 0) continue;
    let opacity = 1;
    for (let e = el; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    if (opacity === 0) continue;  // invisible (a chart's hidden axis copy)
    texts.push([node.textContent.trim().slice(0, 40), parseFloat(style.fontSize), style.color, opacity]);
  }
  for (const t of document.querySelectorAll('[data-testid="stVegaLiteChart"] svg text')) {
    const style = getComputedStyle(t);
    let opacity = parseFloat(style.fillOpacity || '1') * parseFloat(style.opacity || '1');
    if (!t.textContent.trim() || opacity === 0) continue;  // Vega hides overlapping labels this way
    texts.push([t.textContent.trim().slice(0, 40), parseFloat(style.fontSize), style.fill, opacity]);
  }
  return texts;
}"""


def _luminance(rgb: str, opacity: float = 1.0) -> float:
    """Relative luminance of a CSS colour drawn with `opacity` over white (the slides' background)."""
    parts = [float(v) for v in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")]
    alpha = (parts[3] if len(parts) > 3 else 1.0) * opacity
    values = [(alpha * v + (1 - alpha) * 255) / 255 for v in parts[:3]]
    linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_every_slide_reads_from_the_back_of_the_hall_and_a_clicker_steps_it(browser, demo_server):
    """At 1920x1080: the show opens on the overview whatever the clock; on every slide each text is at least
    28 px (chart labels included), each figure 80 px, dark on white (contrast at least 7:1); → and PageDown
    step and hold, P resumes."""
    url, _ = demo_server
    page = _new_page(browser, url, (1920, 1080))
    page.goto(url + "/?mode=present&interval=600&refresh=600")
    page.get_by_role("heading", name="Tổng quan").wait_for(timeout=60_000)
    for n in range(1, 7):
        page.wait_for_function(f"() => document.body.innerText.includes('Trang {n}/6')", timeout=30_000)
        _settle(page)
        _assert_fits(page)
        _screenshot(page, f"present-large-{n}-projector")
        texts = page.evaluate(_SHOW_TEXT_SIZES)
        small = [(text, size) for text, size, _, _ in texts if size < 28]
        assert not small, (n, small[:10])
        # text on white, or white on a coloured tile (the tiles' own colours are checked in the palette test)
        dim = [
            (text, c, o)
            for text, _, c, o in texts
            if c.startswith("rgb") and c != "rgb(255, 255, 255)" and 1.05 / (_luminance(c, o) + 0.05) < 7
        ]
        assert not dim, (n, dim[:10])
        figures = page.evaluate("""[...document.querySelectorAll('[data-testid="stMetricValue"]')]
                                   .map(e => parseFloat(getComputedStyle(e).fontSize))""")
        assert figures and min(figures) >= 80, figures
        height = page.evaluate("document.scrollingElement.scrollHeight")
        assert height <= 1080 + 2, (n, height)  # one screen: nothing below the fold of the projector
        if n in (2, 3, 4):  # the chart slides: the chart reaches down into the lower third
            bottom = page.evaluate("""Math.max(...[...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                                      .map(e => e.getBoundingClientRect().bottom))""")
            assert bottom >= 1080 * 0.7, (n, bottom)
        page.keyboard.press("ArrowRight" if n % 2 else "PageDown")
    page.wait_for_function("() => document.body.innerText.includes('Trang 1/6')", timeout=30_000)
    assert page.get_by_text("tạm dừng", exact=False).count() >= 1  # a step holds the slide
    page.keyboard.press("p")
    page.wait_for_function("() => !document.body.innerText.includes('tạm dừng')", timeout=30_000)
    page.close()


@pytest.mark.parametrize("size_name", list(SIZES))
def test_every_period_choice_is_in_sight(browser, demo_server, size_name):
    """The nine periods wrap rather than scroll: each choice lies inside the window, tall enough for a finger."""
    url, _ = demo_server
    page = _open(browser, url + "/", SIZES[size_name], touch=True)
    width = page.evaluate("window.innerWidth")
    for name in ("Tuần này", "Tháng trước", "Quý trước", "6 tháng đầu năm", "30 ngày qua", "Tùy chọn"):
        box = page.get_by_role("radio", name=name).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 44, (name, box)
    page.get_by_role("radio", name="Tháng trước").tap()
    page.wait_for_function("() => location.search.includes('period=last_month')", timeout=15_000)
    _settle(page)
    assert page.get_by_text("01/10/2026 – 31/10/2026").count() >= 1
    page.close()


def test_a_point_check_cannot_be_left_without_a_status(browser, demo_server):
    """Tapping the pre-selected "Kết nối" keeps it selected; the check saves with it."""
    url, db_url = demo_server
    code = _first_point_code(db_url)
    page = _new_page(browser, url, SIZES["tablet-portrait"], login="chuyenvien", touch=True)
    page.goto(f"{url}/points?point={code}")
    page.get_by_role("heading", name="Kiểm tra kết nối", exact=False).first.wait_for(timeout=60_000)
    _settle(page)
    connected = page.get_by_role("radio", name="Kết nối", exact=True)
    connected.tap()
    page.wait_for_timeout(500)
    assert connected.get_attribute("aria-checked") == "true"
    page.get_by_role("button", name="Ghi nhận", exact=True).tap()
    page.get_by_text("Đã lưu.").wait_for(timeout=30_000)
    assert page.get_by_text("không có mã", exact=False).count() == 0
    page.close()


def test_the_overview_answers_where_and_since_when_with_a_tap(browser, demo_server):
    """A finger on a lead unit opens its overdue tasks; on one of the oldest overdue tasks, that task."""
    url, _ = demo_server
    page = _open(browser, url + "/", SIZES["tablet-landscape"], touch=True)
    grids = page.locator('[data-testid="stDataFrame"]')
    grids.first.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = grids.first.bounding_box()
    page.touchscreen.tap(box["x"] + 150, box["y"] + 44 + 22)  # the first unit's name
    page.wait_for_function(
        "() => location.pathname.endsWith('/tasks') && location.search.includes('unit=')", timeout=20_000
    )
    _settle(page)
    assert "category=open_overdue" in page.url
    page.goto(url + "/")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    _settle(page)
    grids = page.locator('[data-testid="stDataFrame"]')
    grids.nth(1).scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box = grids.nth(1).bounding_box()
    page.touchscreen.tap(box["x"] + 250, box["y"] + 44 + 22)  # the oldest task's title
    page.wait_for_function("() => location.search.includes('task=')", timeout=20_000)
    _settle(page)
    code = page.evaluate("new URLSearchParams(location.search).get('task')")
    page.get_by_role("heading", name=code, exact=False).wait_for(timeout=30_000)
    page.close()


def test_a_saved_note_leaves_an_empty_box(browser, demo_server):
    """After "Đã lưu." the urging/note box is empty, so a second tap cannot save it twice."""
    url, db_url = demo_server
    with get_engine(db_url).connect() as conn:
        from sqlalchemy import select

        from data_access.core.schema import tasks

        code = conn.execute(
            select(tasks.c.code).where(tasks.c.status == "in_progress").order_by(tasks.c.code.desc()).limit(1)
        ).scalar_one()
    page = _new_page(browser, url, SIZES["tablet-landscape"], login="chuyenvien")
    page.goto(f"{url}/tasks?task={code}")
    page.get_by_role("heading", name=code, exact=False).wait_for(timeout=60_000)
    _settle(page)
    page.get_by_role("tab", name="Báo cáo, đôn đốc, ghi chú").click()
    box = page.get_by_role("textbox", name="Nội dung")
    box.fill("Đôn đốc đơn vị báo cáo trước thứ Sáu.")
    page.get_by_role("button", name="Thêm vào lịch sử").click()
    page.get_by_text("Đã lưu.").wait_for(timeout=30_000)
    _settle(page)
    page.get_by_role("tab", name="Báo cáo, đôn đốc, ghi chú").click()
    assert page.get_by_role("textbox", name="Nội dung").input_value() == ""
    page.close()


_TABLET_CHECKS = """() => {
  const visible = e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0 &&
                         getComputedStyle(e).visibility !== 'hidden'; };
  const small = [];
  const controls = document.querySelectorAll(
    '[data-testid="stMain"] button, [data-testid="stMain"] [role=radio], [data-testid="stMain"] [role=slider], ' +
    '[data-testid="stMain"] [data-testid="stCheckbox"] label, [data-testid="stMain"] input');
  for (const c of controls) {
    const skip = '[data-testid="stDataFrame"],[data-testid="stTooltipIcon"],[data-testid="stExpander"] summary';
    if (!visible(c) || c.closest(skip)) continue;
    const b = c.getBoundingClientRect();
    const name = (c.innerText || c.getAttribute('aria-label') || '').slice(0, 30);
    if (b.height < 44 - 0.5) small.push([c.tagName, name, b.height]);
  }
  const inner = [];
  for (const s of document.querySelectorAll('[data-testid="stDataFrame"] .dvn-scroller')) {
    if (s.scrollHeight > s.clientHeight + 4) inner.push(['vertical', s.scrollHeight, s.clientHeight]);
    if (s.scrollWidth > s.clientWidth + 4) inner.push(['sideways', s.scrollWidth, s.clientWidth]);
  }
  const title = document.querySelector('[data-testid="stMain"] h1');
  return {small, inner, titleTop: title ? title.getBoundingClientRect().top : null};
}"""


@pytest.mark.parametrize("size_name", ["tablet-portrait", "tablet-landscape"])
@pytest.mark.parametrize("path", ["/", "/tasks", "/documents", "/meetings", "/points"])
def test_a_tablet_gets_finger_sized_controls_and_no_scroll_box_inside_the_page(browser, demo_server, path, size_name):
    url, _ = demo_server
    page = _open(browser, url + path, SIZES[size_name], touch=True)
    # The tablet style is an element of every run (components/shared/theme.py): under load a measure taken
    # while a rerun replaces it saw Streamlit's own 32 px buttons once (1 of 2 CI runs, /points). Measure
    # once the style is in the page.
    page.wait_for_function(
        "() => [...document.querySelectorAll('style')].some(s => s.textContent.includes('stTopNavLink'))",
        timeout=15_000,
    )
    _settle(page)
    found = page.evaluate(_TABLET_CHECKS)
    assert found["small"] == [], found["small"][:8]
    assert found["inner"] == [], found["inner"]
    assert found["titleTop"] is not None and found["titleTop"] <= 110, found["titleTop"]
    _assert_fits(page)
    page.close()


@pytest.mark.parametrize("size_name", list(SIZES))
def test_the_reports_page_fits_and_a_tap_downloads_the_report(browser, demo_server, size_name):
    """Issue 19: the preview at each size; with a finger, the Word report, whose figures are the preview's."""
    import docx

    url, _ = demo_server
    page = _new_page(browser, url, SIZES[size_name], login="chuyenvien", touch=True)
    page.goto(url + "/reports")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=90_000)
    _settle(page)
    _assert_fits(page)
    _screenshot(page, f"reports-{size_name}")
    incoming = _metric_value(page, "Văn bản đến")
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name="Báo cáo (Word)").tap()
    text = "\n".join(p.text for p in docx.Document(download.value.path()).paragraphs)
    assert "BÁO CÁO" in text and f"tiếp nhận {incoming} văn bản đến" in text
    if size_name == "tablet-portrait":  # the PDF: made by a tap, then downloaded by another
        page.get_by_role("button", name="Tạo bản PDF").tap()
        pdf_button = page.get_by_role("button", name="Báo cáo (PDF)")
        pdf_button.wait_for(timeout=90_000)
        _settle(page)
        with page.expect_download(timeout=60_000) as download:
            pdf_button.tap()
        assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    page.close()
