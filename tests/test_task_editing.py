"""Editing a task from its drill-down through AppTest: who sees the forms, saves, refusals, conflicts."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from data_access.accounts.users import User
from data_access.core.schema import audit_log, tasks
from data_access.tasks import edits as task_edits
from tests import known_tasks as K
from tests.apptest import metrics, run_app
from ui import keys
from ui.keys import edit_key

TASKS = "app_pages/tasks.py"
CODE = "NV-2025-0008"  # overdue 15 days, not started, progress from the builder


@pytest.fixture
def tasks_url(db_url, engine):
    with engine.begin() as conn:
        K.fill(conn)
    return db_url


def _task(engine):
    with engine.connect() as conn:
        return conn.execute(select(tasks).where(tasks.c.code == CODE)).mappings().one()


def _open(monkeypatch, url, role):
    at = run_app(monkeypatch, url, K.NOW_ISO, page=TASKS, query={"task": CODE}, role=role)
    assert not at.exception, at.exception
    return at


def _tab_labels(at):
    return [tab.label for tab in at.tabs]


def test_a_viewer_sees_no_edit_forms(monkeypatch, tasks_url):
    at = _open(monkeypatch, tasks_url, "viewer")
    assert _tab_labels(at) == [] and not at.get("form")


def test_only_leaders_see_the_extension(monkeypatch, tasks_url):
    assert _tab_labels(_open(monkeypatch, tasks_url, "specialist")) == [
        "Tiến độ, trạng thái",
        "Báo cáo, đôn đốc, ghi chú",
    ]
    assert _tab_labels(_open(monkeypatch, tasks_url, "leader"))[-1] == "Gia hạn"


def test_a_specialist_completes_a_task_and_the_overview_counts_one_less(monkeypatch, tasks_url, engine):
    before = metrics(run_app(monkeypatch, tasks_url, K.NOW_ISO))["Nhiệm vụ quá hạn"][0]
    at = _open(monkeypatch, tasks_url, "specialist")
    task_id = _task(engine)["id"]
    at.selectbox(key=edit_key(keys.TASK_STATUS, task_id, 1)).select("completed")
    at.date_input(key=edit_key(keys.TASK_DONE_ON, task_id, 1)).set_value(dt.date(2025, 8, 27))
    at.button(key=edit_key(keys.TASK_SAVE, task_id)).click().run()
    assert not at.exception and not at.error
    row = _task(engine)
    assert (row["status"], row["completed_on"], row["progress_pct"]) == ("completed", dt.date(2025, 8, 27), 100)
    with engine.connect() as conn:
        assert conn.execute(select(audit_log.c.user_login, audit_log.c.action)).first() == (
            "kiemthu.specialist",
            "update_task",
        )
    after = metrics(run_app(monkeypatch, tasks_url, K.NOW_ISO))["Nhiệm vụ quá hạn"][0]
    assert int(after) == int(before) - 1


def test_completed_without_a_date_is_refused_naming_the_field(monkeypatch, tasks_url, engine):
    at = _open(monkeypatch, tasks_url, "specialist")
    row = _task(engine)
    at.selectbox(key=edit_key(keys.TASK_STATUS, row["id"], 1)).select("completed")
    at.button(key=edit_key(keys.TASK_SAVE, row["id"])).click().run()
    assert "Ngày hoàn thành: cần nhập khi nhiệm vụ đã hoàn thành." in at.error[0].value
    assert dict(_task(engine)) == dict(row)


def test_a_save_over_a_newer_change_shows_what_changed(monkeypatch, tasks_url, engine):
    at = _open(monkeypatch, tasks_url, "specialist")
    row = _task(engine)
    other = User(99, "lan.nt", "Nguyễn Thị Lan", "specialist", True)
    task_edits.update_task(
        engine,
        other,
        row["id"],
        row["version"],
        dict(row),
        status="in_progress",
        progress_pct=70,
        completed_on=None,
        today=dt.date(2025, 8, 28),
    )
    at.slider(key=edit_key(keys.TASK_PROGRESS, row["id"], 1)).set_value(40)
    at.button(key=edit_key(keys.TASK_SAVE, row["id"])).click().run()
    message = at.error[0].value
    assert "lan.nt đã thay đổi bản ghi này" in message
    assert "Trạng thái: lúc bạn mở là Chưa thực hiện, bây giờ là Đang thực hiện" in message
    assert "Tiến độ (%)" in message and "bây giờ là 70" in message
    assert _task(engine)["progress_pct"] == 70
    reload = next(b for b in at.button if b.label == "Tải lại bản mới")
    at.button(key=edit_key(keys.TASK_SAVE, row["id"])).click().run()  # saving again without reloading
    assert "lan.nt đã thay đổi bản ghi này" in at.error[0].value and _task(engine)["progress_pct"] == 70
    reload = next(b for b in at.button if b.label == "Tải lại bản mới")
    reload.click().run()
    # the form is drawn afresh for the current version: it holds 70, not the 40 typed over the old one
    assert at.slider(key=edit_key(keys.TASK_PROGRESS, row["id"], 2)).value == 70
    assert at.selectbox(key=edit_key(keys.TASK_STATUS, row["id"], 2)).value == "in_progress"
    at.slider(key=edit_key(keys.TASK_PROGRESS, row["id"], 2)).set_value(75)
    at.button(key=edit_key(keys.TASK_SAVE, row["id"])).click().run()
    assert not at.error, at.error[0].value
    assert _task(engine)["progress_pct"] == 75  # a save now starts from what the user saw


def test_a_leader_extends_the_deadline_and_the_history_shows_it(monkeypatch, tasks_url, engine):
    at = _open(monkeypatch, tasks_url, "leader")
    task_id = _task(engine)["id"]
    at.date_input(key=edit_key(keys.TASK_NEW_DUE, task_id, 1)).set_value(dt.date(2025, 9, 30))
    at.text_area(key=edit_key(keys.TASK_REASON, task_id, 1)).input("Chờ ý kiến của Bộ Tài chính")
    at.button(key=edit_key(keys.TASK_EXTEND, task_id)).click().run()
    assert not at.exception and not at.error
    assert _task(engine)["due_on"] == dt.date(2025, 9, 30)
    text = " ".join(m.value for m in at.markdown)
    assert "Gia hạn" in text and "Chờ ý kiến của Bộ Tài chính" in text


def _grid_edit(rows: dict) -> dict:
    return {"edited_rows": rows, "added_rows": [], "deleted_rows": []}


def _list_page(monkeypatch, url, edits):
    at = run_app(
        monkeypatch,
        url,
        K.NOW_ISO,
        page=TASKS,
        role="specialist",
        state={keys.TASKS_GRID_ON: True, keys.TASKS_GRID: _grid_edit(edits)},
    )
    assert not at.exception, at.exception
    return at


def test_a_batch_from_the_grid_lands_in_one_save(monkeypatch, tasks_url, engine):
    at = _list_page(monkeypatch, tasks_url, {})
    rows = at.session_state[keys.TASKS_GRID_ROWS][1]
    open_rows = [i for i, r in enumerate(rows) if r.status in ("in_progress", "not_started", "paused")][:2]
    codes = [rows[i].code for i in open_rows]
    at = _list_page(monkeypatch, tasks_url, {open_rows[0]: {"Tiến độ": 95}, open_rows[1]: {"Tiến độ": 5}})
    save_button = at.button(key=keys.TASKS_GRID_SAVE)
    assert not save_button.disabled
    save_button.click().run()
    assert not at.exception and not at.error, at.error[0].value
    with engine.connect() as conn:
        progress = dict(conn.execute(select(tasks.c.code, tasks.c.progress_pct).where(tasks.c.code.in_(codes))).all())
        audited = conn.execute(select(audit_log.c.action)).scalars().all()
    assert sorted(progress.values()) == [5, 95]
    assert audited == ["update_task", "update_task"]


def test_one_bad_row_in_the_grid_saves_none_and_names_the_task(monkeypatch, tasks_url, engine):
    at = _list_page(monkeypatch, tasks_url, {})
    rows = at.session_state[keys.TASKS_GRID_ROWS][1]
    first, second = [i for i, r in enumerate(rows) if r.status in ("in_progress", "not_started", "paused")][:2]
    at = _list_page(monkeypatch, tasks_url, {first: {"Tiến độ": 95}, second: {"Trạng thái": "Đã hoàn thành"}})
    at.button(key=keys.TASKS_GRID_SAVE).click().run()
    message = at.error[0].value
    assert message.startswith(rows[second].code + ": Ngày hoàn thành: cần nhập")
    with engine.connect() as conn:
        assert conn.execute(select(audit_log.c.id)).first() is None


def test_a_database_failure_during_a_save_keeps_the_form(monkeypatch, tasks_url, engine):
    at = _open(monkeypatch, tasks_url, "specialist")
    task_id = _task(engine)["id"]

    def broken(*args, **kwargs):
        from sqlalchemy.exc import OperationalError

        raise OperationalError("UPDATE tasks", {}, Exception("database is locked"))

    monkeypatch.setattr(task_edits, "update_task", broken)
    at.slider(key=edit_key(keys.TASK_PROGRESS, task_id, 1)).set_value(60)
    at.button(key=edit_key(keys.TASK_SAVE, task_id)).click().run()
    assert not at.exception
    assert "Chưa lưu được" in at.error[0].value and "vẫn còn" in at.error[0].value
    assert at.slider(key=edit_key(keys.TASK_PROGRESS, task_id, 1)).value == 60


def test_a_note_typed_when_the_database_drops_is_still_in_its_box_after_recovery(monkeypatch, tasks_url, engine):
    """Issue 16 item 8: the page is replaced by the database message; the note comes back with the form."""
    from data_access.core.errors import DatabaseProblem
    from data_access.tasks import detail
    from ui import startup

    at = _open(monkeypatch, tasks_url, "specialist")
    task = _task(engine)
    with engine.connect() as conn:
        events = len(detail.task_by_code(conn, CODE, dt.date.fromisoformat(K.NOW_ISO[:10])).events)
    note_key = edit_key(keys.TASK_EVENT_NOTE, task["id"], events)
    note = "Đã gọi điện cho Sở Tài chính, hẹn gửi báo cáo thứ Sáu."
    real_ensure_ready, real_is_ready = startup.ensure_ready, startup.is_ready

    def database_gone(url, db=None):
        raise DatabaseProblem(DatabaseProblem.UNREACHABLE, "OperationalError")

    monkeypatch.setattr(startup, "ensure_ready", database_gone)  # the first thing each page run asks
    monkeypatch.setattr(startup, "is_ready", lambda url, db=None: False)
    at.text_area(key=note_key).input(note)
    at.button(key=edit_key(keys.TASK_EVENT_SAVE, task["id"])).click().run()
    assert not at.exception
    assert any("cơ sở dữ liệu" in e.value for e in at.error)
    assert any("được giữ lại" in c.value for c in at.caption)
    monkeypatch.setattr(startup, "ensure_ready", real_ensure_ready)
    monkeypatch.setattr(startup, "is_ready", real_is_ready)
    at.run()
    at.run()
    assert not at.exception and not at.error
    assert at.text_area(key=note_key).value == note
