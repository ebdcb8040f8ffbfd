"""Writes: each lands with its audit row; invalid input, stale versions and forbidden roles change nothing."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import func, select

from data_access.accounts.users import User
from data_access.core.edit_errors import Conflict, EditError, Forbidden
from data_access.core.schema import audit_log, documents, meeting_points, meetings, point_checks, task_events, tasks
from data_access.documents import edits as document_edits
from data_access.meetings import edits as meeting_edits
from data_access.points import edits as point_edits
from data_access.tasks import edits as te
from tests.builders import Office, vn

TODAY = dt.date(2025, 8, 28)
VIEWER = User(1, "xem", "Người xem", "viewer", True)
SPECIALIST = User(2, "mai", "Nguyễn Thị Mai", "specialist", True)
LEADER = User(3, "hung", "Trần Văn Hùng", "leader", True)


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch):
    monkeypatch.setenv("OFFICE_FROZEN_NOW", "2025-08-28T09:00:00+07:00")


@pytest.fixture
def office(engine):
    with engine.begin() as conn:
        o = Office(conn)
        unit = o.unit(code="SO-TC", name="Sở Tài chính")
        point = o.unit(kind="commune", code="XA-A", name="Xã A")
        task = o.task(
            unit,
            due_on=dt.date(2025, 8, 20),
            status="in_progress",
            code="NV-2025-0007",
            assigned_on=dt.date(2025, 7, 1),
        )
        doc = o.document("incoming", dt.date(2025, 8, 25), due_on=dt.date(2025, 9, 1))
        meeting = o.meeting(vn(2025, 8, 27, 8), status="planned", is_online=True)
    return {"unit": unit, "point": point, "task": task, "doc": doc, "meeting": meeting}


def _row(engine, table, row_id):
    with engine.connect() as conn:
        return conn.execute(select(table).where(table.c.id == row_id)).mappings().one()


def _audit(engine):
    with engine.connect() as conn:
        return conn.execute(select(audit_log).order_by(audit_log.c.id)).mappings().all()


def _seen(engine, table, row_id):
    return dict(_row(engine, table, row_id))


def test_completing_a_task_lands_with_its_audit_and_history(engine, office):
    seen = _seen(engine, tasks, office["task"])
    version = te.update_task(
        engine,
        SPECIALIST,
        office["task"],
        seen["version"],
        seen,
        status="completed",
        progress_pct=80,
        completed_on=dt.date(2025, 8, 27),
        today=TODAY,
    )
    row = _row(engine, tasks, office["task"])
    assert (row["status"], row["completed_on"], row["progress_pct"], row["version"]) == (
        "completed",
        dt.date(2025, 8, 27),
        100,
        2,
    ) and version == 2
    entries = _audit(engine)
    assert [(e["user_login"], e["action"], e["table_name"]) for e in entries] == [
        ("mai", "update_task", "tasks"),
        ("mai", "add_status", "task_events"),
    ]
    assert json.loads(entries[0]["before"]) == {"status": "in_progress", "completed_on": None, "progress_pct": 50}
    assert json.loads(entries[0]["after"]) == {"status": "completed", "completed_on": "2025-08-27", "progress_pct": 100}
    assert entries[0]["row_id"] == office["task"]


@pytest.mark.parametrize(
    "changes, field, reason",
    [
        ({"progress_pct": 101}, "progress_pct", "out_of_range"),
        ({"progress_pct": -1}, "progress_pct", "out_of_range"),
        ({"status": "completed"}, "completed_on", "required_when_completed"),
        ({"status": "completed", "completed_on": dt.date(2025, 6, 30)}, "completed_on", "before_assigned"),
        ({"status": "completed", "completed_on": dt.date(2025, 8, 29)}, "completed_on", "in_future"),
        ({"status": "done"}, "status", "unknown_code"),
    ],
)
def test_invalid_task_edits_change_nothing(engine, office, changes, field, reason):
    seen = _seen(engine, tasks, office["task"])
    values = {"status": "in_progress", "progress_pct": 60, "completed_on": None, **changes}
    with pytest.raises(EditError) as refused:
        te.update_task(engine, SPECIALIST, office["task"], seen["version"], seen, today=TODAY, **values)
    assert (refused.value.field, refused.value.reason) == (field, reason)
    assert dict(_row(engine, tasks, office["task"])) == seen
    assert _audit(engine) == []


def test_a_stale_save_is_refused_with_what_changed(engine, office):
    seen = _seen(engine, tasks, office["task"])
    te.update_task(
        engine,
        SPECIALIST,
        office["task"],
        seen["version"],
        seen,
        status="in_progress",
        progress_pct=70,
        completed_on=None,
        today=TODAY,
    )
    with pytest.raises(Conflict) as refused:
        te.update_task(
            engine,
            LEADER,
            office["task"],
            seen["version"],
            seen,
            status="paused",
            progress_pct=50,
            completed_on=None,
            today=TODAY,
        )
    assert [(c.field, c.seen, c.now) for c in refused.value.changes] == [("progress_pct", 50, 70)]
    assert refused.value.current_version == 2
    row = _row(engine, tasks, office["task"])
    assert (row["status"], row["progress_pct"], row["version"]) == ("in_progress", 70, 2)
    assert len(_audit(engine)) == 1


def test_forbidden_writes_are_refused_by_the_data_layer(engine, office):
    seen = _seen(engine, tasks, office["task"])
    with pytest.raises(Forbidden):
        te.update_task(
            engine, VIEWER, office["task"], 1, seen, status="paused", progress_pct=50, completed_on=None, today=TODAY
        )
    with pytest.raises(Forbidden):
        te.add_task_event(engine, VIEWER, office["task"], "urge", "Đề nghị báo cáo")
    with pytest.raises(Forbidden):
        point_edits.record_point_check(engine, VIEWER, "XA-A", "connected", None)
    with pytest.raises(Forbidden):
        te.extend_deadline(
            engine, SPECIALIST, office["task"], 1, seen, new_due_on=dt.date(2025, 9, 30), reason="Chờ ý kiến Bộ"
        )
    with pytest.raises(Forbidden):
        te.create_task(engine, None, te.NewTask("X", "other", "SO-TC", TODAY, None), TODAY)
    assert dict(_row(engine, tasks, office["task"])) == seen
    assert _audit(engine) == []
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(point_checks)).scalar_one() == 0


def test_a_leader_extends_a_deadline_later_only(engine, office):
    seen = _seen(engine, tasks, office["task"])
    with pytest.raises(EditError) as earlier:
        te.extend_deadline(engine, LEADER, office["task"], 1, seen, new_due_on=dt.date(2025, 8, 19), reason="Lý do")
    assert (earlier.value.field, earlier.value.reason) == ("new_due_on", "not_later")
    with pytest.raises(EditError, match="reason: required"):
        te.extend_deadline(engine, LEADER, office["task"], 1, seen, new_due_on=dt.date(2025, 9, 30), reason=" ")
    te.extend_deadline(
        engine, LEADER, office["task"], 1, seen, new_due_on=dt.date(2025, 9, 30), reason="Chờ ý kiến Bộ Tài chính"
    )
    assert _row(engine, tasks, office["task"])["due_on"] == dt.date(2025, 9, 30)
    with engine.connect() as conn:
        event = conn.execute(select(task_events)).mappings().one()
    assert (event["kind"], event["new_due_on"], event["author"]) == ("extension", dt.date(2025, 9, 30), "Trần Văn Hùng")
    assert [e["action"] for e in _audit(engine)] == ["extend_deadline", "add_extension"]


def test_report_urge_note(engine, office):
    for kind in te.FREE_EVENT_KINDS:
        te.add_task_event(engine, SPECIALIST, office["task"], kind, f"Nội dung {kind}")
    with pytest.raises(EditError, match="note: required"):
        te.add_task_event(engine, SPECIALIST, office["task"], "report", "")
    with engine.connect() as conn:
        kinds = conn.execute(select(task_events.c.kind).order_by(task_events.c.id)).scalars().all()
    assert kinds == ["report", "urge", "note"]
    assert len(_audit(engine)) == 3


def test_new_tasks_get_the_next_code_and_are_all_or_nothing(engine, office):
    code = te.create_task(
        engine,
        SPECIALIST,
        te.NewTask(
            "Rà soát hồ sơ đất đai", "chairman", "SO-TC", TODAY, dt.date(2025, 9, 15), meeting_id=office["meeting"]
        ),
        TODAY,
    )
    assert code == "NV-2025-0008"
    good = te.NewTask("Báo cáo tiến độ", "other", "SO-TC", TODAY, None, document_id=office["doc"])
    bad = te.NewTask("Sai đơn vị", "other", "SO-KHONG-CO", TODAY, None)
    with pytest.raises(EditError) as refused:
        te.create_tasks(engine, SPECIALIST, [good, bad], TODAY)
    assert (refused.value.field, refused.value.reason) == ("unit", "unknown_code")
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tasks)).scalar_one() == 2
        meeting_id = conn.execute(select(tasks.c.meeting_id).where(tasks.c.code == code)).scalar_one()
    assert meeting_id == office["meeting"]
    assert [e["action"] for e in _audit(engine)] == ["create_task"]


def test_every_problem_of_a_new_task_at_once(engine, office):
    with engine.connect() as conn:
        problems = te.task_problems(
            conn, te.NewTask("", "mayor", None, dt.date(2025, 9, 1), dt.date(2025, 8, 1), document_id=999999), TODAY
        )
    assert [(p.field, p.reason) for p in problems] == [
        ("title", "required"),
        ("source", "unknown_code"),
        ("unit", "required"),
        ("assigned_on", "in_future"),
        ("due_on", "before_assigned"),
        ("document", "not_found"),
    ]


def test_document_processed(engine, office):
    seen = _seen(engine, documents, office["doc"])
    with pytest.raises(EditError, match="processed_on: before_registered"):
        document_edits.mark_document_processed(engine, SPECIALIST, office["doc"], 1, seen, dt.date(2025, 8, 24), TODAY)
    with pytest.raises(EditError, match="processed_on: in_future"):
        document_edits.mark_document_processed(engine, SPECIALIST, office["doc"], 1, seen, dt.date(2025, 8, 29), TODAY)
    document_edits.mark_document_processed(engine, SPECIALIST, office["doc"], 1, seen, dt.date(2025, 8, 27), TODAY)
    assert _row(engine, documents, office["doc"])["processed_on"] == dt.date(2025, 8, 27)
    assert [e["action"] for e in _audit(engine)] == ["process_document"]


def test_meetings_scheduled_held_and_joined(engine, office):
    new_id = meeting_edits.schedule_meeting(
        engine,
        SPECIALIST,
        meeting_edits.NewMeeting(
            "Giao ban tuần", "meeting", vn(2025, 9, 1, 8), vn(2025, 9, 1, 10), "Phòng họp số 1", "Chủ tịch", False
        ),
    )
    assert _row(engine, meetings, new_id)["status"] == "planned"
    with pytest.raises(EditError, match="ends_at: not_after_start"):
        meeting_edits.schedule_meeting(
            engine,
            SPECIALIST,
            meeting_edits.NewMeeting("X", "meeting", vn(2025, 9, 1, 8), vn(2025, 9, 1, 7), None, None, False),
        )
    with pytest.raises(EditError, match="status: held_before_start"):
        meeting_edits.set_meeting_status(engine, SPECIALIST, new_id, 1, {}, "held")
    seen = _seen(engine, meetings, office["meeting"])
    version = meeting_edits.set_meeting_status(engine, SPECIALIST, office["meeting"], 1, seen, "held")
    version = meeting_edits.record_meeting_points(
        engine, SPECIALIST, office["meeting"], version, seen, {"XA-A": "failed"}
    )
    with pytest.raises(Conflict):
        meeting_edits.record_meeting_points(engine, SPECIALIST, office["meeting"], 1, seen, {"XA-A": "connected"})
    with pytest.raises(EditError, match="point: unknown_code"):
        meeting_edits.record_meeting_points(
            engine, SPECIALIST, office["meeting"], version, seen, {"SO-TC": "connected"}
        )
    with engine.connect() as conn:
        assert conn.execute(select(meeting_points.c.status)).scalars().all() == ["failed"]
    assert [e["action"] for e in _audit(engine)] == ["schedule_meeting", "set_meeting_status", "record_meeting_points"]
    assert json.loads(_audit(engine)[2]["after"]) == {"XA-A": "failed"}


def test_point_check(engine, office):
    point_edits.record_point_check(engine, SPECIALIST, "XA-A", "degraded", "Đường truyền chập chờn")
    with pytest.raises(EditError, match="check_status: unknown_code"):
        point_edits.record_point_check(engine, SPECIALIST, "XA-A", "ok", None)
    with pytest.raises(EditError, match="point: unknown_code"):
        point_edits.record_point_check(engine, SPECIALIST, "SO-TC", "connected", None)
    with engine.connect() as conn:
        check = conn.execute(select(point_checks)).mappings().one()
    assert (check["status"], check["checked_at"]) == ("degraded", vn(2025, 8, 28, 9))
    assert [e["action"] for e in _audit(engine)] == ["record_point_check"]


def test_a_stale_meeting_save_names_the_points_whose_joins_changed(engine, office):
    seen = _seen(engine, meetings, office["meeting"]) | {"points": {}}
    meeting_edits.record_meeting_points(engine, LEADER, office["meeting"], 1, seen, {"XA-A": "failed"})
    with pytest.raises(Conflict) as refused:
        meeting_edits.set_meeting_status(engine, SPECIALIST, office["meeting"], 1, seen, "cancelled")
    assert [(c.field, c.seen, c.now) for c in refused.value.changes] == [("point_status:XA-A", None, "failed")]
    assert refused.value.by == "hung"
    assert _row(engine, meetings, office["meeting"])["status"] == "planned"


def test_grid_rows_are_saved_in_id_order(engine, office):
    with engine.begin() as conn:
        other = Office(conn).task(office["unit"], due_on=dt.date(2025, 9, 1))
    rows = {i: _seen(engine, tasks, i) for i in (office["task"], other)}
    changes = [te.TaskChange(i, f"T{i}", rows[i], "in_progress", 75, None) for i in sorted(rows, reverse=True)]
    te.update_tasks(engine, SPECIALIST, changes, TODAY)
    with engine.connect() as conn:
        audited = (
            conn.execute(select(audit_log.c.row_id).where(audit_log.c.action == "update_task").order_by(audit_log.c.id))
            .scalars()
            .all()
        )
    assert audited == sorted(rows)


def test_an_extension_leaves_its_trace_on_the_task_the_lists_and_the_urging_list(engine, office):
    """Two extensions: the task, its list row and its urging row say "Đã gia hạn 2 lần, hạn ban đầu 20/08/2025"."""
    import io

    from openpyxl import load_workbook

    from data_access.tasks import figures, lists
    from data_access.tasks.detail import task_by_code
    from data_access.tasks.filters import TaskFilter
    from i18n import fmt_extensions
    from reports.urging_workbook import build_urging_workbook

    seen = {"status": "in_progress", "due_on": dt.date(2025, 8, 20), "version": 1}
    version = te.extend_deadline(
        engine, LEADER, office["task"], 1, seen, new_due_on=dt.date(2025, 8, 25), reason="Chờ số liệu"
    )
    seen = {**seen, "due_on": dt.date(2025, 8, 25), "version": version}
    te.extend_deadline(engine, LEADER, office["task"], version, seen, new_due_on=dt.date(2025, 8, 27), reason="Lần 2")
    today = dt.date(2025, 8, 28)  # still overdue after both: it is on the urging list
    with engine.connect() as conn:
        detail = task_by_code(conn, "NV-2025-0007", today)
        row = lists.task_page(conn, TaskFilter(today)).rows[0]
        urging = lists.urging_list(conn, TaskFilter(today))
        extended = figures.extended_count(conn, TaskFilter(today))
    phrase = "Đã gia hạn 2 lần, hạn ban đầu 20/08/2025"
    assert fmt_extensions(detail.extensions.count, detail.extensions.original_due_on) == phrase
    assert (row.extensions.count, row.extensions.original_due_on) == (2, dt.date(2025, 8, 20))
    assert urging[0].extensions.count == 2 and extended == 1
    sheet = load_workbook(io.BytesIO(build_urging_workbook(urging, today))).active
    assert phrase in [c.value for c in sheet[9]]  # under the heading (6 rows), the headers and the unit
