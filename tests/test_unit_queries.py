"""The units' page and ranking against known rows, on SQLite and PostgreSQL."""

import pytest

from data_access.overview import units
from tests import known_services as S

KNOWN = S


def _standings(conn, sort="tasks_overdue"):
    return {u.code: u for u in units.unit_standings(conn, S.START, S.TODAY, S.TODAY, sort)}, [
        u.code for u in units.unit_standings(conn, S.START, S.TODAY, S.TODAY, sort)
    ]


def test_every_unit_side_by_side(conn):
    by_code, _ = _standings(conn)
    dept, commune = by_code[S.DEPT], by_code[S.COMMUNE]
    assert (dept.tasks, dept.tasks_completed, dept.tasks_on_time, dept.tasks_overdue_now) == (3, 2, 1, 2)
    assert dept.task_rate == 0.5
    assert (commune.tasks, commune.tasks_completed, commune.tasks_on_time, commune.tasks_overdue_now) == (2, 1, 1, 0)
    assert (
        dept.dossiers,
        dept.dossiers_resolved,
        dept.dossiers_on_time,
        dept.dossiers_late,
        dept.dossiers_overdue,
    ) == (
        6,
        3,
        2,
        1,
        1,
    )
    assert (commune.dossiers, commune.dossiers_late, commune.dossiers_overdue, commune.dossiers_behind) == (4, 1, 2, 3)
    assert (dept.index_score, dept.index_rank, dept.index_rank_of) == (75.0, 3, 20)
    assert commune.index_score is None


@pytest.mark.parametrize(
    "sort, order",
    [
        ("tasks_overdue", [S.DEPT, S.COMMUNE]),
        ("task_rate", [S.DEPT, S.COMMUNE]),
        ("dossiers_late", [S.COMMUNE, S.DEPT]),
        ("index", [S.DEPT, S.COMMUNE]),
    ],
)
def test_sorted(conn, sort, order):
    _, codes = _standings(conn, sort)
    assert codes == order


def test_one_unit(conn):
    found = units.unit_by_code(conn, S.COMMUNE)
    assert (found.name, found.kind, found.is_point) == (S.COMMUNE_NAME, "commune", True)
    assert units.unit_by_code(conn, "KHONG-CO") is None


def test_documents_to_process(conn):
    got = units.documents_to_process(conn, S.IDS["dept"], S.TODAY)
    assert (got.open, got.overdue, got.due_soon) == (3, 1, 1)


def test_online_meetings_missed(conn):
    rows, missed, invited = units.missed_meetings(conn, S.IDS["commune"], S.START, S.TODAY)
    assert [(r.title, r.status) for r in rows] == [("Họp trực tuyến 11/08", "failed")]
    assert (missed, invited) == (1, 2)
