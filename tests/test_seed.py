"""The demo province: its scale, its realism and its determinism."""

import datetime as dt

import pytest
from sqlalchemy import func, select

from data_access.core.periods import current_period
from data_access.core.schema import documents, meetings, point_checks, task_events, tasks, units
from data_access.demo.seed import DatabaseNotEmpty, seed_demo
from data_access.overview.figures import overview_figures
from data_access.tasks.figures import count_by_category
from data_access.tasks.filters import TaskFilter
from tests.builders import vn

NOW = vn(2026, 11, 23, 10, 0)
TODAY = NOW.date()


def _count(conn, table, *where):
    return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def test_demo_province_at_full_scale(engine):
    seed_demo(engine, NOW)
    with engine.connect() as conn:
        kinds = dict(conn.execute(select(units.c.kind, func.count()).group_by(units.c.kind)).all())
        assert (kinds["commune"], kinds["ward"], kinds["special_zone"]) == (85, 14, 3)
        assert kinds["department"] >= 15
        lat, lon = conn.execute(
            select(func.min(units.c.latitude), func.max(units.c.longitude)).where(
                units.c.kind.in_(("commune", "ward", "special_zone"))
            )
        ).one()
        assert lat > 9.0 and lon < 106.0
        # thousands of documents a month, both directions
        month = (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
        incoming = _count(
            conn, documents, documents.c.direction == "incoming", documents.c.registered_on.between(*month)
        )
        outgoing = _count(
            conn, documents, documents.c.direction == "outgoing", documents.c.registered_on.between(*month)
        )
        assert 2000 < incoming < 6000 and 1000 < outgoing < 3000
        assert _count(conn, documents, documents.c.registered_on > TODAY) == 0
        # a few thousand tasks, a believable share overdue, every source, with histories
        categories = count_by_category(conn, TaskFilter(TODAY))
        assert 2500 < categories.total < 4000
        assert 0.04 < categories.overdue_share < 0.2
        sources = {s for (s,) in conn.execute(select(tasks.c.source).distinct())}
        assert {
            "government",
            "prime_minister",
            "party_committee",
            "peoples_council",
            "peoples_committee",
            "chairman",
            "vice_chairman",
        } <= sources
        assert _count(conn, task_events) > categories.total
        assert _count(conn, tasks, tasks.c.completed_on > TODAY) == 0
        # about one meeting a working day, some online; checks of every point but one
        figures = overview_figures(conn, current_period("quarter", TODAY), NOW)
        assert 0.7 < figures.meeting_load.per_working_day < 1.4
        assert _count(conn, meetings, meetings.c.is_online.is_(True)) > 50
        assert figures.points_now.total == 102 and figures.points_now.not_checked == 1
        assert figures.points_now.connected >= 90
        assert _count(conn, point_checks, point_checks.c.checked_at > NOW) == 0


def test_same_day_same_rows(tmp_path):
    """Two seeds of the same day write identical rows (compared by their aggregate fingerprints)."""
    from data_access.core.engine import get_engine
    from data_access.core.migrate import upgrade

    def fingerprint(name):
        engine = get_engine(f"sqlite:///{tmp_path / name}")
        upgrade(engine)
        seed_demo(engine, NOW, scale=0.1)
        with engine.connect() as conn:
            return (
                conn.execute(
                    select(
                        func.count(), func.sum(tasks.c.progress_pct), func.max(tasks.c.code), func.min(tasks.c.due_on)
                    )
                ).one(),
                conn.execute(select(func.count(), func.max(documents.c.number))).one(),
                conn.execute(select(func.group_concat(units.c.code))).scalar_one(),
            )

    assert fingerprint("a.db") == fingerprint("b.db")


def test_seed_refuses_a_database_with_data(engine):
    seed_demo(engine, NOW, scale=0.05)
    with pytest.raises(DatabaseNotEmpty):
        seed_demo(engine, NOW, scale=0.05)
