"""The demo province's public services: believable volumes, the seeds' 82,08 points and 16th of 34."""

import datetime as dt
import random

from sqlalchemy import func, select

from data_access.core.schema import dossiers, service_index
from data_access.demo import seed, services
from data_access.services import figures
from data_access.services.filters import DossierFilter

TODAY = dt.date(2026, 11, 23)


def test_demo_services(engine):
    with engine.begin() as conn:
        ids = seed._insert_units(conn, random.Random(1))
        services.insert_services(conn, random.Random(2), ids.departments, ids.points, TODAY, seed.DAYS_OF_HISTORY)
    with engine.connect() as conn:
        published = figures.procedures_published(conn, TODAY)
        assert 1900 < published.total <= 2175 and published.by_level["province"] > 1600
        year = figures.dossier_counts(conn, DossierFilter.of_period(dt.date(2025, 11, 24), TODAY, TODAY))
        assert 20_000 < year.received < 60_000  # tens of thousands a year
        assert 0.9 < year.on_time_rate < 1 and 0.3 < year.online_share < 0.7 and year.open_overdue > 0
        handlers = conn.execute(select(func.count(func.distinct(dossiers.c.unit_id)))).scalar_one()
        assert handlers > 100  # departments and communes
        assert conn.execute(select(func.max(dossiers.c.resolved_on))).scalar_one() <= TODAY
        now = figures.index_now(conn, TODAY)
        assert (now.total.score, now.total.rank, now.total.rank_of) == (82.08, 16, 34)
        assert len(now.components) == 5 and round(sum(c.score for c in now.components), 2) == 82.08
        assert all(c.score <= c.max_score for c in now.components)
        assert len(figures.index_trend(conn, TODAY)) == 11  # December to October: November not yet measured
        unit = figures.index_now(conn, TODAY, ids.points[0])
        assert unit.total.rank_of == len(ids.points)
        assert conn.execute(select(func.count()).select_from(service_index)).scalar_one() > 12 * 6 * 120
