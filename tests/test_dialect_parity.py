"""SQLite and PostgreSQL give the same answers on the same demo province."""

import dataclasses

import pytest

from data_access.core.engine import get_engine
from data_access.core.periods import current_period
from data_access.demo.seed import seed_demo
from data_access.overview.figures import overview_figures
from data_access.tasks.figures import count_by_category
from data_access.tasks.filters import TaskFilter
from tests.builders import read, vn
from tests.conftest import empty_all_tables

NOW = vn(2026, 11, 23, 10, 0)


@pytest.mark.postgres
def test_overview_and_categories_agree(migrated):
    engines = [get_engine(migrated("sqlite")), get_engine(migrated("postgres"))]
    for engine in engines:
        empty_all_tables(engine)
        seed_demo(engine, NOW, scale=0.3)
    for kind in ("week", "month", "quarter", "year"):
        period = current_period(kind, NOW.date())
        sqlite, postgres = (dataclasses.asdict(read(e, overview_figures, period, NOW)) for e in engines)
        assert sqlite == postgres, kind
    for day in (NOW.date(), NOW.date().replace(month=1, day=15)):
        answers = []
        for engine in engines:
            with engine.connect() as conn:
                answers.append(count_by_category(conn, TaskFilter(day)))
        assert answers[0] == answers[1]
        assert answers[0].total > 0
    for engine in engines:
        empty_all_tables(engine)
