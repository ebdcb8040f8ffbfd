"""Public services with known answers, seen on Thursday 28/08/2025 at 09:00 in Vietnam.

The period is August 1-28 2025 against 1-28 August 2024 (cùng kỳ). The comments say where each row
lands; EXPECTED holds the answers. Used by the query tests, the page tests and the browser test.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from data_access.core.schema import dossiers, meeting_points, procedures, service_index
from tests.builders import Office, vn

NOW = vn(2025, 8, 28, 9, 0)
NOW_ISO = NOW.isoformat()
TODAY = dt.date(2025, 8, 28)
START = dt.date(2025, 8, 1)
D = dt.date
DEPT, COMMUNE = "SO-TP", "XA-MY-HOA-HUNG"
DEPT_NAME, COMMUNE_NAME = "Sở Tư pháp", "Xã Mỹ Hòa Hưng"

EXPECTED = {
    "procedures": 4,
    "by_level": {"province": 3, "commune": 1},
    "by_online": {"full": 1, "partial": 2, "none": 1},
    "by_field": [("Đất đai", 2, 1, 1), ("Hộ tịch", 1, 0, 1), (None, 1, 0, 0)],
    "now": {
        "resolved_on_time": 2,
        "resolved_late": 2,
        "open_in_time": 3,
        "open_overdue": 3,
        "online": 4,
        "at_centre": 3,
    },
    "last_year": {
        "resolved_on_time": 1,
        "resolved_late": 0,
        "open_in_time": 1,
        "open_overdue": 0,
        "online": 1,
        "at_centre": 0,
    },
    "units": [(COMMUNE, 4, 1, 2), (DEPT, 6, 1, 1)],  # code, received, late, overdue
    "overdue": [("HS-C4", 23), ("HS-X1", 23), ("HS-C1", 16), ("HS-D5", 1)],  # the backlog today, oldest first
    "index": {"period_end": D(2025, 7, 31), "total": 82.08, "rank": 16, "rank_of": 34, "change": 1.58, "places": 2},
    "trend": [(D(2024, 9, 30), 79.0), (D(2025, 6, 30), 80.5), (D(2025, 7, 31), 82.08)],
}
COMPONENTS = [  # July 2025, the province: component, score, max
    ("transparency", 17.5, 18.0),
    ("progress", 19.0, 20.0),
    ("online", 16.2, 22.0),
    ("digitisation", 15.0, 20.0),
    ("satisfaction", 14.38, 20.0),
]
IDS: dict[str, int] = {}


def fill(conn) -> None:
    o = Office(conn)
    dept = o.unit("department", DEPT_NAME, code=DEPT)
    commune = o.unit("commune", COMMUNE_NAME, code=COMMUNE, latitude=10.4, longitude=105.4)
    IDS.update(dept=dept, commune=commune)

    def procedure(code, level, field, online, published, withdrawn=None, unit=dept):
        return conn.execute(
            insert(procedures)
            .values(
                code=code,
                name=f"Thủ tục {code}",
                level=level,
                field=field,
                unit_id=unit,
                online=online,
                published_on=published,
                withdrawn_on=withdrawn,
            )
            .returning(procedures.c.id)
        ).scalar_one()

    p1 = procedure("1.000001", "province", "Đất đai", "full", D(2025, 1, 1))  # in force
    procedure("1.000002", "province", "Đất đai", "partial", D(2025, 8, 28))  # published today: in force
    procedure("1.000003", "commune", "Hộ tịch", "none", D(2025, 8, 29))  # tomorrow: not yet
    procedure("1.000004", "commune", "Hộ tịch", "full", D(2024, 1, 1), D(2025, 8, 28))  # withdrawn today: out
    p5 = procedure("1.000005", "commune", "Hộ tịch", "partial", D(2024, 1, 1), D(2025, 8, 29), unit=None)  # in
    p6 = procedure("1.000006", "province", None, "none", D(2024, 6, 1))  # in force, no field
    IDS.update(p1=p1, p5=p5, p6=p6)

    def dossier(code, unit, procedure_id, channel, received, due=None, resolved=None, outcome=None, centre=False):
        if resolved and outcome is None:
            outcome = "approved"
        conn.execute(
            insert(dossiers).values(
                code=code,
                procedure_id=procedure_id,
                unit_id=unit,
                channel=channel,
                at_centre=centre,
                received_on=received,
                due_on=due,
                resolved_on=resolved,
                outcome=outcome,
            )
        )

    # August 2025, classified on the 28th
    dossier(
        "HS-D1", dept, p1, "online", D(2025, 8, 1), D(2025, 8, 10), D(2025, 8, 10), centre=True
    )  # on time, on the day
    dossier("HS-D2", dept, p1, "counter", D(2025, 8, 1), D(2025, 8, 10), D(2025, 8, 11), centre=True)  # late by a day
    dossier("HS-D3", dept, p6, "post", D(2025, 8, 5), None, D(2025, 8, 20), "refused")  # on time: no deadline
    dossier("HS-D4", dept, p1, "online", D(2025, 8, 20), D(2025, 8, 28))  # open, due today: in time
    dossier("HS-D5", dept, p1, "counter", D(2025, 8, 15), D(2025, 8, 27), centre=True)  # overdue 1 day
    dossier("HS-D6", dept, p1, "online", D(2025, 8, 28), D(2025, 9, 5))  # received today: in time
    dossier("HS-C1", commune, p5, "online", D(2025, 8, 10), D(2025, 8, 12))  # overdue 16 days
    dossier("HS-C2", commune, p5, "counter", D(2025, 8, 10), D(2025, 8, 12), D(2025, 8, 14), "withdrawn")  # late
    dossier("HS-C3", commune, p5, "counter", D(2025, 8, 2))  # open, no deadline: in time
    dossier("HS-C4", commune, p5, "counter", D(2025, 8, 1), D(2025, 8, 5))  # overdue 23 days
    # before the period: only in the backlog
    dossier("HS-X1", dept, p1, "counter", D(2025, 7, 31), D(2025, 8, 5))  # overdue 23 days
    dossier("HS-X2", dept, p1, "online", D(2025, 7, 1), D(2025, 7, 10), D(2025, 7, 9))  # resolved: nowhere
    # August 2024, classified on 28/08/2024
    dossier("HS-Y1", dept, p1, "online", D(2024, 8, 1), D(2024, 8, 10), D(2024, 8, 9))  # on time
    dossier("HS-Y2", dept, p1, "counter", D(2024, 8, 28), D(2024, 9, 10), D(2024, 9, 1))  # open on 28/08/2024
    dossier("HS-Y3", dept, p1, "counter", D(2024, 8, 29), D(2024, 9, 10), D(2024, 9, 1))  # after cùng kỳ
    dossier("HS-Y4", dept, p1, "counter", D(2024, 7, 15), D(2024, 7, 20), D(2024, 7, 25))  # before cùng kỳ

    def score(period_end, component, value, top, rank=None, rank_of=None, unit=None):
        conn.execute(
            insert(service_index).values(
                period_end=period_end,
                unit_id=unit,
                component=component,
                score=value,
                max_score=top,
                rank=rank,
                rank_of=rank_of,
            )
        )

    for component, value, top in COMPONENTS:
        score(D(2025, 7, 31), component, value, top)
    score(D(2025, 7, 31), "total", 82.08, 100.0, 16, 34)  # the latest month measured
    score(D(2025, 6, 30), "total", 80.5, 100.0, 18, 34)  # the month before
    score(D(2025, 8, 31), "total", 83.0, 100.0, 15, 34)  # August ends after today: not yet shown
    score(D(2024, 9, 30), "total", 79.0, 100.0, 19, 34)  # the first month of the trend
    score(D(2024, 8, 31), "total", 78.0, 100.0, 20, 34)  # thirteen months back: out of the trend
    score(D(2025, 7, 31), "total", 75.0, 100.0, 3, 20, unit=dept)  # the department's own

    # For the units' page: tasks assigned in August (classified on the 28th), and before
    o.task(dept, D(2025, 8, 10), "completed", D(2025, 8, 9), assigned_on=START, code="NV-U-1")  # on time
    o.task(dept, D(2025, 8, 10), "completed", D(2025, 8, 15), assigned_on=START, code="NV-U-2")  # late
    o.task(dept, D(2025, 8, 20), assigned_on=D(2025, 8, 5), code="NV-U-3")  # overdue 8 days
    o.task(dept, D(2025, 7, 20), assigned_on=D(2025, 7, 1), code="NV-U-4")  # overdue 39 days: backlog only
    o.task(commune, D(2025, 9, 30), assigned_on=D(2025, 8, 2), code="NV-U-5")  # in time
    o.task(commune, D(2025, 8, 20), "completed", D(2025, 8, 20), assigned_on=D(2025, 8, 2), code="NV-U-6")  # on time
    # incoming documents the department has to process
    o.document("incoming", D(2025, 8, 10), unit_id=dept, due_on=D(2025, 8, 20))  # overdue
    o.document("incoming", D(2025, 8, 25), unit_id=dept, due_on=D(2025, 8, 30))  # due within the week
    o.document("incoming", D(2025, 8, 26), unit_id=dept)  # open, no deadline
    o.document("incoming", D(2025, 8, 1), unit_id=dept, due_on=D(2025, 8, 5), processed_on=D(2025, 8, 4))  # done
    # the commune's point: checks, and how it joined the online meetings
    o.check(commune, vn(2025, 8, 27, 7, 0), "degraded")
    o.check(commune, vn(2025, 8, 28, 7, 0))
    missed = o.meeting(vn(2025, 8, 11, 8, 0), is_online=True, title="Họp trực tuyến 11/08")
    joined = o.meeting(vn(2025, 8, 20, 8, 0), is_online=True, title="Họp trực tuyến 20/08")
    before = o.meeting(vn(2025, 7, 10, 8, 0), is_online=True, title="Họp trực tuyến 10/07")
    conn.execute(
        insert(meeting_points),
        [
            {"meeting_id": missed, "unit_id": commune, "status": "failed"},  # missed in the period
            {"meeting_id": joined, "unit_id": commune, "status": "connected"},
            {"meeting_id": before, "unit_id": commune, "status": "absent"},  # missed before the period
        ],
    )
