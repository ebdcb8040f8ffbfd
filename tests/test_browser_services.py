"""Hành chính công and Đơn vị in a real browser at the three sizes, against the demo province's own figures.

One demo server for the module (tests.test_browser's fixture); screenshots to SCREENSHOT_DIR.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from data_access.core.database import Database
from data_access.core.engine import get_engine
from data_access.core.periods import current_period
from data_access.core.schema import dossiers, procedures, units
from data_access.services import figures
from data_access.services.filters import DossierFilter
from tests.test_browser import (
    NOW,
    SIZES,
    _assert_fits,
    _metric_value,
    _new_page,
    _screenshot,
    _settle,
    browser,  # noqa: F401 (the module's fixture)
    demo_server,  # noqa: F401 (the module's fixture)
)

pytestmark = pytest.mark.browser
TODAY = NOW.date()


def _goto(browser, url, size, selector='[data-testid="stMetric"]', **kwargs):  # noqa: F811
    page = _new_page(browser, url, size, **kwargs)
    page.goto(url)
    page.wait_for_selector(selector, timeout=90_000)
    _settle(page)
    return page


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


@pytest.mark.parametrize("size_name", list(SIZES))
def test_services_page_at_each_size(browser, demo_server, size_name):  # noqa: F811
    url, db_url = demo_server
    month = current_period("month", TODAY)
    db = Database(db_url)
    counts = db.read(figures.dossier_counts, DossierFilter.of_period(month.start, month.end, TODAY))
    published = db.read(figures.procedures_published, TODAY)
    page = _goto(browser, url + "/services", SIZES[size_name])
    _assert_fits(page)
    assert page.get_by_role("heading", name="Hành chính công").count() >= 1
    assert _metric_value(page, "Hồ sơ tiếp nhận") == _n(counts.received)
    assert _metric_value(page, "Đang giải quyết quá hạn") == _n(counts.open_overdue)
    assert _metric_value(page, "Thủ tục công khai") == _n(published.total)
    assert _metric_value(page, "Điểm chỉ số tháng 10/2026") == "82,08/100"
    assert _metric_value(page, "Xếp hạng") == "16/34"
    assert page.locator('[data-testid="stVegaLiteChart"]').count() == 1
    _screenshot(page, f"services-{size_name}")
    page.close()


@pytest.mark.parametrize("size_name", list(SIZES))
def test_units_ranking_and_a_communes_page_at_each_size(browser, demo_server, size_name):  # noqa: F811
    url, db_url = demo_server
    page = _goto(browser, url + "/units", SIZES[size_name], selector='[data-testid="stDataFrame"]')
    _assert_fits(page)
    assert page.get_by_role("heading", name="Bảng xếp hạng các đơn vị").count() == 1
    _screenshot(page, f"units-{size_name}")
    page.close()
    with get_engine(db_url).connect() as conn:
        code = conn.execute(select(units.c.code).where(units.c.kind == "commune").order_by(units.c.code)).scalar()
    page = _goto(browser, f"{url}/units?unit={code}", SIZES[size_name])
    _assert_fits(page)
    assert page.get_by_text("Điểm cầu trực tuyến").count() >= 1
    assert page.get_by_text("Lịch sử kiểm tra kết nối").count() == 1
    _screenshot(page, f"unit-commune-{size_name}")
    page.close()


def test_a_tap_on_a_late_unit_opens_its_page(browser, demo_server):  # noqa: F811
    url, _ = demo_server
    page = _goto(browser, url + "/services", SIZES["tablet-landscape"], touch=True)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    box = grid.bounding_box()
    page.touchscreen.tap(box["x"] + 120, box["y"] + 44 + 22)  # the first unit's name
    page.wait_for_function(
        "() => location.pathname.endsWith('/units') && location.search.includes('unit=')", timeout=20_000
    )
    _settle(page)
    assert page.get_by_text("Nhiệm vụ giao trong kỳ").count() == 1
    _assert_fits(page)
    _screenshot(page, "unit-from-services-tablet-landscape")
    page.close()


def test_a_dossier_and_its_procedure(browser, demo_server):  # noqa: F811
    url, db_url = demo_server
    from data_access.services.lists import overdue_dossiers

    rows, _ = Database(db_url).read(overdue_dossiers, DossierFilter(TODAY), 1)
    page = _goto(browser, f"{url}/services?dossier={rows[0].code}", SIZES["tablet-portrait"], selector="h3")
    _assert_fits(page)
    assert page.get_by_text("Đang giải quyết quá hạn").count() >= 1
    _screenshot(page, "dossier-tablet-portrait")
    page.get_by_role("button", name=f"Mở thủ tục {rows[0].procedure_code}").click()
    page.wait_for_function("() => location.search.includes('procedure=')", timeout=20_000)
    _settle(page)
    _assert_fits(page)
    _screenshot(page, "procedure-tablet-portrait")
    page.close()


def test_the_import_preview_for_a_specialist_then_the_save(browser, demo_server, tmp_path):  # noqa: F811
    url, db_url = demo_server
    with get_engine(db_url).connect() as conn:
        procedure = conn.execute(select(procedures.c.code).order_by(procedures.c.code)).scalar()
    page = _goto(browser, url + "/services", SIZES["tablet-landscape"], login="chuyenvien")
    page.get_by_text("Nhập dữ liệu từ hệ thống giải quyết thủ tục hành chính").click()
    csv = tmp_path / "ho-so.csv"
    csv.write_text(
        "Mã hồ sơ,Mã thủ tục,Đơn vị,Hình thức,Ngày tiếp nhận\n"
        "HS-TRINH-DUYET-1,9.999999,SO-TP,Trực tuyến,20/11/2026\n"
        f"HS-TRINH-DUYET-2,{procedure},SO-TP,Trực tuyến,20/11/2026\n",
        encoding="utf-8",
    )
    page.locator('input[type="file"]').set_input_files(str(csv))
    page.get_by_text("2 dòng: 1 mới, 0 thay đổi, 0 không đổi, 1 bị từ chối.").wait_for(timeout=30_000)
    _settle(page)
    _screenshot(page, "services-import-preview-tablet-landscape")
    page.get_by_text("không có thủ tục mã «9.999999»", exact=False).first.wait_for(state="attached", timeout=15_000)
    _assert_fits(page)
    _screenshot(page, "services-import-preview-tablet-landscape")
    page.get_by_role("button", name="Chỉ ghi 1 dòng hợp lệ").click()
    page.get_by_text("Đã lưu").first.wait_for(timeout=30_000)
    with get_engine(db_url).connect() as conn:
        saved = conn.execute(select(dossiers.c.channel).where(dossiers.c.code == "HS-TRINH-DUYET-2")).scalar()
    assert saved == "online"
    page.close()


def test_the_public_services_slide(browser, demo_server):  # noqa: F811
    url, _ = demo_server
    page = _new_page(browser, url, SIZES["projector"])
    page.goto(url + "/?mode=present&slide=6")
    page.wait_for_function("() => document.body.innerText.includes('Trang 6/6')", timeout=60_000)
    _settle(page)
    _assert_fits(page)
    assert page.evaluate("document.scrollingElement.scrollHeight") <= 1082
    sizes = page.evaluate("""[...document.querySelectorAll('[data-testid="stMetricValue"]')]
                             .map(e => parseFloat(getComputedStyle(e).fontSize))""")
    assert sizes and min(sizes) >= 80, sizes
    assert _metric_value(page, "Chỉ số phục vụ người dân, doanh nghiệp") == "82,08"
    _screenshot(page, "present-services-projector")
    page.close()
