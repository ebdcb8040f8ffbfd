"""The tasks page through AppTest: every figure, rank and list equals what the known tasks imply."""

import pytest

from tests import known_tasks as K
from tests.apptest import metrics, run_app
from ui import keys

TASKS = "app_pages/tasks.py"


@pytest.fixture
def tasks_url(db_url, engine):
    with engine.begin() as conn:
        K.fill(conn)
    return db_url


def _open(monkeypatch, url, **kwargs):
    at = run_app(monkeypatch, url, K.NOW_ISO, page=TASKS, **kwargs)
    assert not at.exception, at.exception
    return at


def _list_codes(at):
    return list(at.dataframe[-1].value["Mã"])


def test_status_picture_this_month_against_last_year(monkeypatch, tasks_url):
    at = _open(monkeypatch, tasks_url)
    got = metrics(at)
    assert got["Tổng số nhiệm vụ"] == ("10", "+7")
    assert got["Đã hoàn thành đúng hạn"] == ("2", "+1")
    assert got["Đã hoàn thành quá hạn"] == ("1", "+1")
    assert got["Chưa hoàn thành, trong hạn"] == ("3", "+2")
    assert got["Chưa hoàn thành, quá hạn"] == ("4", "+3")
    assert got["Không thời hạn"] == ("2", "+2")
    assert got["Tỷ lệ hoàn thành"] == ("30,0%", "-3,3 điểm %")
    assert got["Tỷ lệ quá hạn"] == ("40,0%", "+6,7 điểm %")
    assert got["Đã gia hạn"][0] == "0"  # the known tasks have no extension (test_edits extends one)
    assert "Nhiệm vụ giao từ 01/08/2025 đến 28/08/2025, tình trạng đến ngày 28/08/2025" in at.caption[0].value


def test_all_tasks_scope_from_the_url(monkeypatch, tasks_url):
    at = _open(monkeypatch, tasks_url, query={"scope": "all"})
    got = metrics(at)
    assert got["Chưa hoàn thành, quá hạn"] == ("6", "+5")
    assert got["Đã hoàn thành đúng hạn"] == ("6", "+5")
    assert got["Tổng số nhiệm vụ"] == ("17", "+13")


def test_category_pills_show_counts_and_filter_the_list(monkeypatch, tasks_url):
    at = _open(monkeypatch, tasks_url, query={"category": "open_overdue"})
    assert _list_codes(at) == ["NV-2025-0008", "NV-2025-0007", "NV-2025-0014", "NV-2025-0001"]
    table = at.dataframe[-1].value
    assert list(table["Tình trạng"]) == ["Quá hạn 15 ngày", "Quá hạn 8 ngày", "Quá hạn 7 ngày", "Quá hạn 1 ngày"]


def test_unit_and_age_from_the_url(monkeypatch, tasks_url):
    at = _open(monkeypatch, tasks_url, query={"unit": "SO-TC", "age": "1-7"})
    assert _list_codes(at) == ["NV-2025-0014", "NV-2025-0001"]
    assert at.selectbox(key=keys.TASKS_UNIT).value is not None


def test_search_text(monkeypatch, tasks_url):
    at = _open(monkeypatch, tasks_url, query={"scope": "all", "q": "BÁO CÁO"})
    assert sorted(_list_codes(at)) == ["NV-2025-0002", "NV-2025-0012"]


def test_due_soon_table(monkeypatch, tasks_url):
    at = _open(monkeypatch, tasks_url)
    due = at.dataframe[1].value
    assert list(due["Mã"]) == K.DUE_SOON
    assert list(due["Tình trạng"]) == ["Đến hạn hôm nay", "Còn 6 ngày"]


def test_ranking_and_sources_are_drawn(monkeypatch, tasks_url):
    """Where it is stuck is the backlog as of today, whenever assigned: the six overdue tasks, not the month's four."""
    at = _open(monkeypatch, tasks_url)
    sources = at.dataframe[0].value
    assert dict(zip(sources["Nguồn giao"], sources["Quá hạn"])) == {
        "Chủ tịch UBND tỉnh": 2,
        "Thủ tướng Chính phủ": 1,
        "HĐND tỉnh": 1,
        "Khác": 1,
        "Chính phủ": 1,
        "Phó Chủ tịch UBND tỉnh": 0,
    }
    assert metrics(at)["Quá hạn chưa hoàn thành"][0] == str(K.ALL["open_overdue"])
    assert len(at.get("vega_lite_chart")) == 2
    assert not at.get("download_button")[0].proto.disabled


def test_urging_download_is_offered(monkeypatch, tasks_url):
    at = _open(monkeypatch, tasks_url)
    assert any("6 nhiệm vụ quá hạn của 3 đơn vị" in c.value for c in at.caption)  # the backlog, not the month's


def test_one_task_from_its_link(monkeypatch, tasks_url):
    at = _open(monkeypatch, tasks_url, query={"task": "NV-2025-0008"})
    assert at.subheader[0].value.startswith("NV-2025-0008")
    text = " ".join(m.value for m in at.markdown)
    assert "Quá hạn 15 ngày" in " ".join(str(b.proto) for b in at.get("badge")) or "Quá hạn 15 ngày" in text
    assert "Họp nghe báo cáo giải ngân vốn đầu tư công" in text
    links = [link.proto for link in at.get("page_link")]
    assert links[0].label.startswith("123/UBND-KT · Công văn") and links[0].query_string.startswith("document=")
    assert text.index("Đôn đốc lần 2.") < text.index("Đôn đốc lần 1.") < text.index("Đơn vị báo cáo")


def test_unknown_task_code_gets_a_message(monkeypatch, tasks_url):
    at = _open(monkeypatch, tasks_url, query={"task": "NV-9999-0000"})
    assert "Không tìm thấy nhiệm vụ có mã «NV-9999-0000»" in at.warning[0].value


def test_bad_filter_in_the_url_is_explained(monkeypatch, tasks_url):
    at = _open(monkeypatch, tasks_url, query={"category": "late-ish"})
    assert "không hợp lệ" in at.toast[0].value
    assert len(_list_codes(at)) == 10


@pytest.mark.parametrize("now_iso", ["2025-09-01T08:00:00+07:00", "2026-01-01T08:00:00+07:00", K.NOW_ISO])
def test_the_backlog_never_hides_behind_the_period(monkeypatch, tasks_url, now_iso):
    """On the first day of a month or a year "this month" is one day; the default view still shows every
    overdue task, the same count as the overview, with the ranking, the ages and the urging list behind it."""
    overview = run_app(monkeypatch, tasks_url, now_iso)
    overdue = metrics(overview)["Nhiệm vụ quá hạn"][0]
    at = run_app(monkeypatch, tasks_url, now_iso, page=TASKS)
    assert not at.exception
    assert int(overdue) >= K.ALL["open_overdue"] - 1  # on 01/09 task 9 is not yet overdue; 0002 is
    assert metrics(at)["Quá hạn chưa hoàn thành"][0] == overdue
    assert any(f"{overdue} nhiệm vụ quá hạn của" in c.value for c in at.caption)
    assert not any("Không có nhiệm vụ quá hạn" in c.value for c in at.caption)


def test_the_backlog_is_today_even_for_a_past_period(monkeypatch, tasks_url):
    """Last month is classified on its last day; the backlog beside it is still today's (the overview's)."""
    overview = run_app(monkeypatch, tasks_url, K.NOW_ISO)
    at = run_app(monkeypatch, tasks_url, K.NOW_ISO, page=TASKS, state={keys.PERIOD: "last_month"})
    assert metrics(at)["Quá hạn chưa hoàn thành"][0] == metrics(overview)["Nhiệm vụ quá hạn"][0]
