"""The units' page through AppTest: the ranking and one unit's whole picture, against known rows."""

import pytest

from tests import known_services as S
from tests.apptest import metrics, run_app
from ui import keys

PAGE = "app_pages/units.py"


@pytest.fixture
def url(db_url, engine):
    with engine.begin() as conn:
        S.fill(conn)
    return db_url


def _open(monkeypatch, url, **kwargs):
    at = run_app(monkeypatch, url, S.NOW_ISO, page=PAGE, **kwargs)
    assert not at.exception, at.exception
    return at


def test_the_ranking(monkeypatch, url):
    at = _open(monkeypatch, url)
    table = at.dataframe[0].value
    assert list(table["Đơn vị"]) == [S.DEPT_NAME, S.COMMUNE_NAME]
    assert list(table["Nhiệm vụ quá hạn"]) == [2, 0]
    assert list(table["Nhiệm vụ đúng hạn (%)"]) == ["50,0", "100,0"]
    assert list(table["Hồ sơ trễ hạn"]) == [2, 3]
    assert list(table["Hồ sơ đúng hạn (%)"]) == ["66,7", "0,0"]
    assert list(table["Điểm chỉ số"]) == ["75,00", "–"] and list(table["Xếp hạng chỉ số"]) == ["3/20", "–"]


def test_the_ranking_sorted_from_the_url(monkeypatch, url):
    at = _open(monkeypatch, url, query={"sort": "dossiers_late"})
    assert at.segmented_control(key=keys.UNITS_SORT).value == "dossiers_late"
    assert list(at.dataframe[0].value["Đơn vị"]) == [S.COMMUNE_NAME, S.DEPT_NAME]


def test_a_department_in_full(monkeypatch, url):
    at = _open(monkeypatch, url, query={"unit": S.DEPT})
    assert at.subheader[0].value == S.DEPT_NAME
    got = metrics(at)
    assert got["Đã hoàn thành đúng hạn"][0] == "1" and got["Đã hoàn thành quá hạn"][0] == "1"
    assert got["Chưa hoàn thành, quá hạn"][0] == "1" and got["Chưa hoàn thành, trong hạn"][0] == "0"
    assert (got["Chưa xử lý"][0], got["Quá hạn xử lý"][0], got["Đến hạn trong 7 ngày"][0]) == ("3", "1", "1")
    assert got["Hồ sơ tiếp nhận"] == ("6", "+4")
    assert got["Điểm chỉ số tháng 07/2025"][0] == "75,00/100" and got["Xếp hạng"][0] == "3/20"
    overdue_tasks, overdue_dossiers = (d.value for d in at.dataframe)
    assert list(overdue_tasks["Mã"]) == ["NV-U-4", "NV-U-3"]  # whenever assigned, the oldest deadline first
    assert list(overdue_dossiers["Mã hồ sơ"]) == ["HS-X1", "HS-D5"]


def test_a_commune_with_its_point(monkeypatch, url):
    at = _open(monkeypatch, url, query={"unit": S.COMMUNE})
    assert at.subheader[0].value == S.COMMUNE_NAME
    text = " ".join(m.value for m in at.markdown)
    assert "Cuộc họp trực tuyến bị lỡ trong kỳ: 1 trên 2 cuộc" in text
    frames = [d.value for d in at.dataframe]
    checks, missed = frames[-2], frames[-1]
    assert list(checks["Kết quả"]) == ["✓ Kết nối", "! Chập chờn"]
    assert list(missed["Cuộc họp"]) == ["Họp trực tuyến 11/08"] and list(missed["Tình trạng"]) == ["Lỗi kết nối"]


def test_unknown_unit(monkeypatch, url):
    at = _open(monkeypatch, url, query={"unit": "KHONG-CO"})
    assert "Không tìm thấy đơn vị có mã «KHONG-CO»" in at.warning[0].value


def test_in_english(monkeypatch, url):
    at = _open(monkeypatch, url, query={"lang": "en", "unit": S.DEPT})
    got = metrics(at)
    assert got["Not processed"][0] == "3" and got["Dossiers received"] == ("6", "+4")
    at = _open(monkeypatch, url, query={"lang": "en"})
    assert list(at.dataframe[0].value["Kind"]) == ["Department", "Commune"]


@pytest.mark.parametrize("page, query, code", [("app_pages/tasks.py", {"task": "NV-U-3"}, S.DEPT),
                                                ("app_pages/points.py", {"point": S.COMMUNE}, S.COMMUNE)])  # fmt: skip
def test_a_tap_on_a_units_name_elsewhere_opens_its_page(monkeypatch, url, page, query, code):
    at = run_app(monkeypatch, url, S.NOW_ISO, page=page, query=query)
    assert not at.exception, at.exception
    links = [link.proto for link in at.get("page_link") if link.proto.page == "units"]
    assert len(links) == 1 and links[0].query_string == f"unit={code}"
