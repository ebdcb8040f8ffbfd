"""The overview page through AppTest: each figure equals what the known rows imply."""

import pytest

from tests import known_office
from tests.apptest import metrics, run_app
from tests.known_office import NOW_ISO
from ui import keys


@pytest.fixture
def office_url(db_url, engine):
    with engine.begin() as conn:
        known_office.fill(conn)
    return db_url


def test_overview_figures_this_month(monkeypatch, office_url):
    at = run_app(monkeypatch, office_url, NOW_ISO)
    assert not at.exception
    assert metrics(at) == {
        "Nhiệm vụ quá hạn": ("5", "+2"),
        "Đến hạn trong 7 ngày tới": ("2", "từ 28/08 đến 03/09"),
        "Văn bản đến": ("2", "0"),
        "Văn bản đi": ("3", "+2"),
        "Cuộc họp tuần này": ("4", "+2"),
        "Bình quân cuộc họp/ngày làm việc": ("0,30", "+0,25"),
        "Điểm cầu xã đang kết nối": ("3/6", "+1"),
    }
    assert at.title[0].value == "Tổng quan"
    assert "Cập nhật lúc 09:00 28/08/2025" in at.caption[0].value
    assert "01/08/2025 – 28/08/2025" in at.caption[0].value


def test_switching_to_this_week(monkeypatch, office_url):
    """This week (25-28/08): one incoming document (28/08), four meetings over four working days."""
    at = run_app(monkeypatch, office_url, NOW_ISO, state={keys.PERIOD: "week"})
    got = metrics(at)
    assert got["Văn bản đến"][0] == "1"
    assert got["Văn bản đi"][0] == "0"
    assert got["Bình quân cuộc họp/ngày làm việc"][0] == "0,75"  # 3 meetings 25-28/08 (one is Sat 30/08)
    assert "25/08/2025 – 28/08/2025" in at.caption[0].value


def test_custom_period(monkeypatch, office_url):
    import datetime as dt

    at = run_app(
        monkeypatch,
        office_url,
        NOW_ISO,
        state={keys.PERIOD: "custom", keys.PERIOD_RANGE: (dt.date(2025, 7, 1), dt.date(2025, 7, 31))},
    )
    assert not at.exception
    got = metrics(at)
    assert got["Văn bản đến"][0] == "3"  # 01/07, 28/07, 31/07
    assert got["Văn bản đi"][0] == "1"


def test_english_on_request(monkeypatch, office_url):
    at = run_app(monkeypatch, office_url, NOW_ISO, query={"lang": "en"})
    got = metrics(at)
    assert got["Overdue tasks"] == ("5", "+2")
    assert got["Meetings per working day"][0] == "0.30"
    assert at.title[0].value == "Overview"


def test_period_from_the_url(monkeypatch, office_url):
    at = run_app(monkeypatch, office_url, NOW_ISO, query={"period": "week"})
    assert "25/08/2025 – 28/08/2025" in at.caption[0].value
    assert at.query_params["period"] == ["week"] or at.query_params["period"] == "week"


def test_unknown_period_in_the_url_is_explained(monkeypatch, office_url):
    at = run_app(monkeypatch, office_url, NOW_ISO, query={"period": "decade"})
    assert not at.exception
    assert "01/08/2025 – 28/08/2025" in at.caption[0].value
    assert "không hợp lệ" in at.toast[0].value


def test_the_first_day_of_a_month(monkeypatch, office_url):
    """On 01/09 the default is last month (August, whole), compared with July by name and year-less dates;
    "this month" is one day, shown without a comparison rather than against Sunday 01/08."""
    at = run_app(monkeypatch, office_url, "2025-09-01T08:00:00+07:00")
    assert not at.exception
    assert "01/08/2025 – 31/08/2025" in at.caption[0].value
    assert at.segmented_control(key=keys.PERIOD).value == "last_month"
    one_day = run_app(monkeypatch, office_url, "2025-09-01T08:00:00+07:00", state={keys.PERIOD: "month"})
    got = metrics(one_day)
    assert not got["Văn bản đến"][1] and not got["Bình quân cuộc họp/ngày làm việc"][1]
    docs = [m for m in one_day.metric if m.label == "Văn bản đến"][0]
    assert "kỳ quá ngắn để so sánh" in str(docs.proto)


def test_where_and_since_when(monkeypatch, engine, db_url):
    """The overview names the lead units with the most overdue tasks and the oldest overdue tasks."""
    from tests import known_tasks

    with engine.begin() as conn:
        known_tasks.fill(conn)
    at = run_app(monkeypatch, db_url, known_tasks.NOW_ISO)
    assert not at.exception
    units = at.dataframe[0].value
    assert list(units["Đơn vị chủ trì"]) == [name for name, _, _ in known_tasks.ALL_RANKING]
    assert list(units["Quá hạn"]) == [overdue for _, _, overdue in known_tasks.ALL_RANKING]
    oldest = at.dataframe[1].value
    assert list(oldest["Mã"]) == ["NV-2025-0011", "NV-2025-0012", "NV-2025-0008", "NV-2025-0007", "NV-2025-0014"]
    assert len(at.get("vega_lite_chart")) >= 1  # the month-by-month trend
