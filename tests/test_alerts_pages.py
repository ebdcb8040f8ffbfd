"""The overview's "Cần chú ý", /alerts with its filters and settings, the pre-meeting check on a planned
online meeting's page and the information systems on /points, through AppTest against known rows."""

import pytest

from data_access.alerts import rules
from data_access.probe.systems import declare_office_systems
from tests import known_alerts as K
from tests.apptest import run_app
from tests.builders import read
from tests.test_plain_text import hostile  # noqa: F401 (the module's fixture)
from ui import keys

OVERVIEW = "app_pages/overview.py"
ALERTS = "app_pages/alerts.py"
MEETINGS = "app_pages/meetings.py"
POINTS = "app_pages/points.py"


@pytest.fixture
def url(db_url, engine):
    with engine.begin() as conn:
        K.fill(conn)
        declare_office_systems(conn, K.NOW)
    return db_url


def _open(monkeypatch, url, page=None, **kwargs):
    at = run_app(monkeypatch, url, K.NOW_ISO, page=page, **kwargs)
    assert not at.exception, at.exception
    return at


def _text(at) -> str:
    return " ".join(m.value for m in at.markdown)


def test_overview_attention_counts_and_first_items(monkeypatch, url):
    at = _open(monkeypatch, url)
    assert "Cần chú ý" in [s.value for s in at.subheader]
    text = _text(at)
    assert "15 cảnh báo đang mở" in text
    frame = at.dataframe[2].value  # after the tasks section's two tables
    assert list(frame.columns) == ["Quy tắc", "Nội dung", "Đơn vị", "Chi tiết"]
    overdue = frame[frame["Quy tắc"] == "Nhiệm vụ quá hạn"]
    assert list(overdue["Nội dung"]) == ["NV-A-01 · Giải ngân vốn đầu tư công", "NV-A-02 · Rà soát quy hoạch"]
    assert list(overdue["Chi tiết"]) == ["quá hạn 8 ngày (hạn 20/08/2025)", "quá hạn 1 ngày (hạn 27/08/2025)"]
    assert len(frame[frame["Quy tắc"] == "Trước cuộc họp"]) == 3  # first 3 of 4


def test_alerts_page_filters_from_the_url(monkeypatch, url):
    at = _open(monkeypatch, url, ALERTS, query={"rule": "point_down"})
    frame = at.dataframe[0].value
    assert "Quy tắc" not in frame.columns  # one rule: no rule column
    assert set(frame["Nội dung"]) == {"Xã Bình Đức", "Đặc khu Thổ Sơn", "Xã Tân Lợi", "Phường Long Xuyên"}
    assert "Mất kết nối" in list(frame["Chi tiết"])
    at = _open(monkeypatch, url, ALERTS, query={"unit": "SO-XD"})
    assert [c.split(" · ")[0] for c in at.dataframe[0].value["Nội dung"]] == ["NV-A-02"]
    assert not [s for s in at.subheader if s.value == "Quy tắc cảnh báo"]  # a viewer: no rule settings


def test_admin_edits_a_rule(monkeypatch, url, engine):
    at = _open(monkeypatch, url, ALERTS, role="admin")
    assert "Quy tắc cảnh báo" in [s.value for s in at.subheader]
    at.number_input(key=keys.edit_key(keys.ALERT_RULE_PARAM, "task_due_soon.days")).set_value(4)
    at.button(key=keys.edit_key(keys.ALERT_RULE_SAVE, "task_due_soon")).click().run()
    assert not at.exception
    saved = next(s for s in read(engine, rules.rule_settings) if s.rule == "task_due_soon")
    assert saved.params == {"days": 4} and saved.updated_by == "kiemthu.admin"


def test_premeeting_board_on_a_planned_online_meeting(monkeypatch, url):
    at = _open(monkeypatch, url, MEETINGS, query={"meeting": str(K.IDS["meeting"])}, role="specialist")
    text = _text(at)
    assert "1/5 điểm cầu sẵn sàng" in text and "Cần gọi (4)" in text
    call = at.dataframe[0].value
    assert list(call["Mã"]) == ["XA-BINH-DUC", "DK-THO-SON", "XA-TAN-LOI"]  # not connected, or never checked
    assert list(at.dataframe[1].value["Mã"]) == ["PHUONG-LONG-XUYEN"]  # connected, but not re-checked lately
    assert "1 điểm cầu kết nối nhưng chưa kiểm tra lại trong 2 giờ qua" in [e.label for e in at.expander]
    at.selectbox(key=keys.edit_key(keys.PREMEETING_POINT, K.IDS["meeting"])).set_value("XA-BINH-DUC")
    at.button(key=keys.edit_key(keys.PREMEETING_SAVE, K.IDS["meeting"])).click().run()
    assert not at.exception
    at = _open(monkeypatch, url, MEETINGS, query={"meeting": str(K.IDS["meeting"])}, role="viewer")
    assert "2/5 điểm cầu sẵn sàng" in _text(at) and "Cần gọi (3)" in _text(at)
    assert not at.button or all("premeeting_save" not in (b.key or "") for b in at.button)  # a viewer: no re-check


def test_information_systems_on_the_points_page(monkeypatch, url):
    at = _open(monkeypatch, url, POINTS)
    assert "Hệ thống thông tin" in [s.value for s in at.subheader]
    frame = at.dataframe[-1].value
    assert set(frame["Hệ thống"]) == {
        "Phần mềm quản lý văn bản và hồ sơ công việc",
        "Hệ thống thư điện tử công vụ",
        "Cổng dịch vụ công tỉnh",
        "Mạng nội bộ (LAN) Văn phòng",
    }


def test_in_english(monkeypatch, url):
    at = _open(monkeypatch, url, ALERTS, query={"lang": "en", "rule": "task_overdue"})
    assert "Needs attention" in [t.value for t in at.title]
    assert list(at.dataframe[0].value["Detail"]) == [
        "8 days overdue (due 20/08/2025)",
        "1 day overdue (due 27/08/2025)",
    ]


def test_a_specialist_subscribes_to_the_tasks_of_a_unit(monkeypatch, url, engine):
    from data_access.accounts.users import list_users
    from data_access.alerts.subscriptions import Subscription, subscription_of

    at = _open(monkeypatch, url, ALERTS, role="specialist")
    at.text_input(key=keys.ALERT_SUB_EMAIL).set_value("mai@vp.test")
    at.multiselect(key=keys.ALERT_SUB_RULES).set_value(["task_overdue"])
    at.multiselect(key=keys.ALERT_SUB_UNITS).set_value([K.IDS["xd"]])
    at.button(key=keys.ALERT_SUB_SAVE).click().run()
    assert not at.exception and not at.error
    me = next(u for u in list_users(engine) if u.login == "kiemthu.specialist")
    assert read(engine, subscription_of, me.id) == Subscription("mai@vp.test", ("task_overdue",), (K.IDS["xd"],))
    at.text_input(key=keys.ALERT_SUB_EMAIL).set_value("not an address")
    at.button(key=keys.ALERT_SUB_SAVE).click().run()
    assert "không phải địa chỉ thư điện tử hợp lệ" in at.error[0].value


def test_alerts_draw_no_markdown_from_the_database(monkeypatch, hostile):  # noqa: F811
    """The alerts of rows holding Markdown (an image, a link, bold, a formula): shown as written."""
    from tests.test_plain_text import HOSTILE as H
    from tests.test_plain_text import _open as open_hostile
    from tests.test_plain_text import assert_plain

    url, _ = hostile
    for page, query, values in [
        (ALERTS, {}, [f"{H['task_code']} · {H['task_title']}", H["commune_failed"]]),
        (ALERTS, {"rule": "task_overdue"}, [H["department"]]),
        (None, {}, [H["task_title"]]),
    ]:
        assert_plain(open_hostile(monkeypatch, url, page, query), *values)
