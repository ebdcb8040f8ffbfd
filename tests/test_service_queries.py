"""Public-service queries against known rows, on SQLite and PostgreSQL, boundary days included."""

import pytest

from data_access.core.schema import INDEX_COMPONENTS
from data_access.services import detail, figures, lists
from data_access.services.filters import DossierFilter
from tests import known_services as S

KNOWN = S
E = S.EXPECTED
PERIOD = DossierFilter.of_period(S.START, S.TODAY, S.TODAY)


def test_procedures_published_today(conn):
    got = figures.procedures_published(conn, S.TODAY)
    assert got.total == E["procedures"]
    assert got.by_level == E["by_level"] and got.by_online == E["by_online"]
    assert got.online_any == 3


def test_procedures_by_field(conn):
    assert [tuple(vars(f).values()) for f in figures.procedures_by_field(conn, S.TODAY)] == E["by_field"]


def test_dossiers_of_the_period_and_cung_ky(conn):
    now = figures.dossier_counts(conn, PERIOD)
    assert {k: getattr(now, k) for k in E["now"]} == E["now"]
    assert now.received == 10 and now.resolved == 4 and now.open == 6
    assert now.on_time_rate == 0.5 and now.online_share == 0.4 and now.centre_share == 0.3
    before = figures.dossier_counts(conn, PERIOD.a_year_before())
    assert {k: getattr(before, k) for k in E["last_year"]} == E["last_year"]


def test_a_past_period_is_classified_on_its_last_day(conn):
    july = DossierFilter.of_period(S.D(2025, 7, 1), S.D(2025, 7, 31), S.TODAY)
    got = figures.dossier_counts(conn, july)
    assert (got.received, got.resolved_on_time, got.open_in_time, got.open_overdue) == (2, 1, 1, 0)


def test_units_ranked_by_late_and_overdue(conn):
    got = figures.units_by_late(conn, PERIOD)
    assert [(u.unit_code, u.received, u.late, u.overdue) for u in got] == E["units"]


def test_by_channel(conn):
    assert [(c.channel, c.received) for c in figures.by_channel(conn, PERIOD)] == [
        ("counter", 5),
        ("online", 4),
        ("post", 1),
    ]


def test_overdue_backlog_whenever_received(conn):
    rows, total = lists.overdue_dossiers(conn, DossierFilter(S.TODAY))
    assert [(r.code, r.days_overdue) for r in rows] == E["overdue"] and total == 4
    rows, total = lists.overdue_dossiers(conn, DossierFilter(S.TODAY), limit=2)
    assert len(rows) == 2 and total == 4


def test_index_now_and_its_month_before(conn):
    got = figures.index_now(conn, S.TODAY)
    want = E["index"]
    assert got.period_end == want["period_end"]
    assert (got.total.score, got.total.rank, got.total.rank_of) == (want["total"], want["rank"], want["rank_of"])
    assert round(got.change, 2) == want["change"] and got.rank_change == want["places"]
    assert [c.component for c in got.components] == list(INDEX_COMPONENTS)
    assert round(sum(c.score for c in got.components), 2) == want["total"]
    # on the last day of August, August's row counts
    assert figures.index_now(conn, S.D(2025, 8, 31)).total.score == 83.0
    assert figures.index_now(conn, S.D(2024, 1, 1)) is None


def test_a_units_index(conn):
    got = figures.index_now(conn, S.TODAY, S.IDS["dept"])
    assert (got.total.score, got.total.rank, got.total.rank_of, got.change) == (75.0, 3, 20, None)


def test_index_trend(conn):
    assert [(m.period_end, m.score) for m in figures.index_trend(conn, S.TODAY)] == E["trend"]


def test_headline(conn):
    got = figures.service_headline(conn, S.START, S.TODAY, S.TODAY)
    assert (got.dossiers.received, got.dossiers_last_year.received, got.procedures) == (10, 2, 4)
    assert got.index.total.score == 82.08


def test_procedure_detail(conn):
    got = detail.procedure_by_code(conn, "1.000001", S.TODAY)
    assert (got.name, got.level, got.field, got.unit_code, got.online, got.in_force) == (
        "Thủ tục 1.000001",
        "province",
        "Đất đai",
        S.DEPT,
        "full",
        True,
    )
    assert (got.dossiers.received, got.dossiers.open_overdue) == (11, 2)  # all its dossiers, ever, as of today
    withdrawn = detail.procedure_by_code(conn, "1.000004", S.TODAY)
    assert not withdrawn.in_force
    assert detail.procedure_by_code(conn, "9.999999", S.TODAY) is None


@pytest.mark.parametrize(
    "code, category, overdue, late",
    [
        ("HS-C4", "open_overdue", 23, None),
        ("HS-D2", "resolved_late", None, 1),
        ("HS-D4", "open_in_time", None, None),
        ("HS-D3", "resolved_on_time", None, None),
    ],
)
def test_dossier_detail(conn, code, category, overdue, late):
    got = detail.dossier_by_code(conn, code, S.TODAY)
    assert (got.category, got.days_overdue, got.days_late) == (category, overdue, late)


def test_unknown_dossier(conn):
    assert detail.dossier_by_code(conn, "HS-NONE", S.TODAY) is None
