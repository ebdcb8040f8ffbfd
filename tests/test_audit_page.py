"""The audit page: leaders and administrators read every save, filtered; others do not get the page."""

from __future__ import annotations

import datetime as dt

import pytest

from data_access.accounts.users import User
from data_access.points import edits as point_edits
from data_access.tasks import edits as task_edits
from tests.apptest import run_app
from tests.builders import Office
from ui import keys

NOW_ISO = "2025-08-28T09:00:00+07:00"
AUDIT = "app_pages/audit.py"


@pytest.fixture
def edited(engine, db_url, monkeypatch):
    monkeypatch.setenv("OFFICE_FROZEN_NOW", NOW_ISO)
    with engine.begin() as conn:
        o = Office(conn)
        unit = o.unit(code="SO-TC", name="Sở Tài chính")
        o.unit(kind="commune", code="XA-A", name="Xã A")
        task_id = o.task(unit, due_on=dt.date(2025, 8, 20), progress_pct=50)
    mai = User(1, "mai.nt", "Nguyễn Thị Mai", "specialist", True)
    task_edits.update_task(
        engine,
        mai,
        task_id,
        1,
        {},
        status="in_progress",
        progress_pct=80,
        completed_on=None,
        today=dt.date(2025, 8, 28),
    )
    point_edits.record_point_check(
        engine, User(2, "tam.bt", "Bùi Thanh Tâm", "specialist", True), "XA-A", "disconnected", "Mất điện"
    )
    return db_url


def test_a_leader_reads_who_changed_what(monkeypatch, edited):
    at = run_app(monkeypatch, edited, NOW_ISO, page=AUDIT, role="leader")
    assert not at.exception
    cards = [m.value for m in at.markdown]
    assert cards.index("**Ghi kiểm tra điểm cầu** · tam.bt  \n:gray[09:00 28/08/2025]") < cards.index(
        "- Tiến độ (%): 50 → 80"
    )
    assert "- Trạng thái: Mất kết nối" in " ".join(cards) and "- Nội dung: Mất điện" in " ".join(cards)
    assert "**Cập nhật nhiệm vụ** · mai.nt  \n:gray[09:00 28/08/2025]" in cards
    assert "- Tiến độ (%): 50 → 80" in cards
    links = [(link.proto.label, link.proto.query_string) for link in at.get("page_link")]
    assert links == [("Kiểm tra điểm cầu Xã A", "point=XA-A"), ("Nhiệm vụ NV-T-" + links[1][0][-4:], links[1][1])]
    assert links[1][1].startswith("task=NV-T-")
    assert "2 lần thay đổi trong kỳ" in " ".join(c.value for c in at.caption)


def test_filtered_by_user(monkeypatch, edited):
    at = run_app(monkeypatch, edited, NOW_ISO, page=AUDIT, role="admin", state={keys.AUDIT_USER: "mai.nt"})
    assert [m.value.split(" · ")[1].split()[0] for m in at.markdown if m.value.startswith("**")] == ["mai.nt"]


def test_a_specialist_has_no_audit_page(monkeypatch, edited):
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        run_app(monkeypatch, edited, NOW_ISO, page=AUDIT, role="specialist")


def test_the_trail_names_people_units_and_times_as_people_read_them(monkeypatch, engine, db_url):
    """Authors by name (with their login), a check's time as 09:00 28/08/2025 (never a raw UTC instant),
    and a new task's entry naming its lead unit."""
    from data_access.accounts import users

    monkeypatch.setenv("OFFICE_FROZEN_NOW", NOW_ISO)
    with engine.begin() as conn:
        o = Office(conn)
        o.unit(code="SO-TC", name="Sở Tài chính")
        o.unit(kind="commune", code="XA-A", name="Xã A")
    mai = users.create_user(engine, "mai.nt", "specialist", "Nguyễn Thị Mai", "mat-khau-dai-1")
    task_edits.create_task(
        engine,
        mai,
        task_edits.NewTask("Rà soát hồ sơ", "chairman", "SO-TC", dt.date(2025, 8, 28), None),
        dt.date(2025, 8, 28),
    )
    point_edits.record_point_check(engine, mai, "XA-A", "connected", None)
    at = run_app(monkeypatch, db_url, NOW_ISO, page=AUDIT, role="leader")
    text = " ".join(m.value for m in at.markdown)
    assert "· Nguyễn Thị Mai (mai.nt)" in text
    assert "- Đơn vị chủ trì: Sở Tài chính" in text
    assert "09:00 28/08/2025" in text and "+00:00" not in text and "2025-08-28" not in text
