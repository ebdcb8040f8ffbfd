"""The meetings and commune points pages through AppTest, against known rows."""

import time

import pytest

from tests import known_meetings as M
from tests import known_office as O
from tests.apptest import metrics, run_app
from ui import keys

MEETINGS = "app_pages/meetings.py"
POINTS = "app_pages/points.py"


@pytest.fixture
def meetings_url(db_url, engine):
    with engine.begin() as conn:
        M.fill(conn)
    return db_url


@pytest.fixture
def points_url(db_url, engine):
    with engine.begin() as conn:
        O.fill(conn)
    return db_url


def _open(monkeypatch, url, page, now_iso, **kwargs):
    at = run_app(monkeypatch, url, now_iso, page=page, **kwargs)
    assert not at.exception, at.exception
    return at


def _frames(at):
    return [d.value for d in at.dataframe]


def test_meeting_load_this_month(monkeypatch, meetings_url):
    at = _open(monkeypatch, meetings_url, MEETINGS, M.NOW_ISO)
    got = metrics(at)
    assert got["Cuộc họp trong kỳ"] == ("7", "+5")
    assert got["Bình quân cuộc họp/ngày làm việc"] == ("0,35", "+0,25")
    assert got["Họp trực tuyến"][0] == "2"
    assert got["Đoàn công tác Trung ương"][0] == "1"
    text = " ".join(m.value for m in at.markdown)
    assert "01/08/2025: 2 cuộc" in text and "28/08/2025: 2 cuộc" in text
    assert "Cuộc họp, hội nghị từ 01/08/2025 đến 28/08/2025" in at.caption[0].value


def test_upcoming_and_online_tables_in_vietnam_time_whatever_the_server_zone(monkeypatch, meetings_url):
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        at = _open(monkeypatch, meetings_url, MEETINGS, M.NOW_ISO)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    kinds, upcoming, online, missed = _frames(at)
    assert list(kinds["Loại"]) == ["Cuộc họp", "Hội nghị", "Đoàn công tác TW", "Khác"]
    assert list(kinds["Trực tuyến"]) == [1, 1, 0, 0] and list(kinds["Trực tiếp"]) == [2, 1, 1, 1]
    assert list(upcoming["Cuộc họp"]) == M.UPCOMING
    assert list(upcoming["Thời gian"]) == ["14:00 28/08/2025", "09:00 29/08/2025", "08:00 04/09/2025"]
    assert list(online["Cuộc họp"]) == [title for title, *_ in M.ONLINE]
    assert list(online["Ngày"]) == ["00:30 11/08/2025", "14:00 01/08/2025"]
    assert list(online["Lỗi kết nối"]) == [1, 1]
    assert list(missed["Điểm cầu"]) == [name for name, *_ in M.MISSED]


def test_a_day_tapped_on_the_calendar(monkeypatch, meetings_url):
    at = _open(monkeypatch, meetings_url, MEETINGS, M.NOW_ISO, state={keys.MEETINGS_DAY: "2025-08-01"})
    day = _frames(at)[1]
    assert list(day["Cuộc họp"]) == ["Hội nghị trực tuyến 01/08", "Họp sáng 01/08"]
    assert list(day["Hình thức"]) == ["Trực tuyến", "Trực tiếp"]


def test_one_meeting_in_full(monkeypatch, meetings_url):
    at = _open(monkeypatch, meetings_url, MEETINGS, M.NOW_ISO, query={"meeting": str(M.IDS["m2"])})
    assert at.subheader[0].value == "Hội nghị trực tuyến 01/08"
    assert "1 kết nối tốt · 1 lỗi kết nối · 1 vắng mặt" in " ".join(m.value for m in at.markdown)
    labels = [link.proto.label for link in at.get("page_link")]
    assert labels[:2] == ["Xã Bình Đức · Lỗi kết nối", "Xã Tân Lợi · Vắng mặt"]
    assert labels[2].startswith("NV-2025-0200 · Kết luận hội nghị 01/08")


@pytest.mark.parametrize("raw, words", [("424242", "Không tìm thấy cuộc họp số 424242"), ("x1", "không hợp lệ")])
def test_bad_meeting_links(monkeypatch, meetings_url, raw, words):
    at = _open(monkeypatch, meetings_url, MEETINGS, M.NOW_ISO, query={"meeting": raw})
    assert words in at.warning[0].value


def test_points_now(monkeypatch, points_url):
    at = _open(monkeypatch, points_url, POINTS, O.NOW_ISO)
    got = metrics(at)
    assert got["Đang kết nối"][0] == "3/6"
    assert (got["Chập chờn"][0], got["Mất kết nối"][0], got["Chưa kiểm tra"][0]) == ("1", "1", "1")
    assert got["Quá 24 giờ chưa kiểm tra lại"][0] == "1"
    captions = " ".join(c.value for c in at.caption)
    assert "Lần kiểm tra cũ nhất: 07:00 26/08/2025 · mới nhất: 08:59 28/08/2025" in captions
    assert len(at.get("vega_lite_chart")) == 3  # board, map, daily rate
    trouble = _frames(at)[0]
    assert list(trouble["Điểm cầu"]) == [name for name, *_ in O.TROUBLE]


def test_point_board_filter_from_the_url(monkeypatch, points_url):
    at = _open(monkeypatch, points_url, POINTS, O.NOW_ISO, query={"status": "disconnected", "kind": "commune"})
    assert at.segmented_control(key=keys.POINTS_KIND).value == "commune"
    assert at.pills(key=keys.POINTS_STATUS).value == "disconnected"


def test_one_point_in_full(monkeypatch, points_url):
    at = _open(monkeypatch, points_url, POINTS, O.NOW_ISO, query={"point": O.CODES["p2"]})
    assert at.subheader[0].value == "Xã Bình Đức"
    checks, joined = _frames(at)
    assert list(checks["Kết quả"]) == ["✕ Mất kết nối", "✓ Kết nối"]
    assert list(checks["Thời gian"]) == ["07:00 28/08/2025", "07:00 27/08/2025"]
    assert list(joined["Kết quả"]) == ["Kết nối tốt"]


def test_unknown_point_code(monkeypatch, points_url):
    at = _open(monkeypatch, points_url, POINTS, O.NOW_ISO, query={"point": "XA-KHONG-CO"})
    assert "Không tìm thấy điểm cầu có mã «XA-KHONG-CO»" in at.warning[0].value
