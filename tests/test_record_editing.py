"""Edits from the document, meeting and point drill-downs, and the new meeting form, through AppTest."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from data_access.core.schema import audit_log, documents, meeting_points, meetings, point_checks, tasks
from tests.apptest import run_app
from tests.builders import Office, vn
from ui import keys
from ui.keys import edit_key

NOW_ISO = "2025-08-28T09:00:00+07:00"


@pytest.fixture
def office(engine):
    with engine.begin() as conn:
        o = Office(conn)
        unit = o.unit(code="SO-TC", name="Sở Tài chính")
        o.unit(kind="commune", code="XA-A", name="Xã An Bình")
        o.unit(kind="ward", code="PHUONG-B", name="Phường Bắc Sơn")
        doc = o.document("incoming", dt.date(2025, 8, 25), due_on=dt.date(2025, 9, 1), number="77/BTC-NSNN")
        meeting = o.meeting(vn(2025, 8, 27, 8), status="planned", is_online=True, title="Giao ban trực tuyến")
    return {"unit": unit, "doc": doc, "meeting": meeting}


def _actions(engine):
    with engine.connect() as conn:
        return conn.execute(select(audit_log.c.action).order_by(audit_log.c.id)).scalars().all()


def test_a_viewer_gets_no_forms(monkeypatch, db_url, office):
    for page, query in (
        ("app_pages/documents.py", {"document": str(office["doc"])}),
        ("app_pages/meetings.py", {"meeting": str(office["meeting"])}),
        ("app_pages/points.py", {"point": "XA-A"}),
    ):
        at = run_app(monkeypatch, db_url, NOW_ISO, page=page, query=query, role="viewer")
        assert not at.exception and not at.get("form") and not at.get("expandable")


def test_a_specialist_marks_a_document_processed(monkeypatch, db_url, engine, office):
    at = run_app(
        monkeypatch,
        db_url,
        NOW_ISO,
        page="app_pages/documents.py",
        query={"document": str(office["doc"])},
        role="specialist",
    )
    at.date_input(key=edit_key(keys.DOC_PROCESSED_ON, office["doc"], 1)).set_value(dt.date(2025, 8, 27))
    at.button(key=edit_key(keys.DOC_SAVE, office["doc"])).click().run()
    assert not at.exception and not at.error
    with engine.connect() as conn:
        assert conn.execute(select(documents.c.processed_on)).scalar_one() == dt.date(2025, 8, 27)
    assert _actions(engine) == ["process_document"]
    assert "27/08/2025" in " ".join(m.value for m in at.markdown)


def test_a_task_assigned_from_a_document(monkeypatch, db_url, engine, office):
    at = run_app(
        monkeypatch,
        db_url,
        NOW_ISO,
        page="app_pages/documents.py",
        query={"document": str(office["doc"])},
        role="specialist",
    )
    origin = f"d{office['doc']}"
    at.button(key=edit_key(keys.NEW_TASK_SAVE, origin)).click().run()
    assert "Tên/nội dung: chưa nhập" in at.error[0].value
    at.text_area(key=edit_key(keys.NEW_TASK_TITLE, origin)).input("Tham mưu phân bổ vốn")
    at.selectbox(key=edit_key(keys.NEW_TASK_UNIT, origin)).select("SO-TC")
    at.date_input(key=edit_key(keys.NEW_TASK_DUE, origin)).set_value(dt.date(2025, 9, 10))
    at.button(key=edit_key(keys.NEW_TASK_SAVE, origin)).click().run()
    assert not at.exception and not at.error
    with engine.connect() as conn:
        row = conn.execute(select(tasks)).mappings().one()
    assert (row["code"], row["source_document_id"], row["assigned_on"], row["due_on"], row["status"]) == (
        "NV-2025-0001",
        office["doc"],
        dt.date(2025, 8, 25),
        dt.date(2025, 9, 10),
        "not_started",
    )


def test_a_meeting_held_and_its_points(monkeypatch, db_url, engine, office):
    at = run_app(
        monkeypatch,
        db_url,
        NOW_ISO,
        page="app_pages/meetings.py",
        query={"meeting": str(office["meeting"])},
        role="specialist",
    )
    m = office["meeting"]
    at.segmented_control(key=edit_key(keys.MEETING_STATUS, m, 1)).set_value("held")
    at.button(key=edit_key(keys.MEETING_STATUS_SAVE, m)).click().run()
    assert not at.exception and not at.error
    with engine.connect() as conn:
        assert conn.execute(select(meetings.c.status, meetings.c.version)).one() == ("held", 2)
    at = run_app(
        monkeypatch,
        db_url,
        NOW_ISO,
        page="app_pages/meetings.py",
        query={"meeting": str(m)},
        role="specialist",
        state={
            edit_key(keys.MEETING_JOINS, m): {
                "edited_rows": {0: {"Tình trạng tham gia": "Lỗi kết nối"}, 1: {"Tình trạng tham gia": "Kết nối tốt"}},
                "added_rows": [],
                "deleted_rows": [],
            }
        },
    )
    at.button(key=edit_key(keys.MEETING_JOINS_SAVE, m)).click().run()
    assert not at.exception and not at.error
    with engine.connect() as conn:
        joined = dict(conn.execute(select(meeting_points.c.unit_id, meeting_points.c.status)).all())
    assert sorted(joined.values()) == ["connected", "failed"]
    assert _actions(engine) == ["set_meeting_status", "record_meeting_points"]


def test_a_meeting_cannot_be_held_before_it_starts(monkeypatch, db_url, engine, office):
    with engine.begin() as conn:
        later = Office(conn).meeting(vn(2025, 9, 2, 8), status="planned")
    at = run_app(
        monkeypatch, db_url, NOW_ISO, page="app_pages/meetings.py", query={"meeting": str(later)}, role="specialist"
    )
    at.segmented_control(key=edit_key(keys.MEETING_STATUS, later, 1)).set_value("held")
    at.button(key=edit_key(keys.MEETING_STATUS_SAVE, later)).click().run()
    assert "cuộc họp chưa bắt đầu" in at.error[0].value
    assert _actions(engine) == []


def test_a_new_meeting_is_scheduled(monkeypatch, db_url, engine, office):
    at = run_app(monkeypatch, db_url, NOW_ISO, page="app_pages/meetings.py", role="specialist")
    at.text_input(key=keys.NEW_MEETING_TITLE).input("Họp Ban chỉ đạo chuyển đổi số")
    at.date_input(key=keys.NEW_MEETING_DAY).set_value(dt.date(2025, 9, 3))
    at.time_input(key=keys.NEW_MEETING_START).set_value(dt.time(14, 0))
    at.time_input(key=keys.NEW_MEETING_END).set_value(dt.time(16, 30))
    at.button(key=keys.NEW_MEETING_SAVE).click().run()
    assert not at.exception and not at.error
    with engine.connect() as conn:
        row = conn.execute(select(meetings).where(meetings.c.title.like("Họp Ban%"))).mappings().one()
    assert (row["starts_at"], row["ends_at"], row["status"]) == (vn(2025, 9, 3, 14), vn(2025, 9, 3, 16, 30), "planned")


def test_a_point_check_is_recorded(monkeypatch, db_url, engine, office):
    at = run_app(monkeypatch, db_url, NOW_ISO, page="app_pages/points.py", query={"point": "XA-A"}, role="specialist")
    at.segmented_control(key=edit_key(keys.POINT_CHECK_STATUS, "XA-A")).set_value("disconnected")
    at.text_input(key=edit_key(keys.POINT_CHECK_NOTE, "XA-A")).input("Mất điện cả xã")
    at.button(key=edit_key(keys.POINT_CHECK_SAVE, "XA-A")).click().run()
    assert not at.exception and not at.error
    with engine.connect() as conn:
        check = conn.execute(select(point_checks)).mappings().one()
    assert (check["status"], check["note"], check["checked_at"]) == (
        "disconnected",
        "Mất điện cả xã",
        vn(2025, 8, 28, 9),
    )
    assert "Mất kết nối" in str(at.dataframe[0].value)


def test_several_documents_processed_from_the_grid_in_one_save(monkeypatch, db_url, engine, office):
    with engine.begin() as conn:
        second = Office(conn).document("incoming", dt.date(2025, 8, 26), number="78/BTC-NSNN")
    edits = {
        "edited_rows": {0: {"Ngày xử lý xong": "2025-08-27"}, 1: {"Ngày xử lý xong": "2025-08-28"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at = run_app(
        monkeypatch,
        db_url,
        NOW_ISO,
        page="app_pages/documents.py",
        role="specialist",
        state={keys.DOCS_GRID_ON: True, keys.DOCS_GRID: edits},
    )
    assert not at.exception
    shown = [r.id for r in at.session_state[keys.DOCS_GRID_ROWS][1]]
    assert sorted(shown) == sorted([office["doc"], second])
    at.button(key=keys.DOCS_GRID_SAVE).click().run()
    assert not at.exception and not at.error
    with engine.connect() as conn:
        done = dict(conn.execute(select(documents.c.id, documents.c.processed_on)).all())
    assert done == {shown[0]: dt.date(2025, 8, 27), shown[1]: dt.date(2025, 8, 28)}
    assert _actions(engine) == ["process_document", "process_document"]


def test_a_grid_row_before_its_document_saves_nothing(monkeypatch, db_url, engine, office):
    edits = {"edited_rows": {0: {"Ngày xử lý xong": "2025-08-01"}}, "added_rows": [], "deleted_rows": []}
    at = run_app(
        monkeypatch,
        db_url,
        NOW_ISO,
        page="app_pages/documents.py",
        role="specialist",
        state={keys.DOCS_GRID_ON: True, keys.DOCS_GRID: edits},
    )
    at.button(key=keys.DOCS_GRID_SAVE).click().run()
    assert at.error[0].value.startswith("77/BTC-NSNN: Ngày xử lý: không được trước ngày đến/ban hành (25/08/2025)")
    assert _actions(engine) == []
