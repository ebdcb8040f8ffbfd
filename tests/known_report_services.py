"""Public services with known answers for the report and its deck, seen on 28/08/2025 at 09:00 in Vietnam.

Only the three public-service tables (and two department units of their own): added beside the known office
(tests/known_office.py), it leaves the office's tasks, documents, meetings and points as they were. Two
periods, as the report tests use them: August 1-28 2025 and July 1 - August 28 2025, each against the same
days of 2024 (cùng kỳ), dossiers classified on 28/08 (28/08/2024 for cùng kỳ). The comments say where each
row lands; EXPECTED holds the answers, keyed by the period's first day.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from data_access.core.schema import dossiers, procedures, service_index
from data_access.services.figures import DossierCounts
from tests.builders import Office

D = dt.date
JUSTICE = "Sở Tư pháp"
HOSTILE = '=HYPERLINK("http://127.0.0.1/z","hồ sơ") **Ban** [x](http://127.0.0.1/w)'  # a unit's name, kept as text

EXPECTED = {
    "procedures": {"total": 4, "province": 3, "commune": 1, "full": 1, "partial": 2, "none": 1},
    D(2025, 8, 1): {
        "now": DossierCounts(
            resolved_on_time=2, resolved_late=2, open_in_time=2, open_overdue=2, online=5, at_centre=3
        ),
        "last_year": DossierCounts(
            resolved_on_time=2, resolved_late=1, open_in_time=1, open_overdue=0, online=2, at_centre=0
        ),
        "units": [(HOSTILE, 4, 1, 2), (JUSTICE, 4, 1, 0)],  # name, received, resolved late, open and overdue
    },
    D(2025, 7, 1): {
        "now": DossierCounts(
            resolved_on_time=3, resolved_late=3, open_in_time=2, open_overdue=3, online=6, at_centre=3
        ),
        "last_year": DossierCounts(
            resolved_on_time=3, resolved_late=1, open_in_time=1, open_overdue=0, online=3, at_centre=0
        ),
        "units": [(HOSTILE, 5, 2, 2), (JUSTICE, 6, 1, 1)],
    },
    "index": {"month": D(2025, 7, 31), "score": 82.08, "rank": 16, "rank_of": 34, "change": 1.58, "places": 2},
}
COMPONENTS = [  # July 2025, the province: component, score, max
    ("transparency", 17.5, 18.0),
    ("progress", 19.0, 20.0),
    ("online", 16.2, 22.0),
    ("digitisation", 15.0, 20.0),
    ("satisfaction", 14.38, 20.0),
]


def fill(conn) -> None:
    o = Office(conn)
    justice = o.unit("department", JUSTICE, code="RPT-SO-TP")
    hostile = o.unit("department", HOSTILE, code="RPT-HOSTILE")

    def procedure(code, level, online, published, withdrawn=None):
        return conn.execute(
            insert(procedures)
            .values(
                code=code,
                name=f"Thủ tục {code}",
                level=level,
                field="Hộ tịch",
                unit_id=justice,
                online=online,
                published_on=published,
                withdrawn_on=withdrawn,
            )
            .returning(procedures.c.id)
        ).scalar_one()

    p1 = procedure("RPT.1", "province", "full", D(2025, 1, 1))  # in force
    procedure("RPT.2", "province", "partial", D(2024, 6, 1))  # in force
    procedure("RPT.3", "commune", "partial", D(2025, 8, 28))  # published today: in force
    procedure("RPT.4", "commune", "none", D(2025, 8, 29))  # tomorrow: not yet
    procedure("RPT.5", "province", "full", D(2024, 1, 1), D(2025, 8, 28))  # withdrawn today: out
    procedure("RPT.6", "province", "none", D(2024, 1, 1))  # in force

    def dossier(code, unit, channel, received, due=None, resolved=None, centre=False):
        conn.execute(
            insert(dossiers).values(
                code=code,
                procedure_id=p1,
                unit_id=unit,
                channel=channel,
                at_centre=centre,
                received_on=received,
                due_on=due,
                resolved_on=resolved,
                outcome="approved" if resolved else None,
            )
        )

    # August 2025
    dossier("RPT-A1", justice, "online", D(2025, 8, 1), D(2025, 8, 10), D(2025, 8, 10), centre=True)  # on time
    dossier("RPT-A2", justice, "counter", D(2025, 8, 4), D(2025, 8, 10), D(2025, 8, 12), centre=True)  # late
    dossier("RPT-A3", justice, "online", D(2025, 8, 5), None, D(2025, 8, 20))  # on time: no deadline
    dossier("RPT-A4", justice, "online", D(2025, 8, 20), D(2025, 8, 28))  # open, due today: in time
    dossier("RPT-A5", hostile, "counter", D(2025, 8, 15), D(2025, 8, 27), centre=True)  # open, overdue a day
    dossier("RPT-A6", hostile, "online", D(2025, 8, 10), D(2025, 8, 12))  # open, overdue
    dossier("RPT-A7", hostile, "counter", D(2025, 8, 10), D(2025, 8, 12), D(2025, 8, 14))  # late
    dossier("RPT-A8", hostile, "online", D(2025, 8, 28), D(2025, 9, 5))  # received today: in time
    dossier("RPT-A9", justice, "online", D(2025, 8, 29), D(2025, 9, 5))  # tomorrow: in no period
    # July 2025: July-August only
    dossier("RPT-J1", justice, "online", D(2025, 7, 1), D(2025, 7, 10), D(2025, 7, 9))  # on time
    dossier("RPT-J2", justice, "counter", D(2025, 7, 31), D(2025, 8, 5))  # open, overdue
    dossier("RPT-J3", hostile, "post", D(2025, 7, 15), D(2025, 7, 20), D(2025, 7, 25))  # late
    dossier("RPT-J0", justice, "counter", D(2025, 6, 30), D(2025, 7, 5), D(2025, 7, 1))  # before both periods
    # cùng kỳ: August 2024, classified on 28/08/2024
    dossier("RPT-Y1", justice, "online", D(2024, 8, 1), D(2024, 8, 10), D(2024, 8, 9))  # on time
    dossier("RPT-Y2", justice, "counter", D(2024, 8, 5), D(2024, 8, 10), D(2024, 8, 15))  # late
    dossier("RPT-Y6", justice, "online", D(2024, 8, 6), D(2024, 8, 20), D(2024, 8, 19))  # on time
    dossier("RPT-Y3", justice, "counter", D(2024, 8, 28), D(2024, 9, 10), D(2024, 9, 1))  # open on 28/08/2024
    dossier("RPT-Y4", justice, "counter", D(2024, 8, 29), D(2024, 9, 10), D(2024, 9, 1))  # after cùng kỳ
    dossier("RPT-Y5", hostile, "online", D(2024, 7, 10), D(2024, 7, 20), D(2024, 7, 18))  # on time: July only

    def score(period_end, component, value, top, rank=None, rank_of=None):
        conn.execute(
            insert(service_index).values(
                period_end=period_end,
                unit_id=None,
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
    score(D(2025, 8, 31), "total", 83.0, 100.0, 15, 34)  # August ends after today: not yet
