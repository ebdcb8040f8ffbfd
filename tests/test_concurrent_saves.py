"""Two specialists save the same task at the same moment: one wins, the other is told; no lost update."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import func, select

from data_access.accounts.users import User
from data_access.core.edit_errors import Conflict
from data_access.core.engine import get_engine
from data_access.core.schema import audit_log, tasks
from data_access.tasks import edits as te
from tests.builders import Office
from tests.conftest import empty_all_tables

REPETITIONS = 40
TODAY = dt.date(2025, 8, 28)


@pytest.fixture
def pg_engine(migrated, monkeypatch):
    """The throwaway PostgreSQL database, emptied before and after (threads need a real server)."""
    monkeypatch.setenv("OFFICE_FROZEN_NOW", "2025-08-28T09:00:00+07:00")
    engine = get_engine(migrated("postgres"))
    empty_all_tables(engine)
    yield engine
    empty_all_tables(engine)


@pytest.mark.postgres
def test_concurrent_saves_of_one_task(pg_engine):
    engine = pg_engine
    with engine.begin() as conn:
        o = Office(conn)
        task_id = o.task(o.unit(), due_on=dt.date(2025, 9, 1), progress_pct=0)
    users = [User(10 + i, f"cv{i}", f"Chuyên viên {i}", "specialist", True) for i in range(2)]

    for repetition in range(REPETITIONS):
        with engine.connect() as conn:
            seen = dict(conn.execute(select(tasks).where(tasks.c.id == task_id)).mappings().one())
        barrier = threading.Barrier(2)
        outcomes: dict[int, object] = {}

        def save(i: int) -> None:
            barrier.wait()
            try:
                outcomes[i] = te.update_task(
                    engine,
                    users[i],
                    task_id,
                    seen["version"],
                    seen,
                    status="in_progress",
                    progress_pct=1 + (repetition * 2 + i) % 100,
                    completed_on=None,
                    today=TODAY,
                )
            except Conflict as refused:
                outcomes[i] = refused

        threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        winners = [i for i, outcome in outcomes.items() if isinstance(outcome, int)]
        losers = [i for i, outcome in outcomes.items() if isinstance(outcome, Conflict)]
        assert len(winners) == 1 and len(losers) == 1, outcomes
        with engine.connect() as conn:
            row = conn.execute(select(tasks).where(tasks.c.id == task_id)).mappings().one()
        assert row["version"] == seen["version"] + 1
        assert row["progress_pct"] == 1 + (repetition * 2 + winners[0]) % 100  # the winner's value, whole
        assert outcomes[losers[0]].current_version == row["version"]
    with engine.connect() as conn:
        audited = conn.execute(
            select(func.count()).select_from(audit_log).where(audit_log.c.action == "update_task")
        ).scalar_one()
    assert audited == REPETITIONS  # one audit row per saved edit, none for the refused ones


@pytest.mark.postgres
def test_tasks_created_at_the_same_moment_get_different_codes(pg_engine):
    engine = pg_engine
    with engine.begin() as conn:
        Office(conn).unit(code="SO-TC")
    users = [User(10 + i, f"cv{i}", f"Chuyên viên {i}", "specialist", True) for i in range(4)]
    for _ in range(10):
        barrier = threading.Barrier(len(users))
        codes: list[str] = []

        def create(user) -> None:
            barrier.wait()
            codes.append(te.create_task(engine, user, te.NewTask("Nhiệm vụ", "other", "SO-TC", TODAY, None), TODAY))

        threads = [threading.Thread(target=create, args=(u,)) for u in users]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        assert len(codes) == len(users) and len(set(codes)) == len(users)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(tasks)).scalar_one() == 40
