"""The public-services page through AppTest against known rows: every figure the rows imply, the drill-downs."""

import pytest

from tests import known_services as S
from tests.apptest import metrics, run_app

PAGE = "app_pages/services.py"


@pytest.fixture
def url(db_url, engine):
    with engine.begin() as conn:
        S.fill(conn)
    return db_url


def _open(monkeypatch, url, **kwargs):
    at = run_app(monkeypatch, url, S.NOW_ISO, page=PAGE, **kwargs)
    assert not at.exception, at.exception
    return at


def _frames(at):
    return [d.value for d in at.dataframe]


def test_the_page_in_figures(monkeypatch, url):
    at = _open(monkeypatch, url)
    got = metrics(at)
    assert got["Hồ sơ tiếp nhận"] == ("10", "+8")
    assert got["Giải quyết đúng hạn"] == ("2", "+1")
    assert got["Giải quyết quá hạn"] == ("2", "+2")
    assert got["Đang giải quyết trong hạn"] == ("3", "+2")
    assert got["Đang giải quyết quá hạn"] == ("3", "+3")
    assert got["Tỷ lệ đúng hạn"] == ("50,0%", "-50,0")  # percentage points
    assert got["Tiếp nhận trực tuyến"] == ("4", "40,0% số hồ sơ")
    assert got["Tại Trung tâm Phục vụ hành chính công"] == ("3", "30,0% số hồ sơ")
    assert got["Thủ tục công khai"][0] == "4"
    assert (got["Cấp tỉnh"][0], got["Cấp xã"][0]) == ("3", "1")
    assert (got["Trực tuyến toàn trình"][0], got["Trực tuyến một phần"][0]) == ("1", "2")
    assert got["Điểm chỉ số tháng 07/2025"] == ("82,08/100", "+1,58")
    assert got["Xếp hạng"] == ("16/34", "+2 bậc")
    units, overdue, index, fields = _frames(at)
    assert list(units["Đơn vị"]) == [S.COMMUNE_NAME, S.DEPT_NAME]
    assert list(units["Giải quyết quá hạn"]) == [1, 1] and list(units["Đang quá hạn"]) == [2, 1]
    assert list(zip(overdue["Mã hồ sơ"], overdue["Số ngày quá hạn"])) == S.EXPECTED["overdue"]
    assert list(index["Thành phần"]) == [
        "Công khai, minh bạch",
        "Tiến độ giải quyết",
        "Dịch vụ công trực tuyến",
        "Số hóa hồ sơ",
        "Mức độ hài lòng",
    ]
    assert list(index["Điểm"]) == ["17,50", "19,00", "16,20", "15,00", "14,38"]
    assert list(fields["Lĩnh vực"]) == ["Đất đai", "Hộ tịch", "(chưa ghi lĩnh vực)"]
    assert len(at.get("vega_lite_chart")) == 1  # the index by month
    assert "Hồ sơ tiếp nhận từ 01/08/2025 đến 28/08/2025, tình trạng ngày 28/08/2025" in at.caption[0].value
    assert "Theo hình thức nộp: Trực tiếp: 5 · Trực tuyến: 4 · Bưu chính: 1" in [c.value for c in at.caption]


def test_in_english(monkeypatch, url):
    at = _open(monkeypatch, url, query={"lang": "en"})
    got = metrics(at)
    assert got["Dossiers received"] == ("10", "+8")
    assert got["Rank"] == ("16/34", "+2 places")


def test_a_procedure_in_full(monkeypatch, url):
    at = _open(monkeypatch, url, query={"procedure": "1.000001"})
    assert at.subheader[0].value == "Thủ tục 1.000001"
    text = " ".join(m.value for m in at.markdown)
    assert "Đất đai" in text and S.DEPT_NAME in text and "Toàn trình" in text
    got = metrics(at)
    assert got["Hồ sơ tiếp nhận"][0] == "11" and got["Đang giải quyết quá hạn"][0] == "2"


def test_a_dossier_in_full(monkeypatch, url):
    at = _open(monkeypatch, url, query={"dossier": "HS-C4"})
    assert at.subheader[0].value == "Hồ sơ HS-C4"
    text = " ".join(m.value for m in at.markdown)
    assert "01/08/2025" in text and "05/08/2025" in text and S.COMMUNE_NAME in text
    labels = [link.proto.label.replace("\\", "") for link in at.get("page_link")]  # Markdown escapes
    assert labels == [f"Mở trang đơn vị {S.COMMUNE_NAME}"]
    at.button(key="services_open_procedure").click().run()
    assert at.query_params.get("procedure") == "1.000005" and "dossier" not in at.query_params
    assert at.subheader[0].value == "Thủ tục 1.000005"


@pytest.mark.parametrize("param", ["procedure", "dossier"])
def test_unknown_codes(monkeypatch, url, param):
    at = _open(monkeypatch, url, query={param: "KHONG-CO"})
    assert "Không tìm thấy" in at.warning[0].value and "KHONG-CO" in at.warning[0].value


def test_no_import_for_a_viewer(monkeypatch, url):
    at = _open(monkeypatch, url)
    assert not at.expander or all("Nhập dữ liệu" not in e.label for e in at.expander)


def test_the_import_preview_for_a_specialist(monkeypatch, url):
    """The page reads the upload through the same preview as the command line (tests/test_service_import.py)."""
    at = _open(monkeypatch, url, role="specialist")
    assert any(e.label == "Nhập dữ liệu từ hệ thống giải quyết thủ tục hành chính" for e in at.expander)
    assert at.segmented_control(key="services_import_kind").value == "dossiers"


def test_rows_another_system_wrote_straight_into_the_tables(monkeypatch, url, engine):
    """Only the contract's columns: the defaults fill the rest, and the page counts them."""
    from sqlalchemy import text

    with engine.begin() as conn:
        procedure = conn.execute(
            text(
                "INSERT INTO procedures (code, name, level, published_on) "
                "VALUES ('9.000001', 'Thủ tục ngoài', 'commune', '2025-08-01') RETURNING id"
            )
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO dossiers (code, procedure_id, unit_id, channel, received_on, due_on) "
                "VALUES ('HS-NGOAI', :p, :u, 'post', '2025-08-03', '2025-08-04')"
            ),
            {"p": procedure, "u": S.IDS["commune"]},
        )
        conn.execute(
            text(
                "INSERT INTO service_index (period_end, component, score, max_score, rank, rank_of) "
                "VALUES ('2025-08-27', 'total', 83.5, 100, 12, 34)"
            )
        )
    at = _open(monkeypatch, url)
    got = metrics(at)
    assert got["Hồ sơ tiếp nhận"][0] == "11" and got["Đang giải quyết quá hạn"][0] == "4"
    assert got["Thủ tục công khai"][0] == "5" and got["Cấp xã"][0] == "2"
    assert got["Điểm chỉ số tháng 08/2025"] == ("83,50/100", "+1,42")
    overdue = at.dataframe[1].value
    assert "HS-NGOAI" in list(overdue["Mã hồ sơ"])
    at = _open(monkeypatch, url, query={"dossier": "HS-NGOAI"})
    assert at.subheader[0].value == "Hồ sơ HS-NGOAI"


def test_the_overview_gains_the_headline_figures(monkeypatch, url):
    at = run_app(monkeypatch, url, S.NOW_ISO)
    assert not at.exception, at.exception
    got = metrics(at)
    assert got["Hồ sơ hành chính công tiếp nhận"] == ("10", "+8")
    assert got["Hồ sơ giải quyết đúng hạn"][0] == "50,0%"
    assert got["Hồ sơ đang quá hạn"] == ("3", "+3")
    assert got["Chỉ số phục vụ người dân, doanh nghiệp"] == ("82,08", "+1,58")
    assert got["Xếp hạng chỉ số"] == ("16/34", "+2 bậc")
    assert any(s.value == "Hành chính công" for s in at.subheader)


def test_the_public_services_slide(monkeypatch, url):
    at = run_app(monkeypatch, url, S.NOW_ISO, query={"mode": "present", "slide": "6"})
    assert not at.exception, at.exception
    assert at.title[0].value == "Hành chính công: hồ sơ và chỉ số phục vụ"
    assert "Trang 6/6" in at.caption[0].value
    got = metrics(at)
    assert got["Hồ sơ hành chính công tiếp nhận"] == ("10", "+8")
    assert got["Chỉ số phục vụ người dân, doanh nghiệp"][0] == "82,08"
    assert len(at.get("vega_lite_chart")) == 1  # the units by late and overdue dossiers
