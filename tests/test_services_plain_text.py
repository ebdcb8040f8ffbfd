"""Text from the database or the URL on /services and /units shows as written, never as Markdown.

The same check as tests/test_plain_text.py (every element Streamlit renders as Markdown parsed with
markdown-it), on rows of the public-service tables and units holding the payload.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import insert

from data_access.core.schema import dossiers, meeting_points, procedures, service_index
from tests.apptest import run_app
from tests.builders import Office, vn
from tests.test_plain_text import NOW_ISO, PAYLOAD, URL_PAYLOAD, assert_plain, rendered, seen

D = dt.date
H = {
    "department": f"Sở {PAYLOAD}",
    "commune": f"Xã {PAYLOAD}",
    "procedure": f"Thủ tục {PAYLOAD}",
    "field": f"Lĩnh vực {PAYLOAD}",
    "task": f"Nhiệm vụ {PAYLOAD}",
    "meeting": f"Họp {PAYLOAD}",
    "check_note": f"Kiểm tra {PAYLOAD}",
}
SERVICES, UNITS = "app_pages/services.py", "app_pages/units.py"


@pytest.fixture
def hostile(db_url, engine):
    with engine.begin() as conn:
        o = Office(conn)
        dept = o.unit("department", H["department"], code="SO-H1")
        commune = o.unit("commune", H["commune"], code="XA-H1")
        procedure = conn.execute(
            insert(procedures)
            .values(
                code="1.H00001",
                name=H["procedure"],
                level="province",
                field=H["field"],
                unit_id=dept,
                published_on=D(2025, 1, 1),
            )
            .returning(procedures.c.id)
        ).scalar_one()
        for code, unit in (("HS-H1", dept), ("HS-H2", commune)):
            conn.execute(
                insert(dossiers).values(
                    code=code,
                    procedure_id=procedure,
                    unit_id=unit,
                    channel="counter",
                    received_on=D(2025, 8, 1),
                    due_on=D(2025, 8, 5),
                )
            )
        conn.execute(
            insert(service_index).values(
                period_end=D(2025, 7, 31), unit_id=commune, component="total", score=70.0, max_score=100.0
            )
        )
        o.task(dept, D(2025, 8, 1), assigned_on=D(2025, 7, 1), title=H["task"])
        o.check(commune, vn(2025, 8, 28, 7, 0), "degraded", H["check_note"])
        meeting = o.meeting(vn(2025, 8, 11, 8, 0), is_online=True, title=H["meeting"])
        conn.execute(insert(meeting_points).values(meeting_id=meeting, unit_id=commune, status="absent"))
    return db_url


def _open(monkeypatch, url, page, query=None):
    return run_app(monkeypatch, url, NOW_ISO, query=query, page=page, role="leader")


def test_the_services_page(monkeypatch, hostile):
    at = _open(monkeypatch, hostile, SERVICES)
    assert_plain(at, H["department"], H["commune"], H["procedure"], H["field"])


def test_a_procedure_and_a_dossier(monkeypatch, hostile):
    at = _open(monkeypatch, hostile, SERVICES, {"procedure": "1.H00001"})
    assert seen(rendered(at.subheader[0].value)) == H["procedure"]
    assert_plain(at, H["procedure"], H["field"], H["department"])
    at = _open(monkeypatch, hostile, SERVICES, {"dossier": "HS-H2"})
    assert_plain(at, H["procedure"], H["commune"])


def test_the_units_ranking_and_pages(monkeypatch, hostile):
    assert_plain(_open(monkeypatch, hostile, UNITS), H["department"], H["commune"])
    at = _open(monkeypatch, hostile, UNITS, {"unit": "XA-H1"})
    assert seen(rendered(at.subheader[0].value)) == H["commune"]
    assert_plain(at, H["commune"], H["check_note"], H["meeting"], H["procedure"])
    assert_plain(_open(monkeypatch, hostile, UNITS, {"unit": "SO-H1"}), H["department"], H["task"])


@pytest.mark.parametrize("page, param", [(SERVICES, "procedure"), (SERVICES, "dossier"), (UNITS, "unit")])
def test_a_crafted_link(monkeypatch, hostile, page, param):
    at = _open(monkeypatch, hostile, page, {param: URL_PAYLOAD})
    assert_plain(at, URL_PAYLOAD)
