"""The alert rules against a small known office, on SQLite and PostgreSQL: what each finds, the counts
and the page, the settings, and alerts ending when their cause does."""

import datetime as dt

import pytest
from sqlalchemy import select

from data_access.accounts.users import User
from data_access.alerts import lists, rules, state
from data_access.core.edit_errors import EditError, Forbidden
from data_access.core.schema import alerts, audit_log, tasks
from data_access.points.edits import record_point_check
from tests import known_alerts as K
from tests.builders import read

KNOWN = K
ADMIN = User(1, "quantri", "Quản trị", "admin", True)
SPECIALIST = User(2, "chuyenvien", "Chuyên viên", "specialist", True)


@pytest.fixture
def filled(engine):
    with engine.begin() as c:
        K.fill(c)
    return engine


def _settings(engine):
    return read(engine, rules.rule_settings)


def test_counts_by_rule(filled):
    counts = read(filled, lists.open_counts, _settings(filled), K.TODAY, K.NOW)
    assert counts.by_rule == K.COUNTS
    assert list(counts.by_rule) == list(rules.RULES)  # the rules' order
    assert counts.total == 15


def test_each_rule_finds_its_items(filled):
    s = _settings(filled)

    def page(rule):
        return read(filled, lists.open_page, s, K.TODAY, K.NOW, rule).rows

    overdue = page("task_overdue")
    assert [(a.code, a.days_late(K.TODAY), a.unit_name) for a in overdue] == [
        ("NV-A-01", 8, "Sở Tài chính"),
        ("NV-A-02", 1, "Sở Xây dựng"),
    ]
    assert overdue[0].label == "Giải ngân vốn đầu tư công" and overdue[0].kind == "task"
    assert [(a.code, a.days_left(K.TODAY)) for a in page("task_due_soon")] == [("NV-A-03", 1), ("NV-A-04", 3)]
    assert [(a.code, a.n) for a in page("task_extended")] == [("NV-A-08", 3)]
    docs = page("document_overdue")
    assert [(a.code, a.link) for a in docs] == [("12/STC-KH", str(K.IDS["doc"]))]
    down = page("point_down")
    assert {a.code: a.state for a in down} == {
        "XA-BINH-DUC": "disconnected",
        "DK-THO-SON": "degraded",
        "XA-TAN-LOI": "not_checked",
        "PHUONG-LONG-XUYEN": "stale",
    }
    assert [(a.code, a.n) for a in page("point_failing")] == [("XA-AN-BINH", 2)]
    before = page("meeting_points")
    assert {a.code for a in before} == {"XA-BINH-DUC", "DK-THO-SON", "XA-TAN-LOI", "PHUONG-LONG-XUYEN"}
    assert {a.link for a in before} == {str(K.IDS["meeting"])} and before[0].label == "Họp trực tuyến"


def test_page_filters_and_pages(filled):
    s = _settings(filled)
    everything = read(filled, lists.open_page, s, K.TODAY, K.NOW, None, None, 1, 4)
    assert (everything.total, everything.pages, len(everything.rows)) == (15, 4, 4)
    assert everything.rows[0].rule == "meeting_points"
    last = read(filled, lists.open_page, s, K.TODAY, K.NOW, None, None, 9, 4)  # past the end: the last page
    assert (last.page, len(last.rows)) == (4, 3)
    unit = read(filled, lists.open_page, s, K.TODAY, K.NOW, None, K.IDS["tc"])
    assert [(a.rule, a.code) for a in unit.rows] == [
        ("task_overdue", "NV-A-01"),
        ("task_due_soon", "NV-A-03"),
        ("task_due_soon", "NV-A-04"),
        ("task_extended", "NV-A-08"),
        ("document_overdue", "12/STC-KH"),
    ]


def test_settings_change_what_is_found(filled):
    rules.save_rule(filled, ADMIN, "task_due_soon", True, {"days": 4})
    rules.save_rule(filled, ADMIN, "point_down", False, {"hours": 24})
    rules.save_rule(filled, ADMIN, "point_failing", True, {"failures": 1, "meetings": 1})
    s = _settings(filled)
    counts = read(filled, lists.open_counts, s, K.TODAY, K.NOW).by_rule
    assert counts["task_due_soon"] == 3 and "point_down" not in counts
    assert "point_failing" not in counts  # p1 joined its last meeting
    with filled.connect() as c:
        assert (
            c.execute(select(audit_log.c.action).where(audit_log.c.table_name == "alert_rules")).scalars().all()
            == ["save_alert_rule"] * 3
        )


def test_settings_refusals(filled):
    with pytest.raises(Forbidden):
        rules.save_rule(filled, SPECIALIST, "task_due_soon", True, {"days": 4})
    with pytest.raises(EditError) as e:
        rules.save_rule(filled, ADMIN, "task_due_soon", True, {"days": 0})
    assert (e.value.field, e.value.reason) == ("alert_days", "out_of_range")
    with pytest.raises(EditError):
        rules.save_rule(filled, ADMIN, "point_failing", True, {"failures": 6, "meetings": 5})
    with pytest.raises(EditError):
        rules.save_rule(filled, ADMIN, "nonsense", True, {})
    assert all(s.updated_at is None for s in _settings(filled))


def test_alerts_end_when_their_cause_ends(filled, monkeypatch):
    monkeypatch.setenv("OFFICE_FROZEN_NOW", K.NOW_ISO)
    first = state.refresh(filled, K.NOW)
    assert (first.opened, first.closed, first.open) == (15, 0, 15)
    assert state.refresh(filled, K.NOW).opened == 0  # nothing new: nothing opened twice
    with filled.begin() as c:
        c.execute(tasks.update().where(tasks.c.code == "NV-A-01").values(status="completed", completed_on=K.TODAY))
    record_point_check(filled, SPECIALIST, "XA-BINH-DUC", "connected", None)  # the point is back
    s = _settings(filled)
    counts = read(filled, lists.open_counts, s, K.TODAY, K.NOW).by_rule
    assert counts["task_overdue"] == 1 and counts["point_down"] == 3 and counts["meeting_points"] == 3
    again = state.refresh(filled, K.NOW + dt.timedelta(minutes=5))
    assert (again.opened, again.closed, again.open) == (0, 3, 12)
    with filled.connect() as c:
        ended = c.execute(select(alerts.c.rule, alerts.c.code).where(alerts.c.closed_at.is_not(None))).all()
    assert sorted(ended) == [
        ("meeting_points", "XA-BINH-DUC"),
        ("point_down", "XA-BINH-DUC"),
        ("task_overdue", "NV-A-01"),
    ]


@pytest.mark.postgres
def test_sqlite_and_postgres_agree_on_the_demo(migrated):
    """The same demo province, the same alerts on both databases: counts, the overview's first ones, a page."""
    from data_access.core.engine import get_engine
    from data_access.demo.seed import seed_demo
    from data_access.probe.systems import system_board
    from tests.builders import vn
    from tests.conftest import empty_all_tables

    now = vn(2026, 11, 23, 10, 0)
    engines = [get_engine(migrated("sqlite")), get_engine(migrated("postgres"))]
    answers = []

    def same(items):  # a document's id differs between databases used before: compare what people read
        return [(a.rule, a.code, a.label, a.unit_name, a.n, a.on_date, a.at, a.state) for a in items]

    for e in engines:
        empty_all_tables(e)
        seed_demo(e, now, scale=0.3)
        att = read(e, lists.attention, now)
        page = read(e, lists.alerts_page, now, "document_overdue", None, 2)[2]
        answers.append((att.counts.by_rule, same(att.items), page.total, same(page.rows), read(e, system_board, now)))
    assert answers[0][0] == answers[1][0] and answers[0][0]
    assert answers[0][1:] == answers[1][1:]
