"""Known tasks for the tasks page, seen on Thursday 28/08/2025 at 09:00 in Vietnam.

"This month" is tasks assigned 01/08-28/08/2025 classified on 28/08/2025; its
same period last year is tasks assigned 01/08-28/08/2024 classified on
28/08/2024. Comments give each task's category and overdue age.
"""

from __future__ import annotations

import datetime as dt

from data_access.core.schema import task_events
from tests.builders import Office, vn

NOW_ISO = vn(2025, 8, 28, 9, 0).isoformat()
TODAY = dt.date(2025, 8, 28)
D = dt.date

MONTH = {"completed_on_time": 2, "completed_late": 1, "open_in_time": 3, "open_overdue": 4, "no_deadline": 2}
MONTH_LAST_YEAR = {"completed_on_time": 1, "completed_late": 0, "open_in_time": 1, "open_overdue": 1, "no_deadline": 0}
ALL = {"completed_on_time": 6, "completed_late": 2, "open_in_time": 3, "open_overdue": 6, "no_deadline": 2}
ALL_LAST_YEAR = {"completed_on_time": 1, "completed_late": 0, "open_in_time": 2, "open_overdue": 1, "no_deadline": 0}
MONTH_AGES = {"1-7": 2, "8-30": 2, "31-90": 0, "90+": 0}
ALL_AGES = {"1-7": 2, "8-30": 2, "31-90": 1, "90+": 1}
# (unit name, total, overdue), ranked
MONTH_RANKING = [("Sở Tài chính", 5, 3), ("Sở Xây dựng", 4, 1)]
ALL_RANKING = [("Sở Tài chính", 8, 4), ("Sở Xây dựng", 6, 1), ("Xã Mỹ Hòa Hưng", 3, 1)]
# source: (total, completed, overdue), this month
MONTH_SOURCES = {
    "chairman": (4, 1, 1),
    "government": (2, 2, 0),
    "vice_chairman": (1, 0, 0),
    "prime_minister": (1, 0, 1),
    "peoples_council": (1, 0, 1),
    "other": (1, 0, 1),
}
DUE_SOON = ["NV-2025-0002", "NV-2025-0009"]
# the urging list of this month: unit, code, days overdue, urgings
URGING = [
    ("Sở Tài chính", "NV-2025-0008", 15, 2),
    ("Sở Tài chính", "NV-2025-0014", 7, 0),
    ("Sở Tài chính", "NV-2025-0001", 1, 0),
    ("Sở Xây dựng", "NV-2025-0007", 8, 0),
]


def fill(conn) -> None:
    o = Office(conn)
    a = o.unit("department", "Sở Tài chính", code="SO-TC")
    b = o.unit("department", "Sở Xây dựng", code="SO-XD")
    c = o.unit("commune", "Xã Mỹ Hòa Hưng", code="XA-MY-HOA-HUNG")
    doc = o.document("outgoing", D(2025, 8, 12), number="123/UBND-KT", summary="V/v đẩy nhanh giải ngân")
    meeting = o.meeting(vn(2025, 8, 12, 8, 0), title="Họp nghe báo cáo giải ngân vốn đầu tư công")

    def task(n, unit, source, assigned, due, status="in_progress", completed=None, year=2025, **extra):
        return o.task(
            unit,
            code=f"NV-{year}-{n:04d}",
            source=source,
            assigned_on=assigned,
            due_on=due,
            status=status,
            completed_on=completed,
            **extra,
        )

    task(1, a, "chairman", D(2025, 8, 1), D(2025, 8, 27))  # overdue 1 day
    task(
        2,
        a,
        "chairman",
        D(2025, 8, 5),
        D(2025, 8, 28),  # due today
        title="Báo cáo tình hình giải ngân vốn đầu tư công",
    )
    task(3, b, "government", D(2025, 8, 10), D(2025, 8, 20), "completed", D(2025, 8, 20))  # on time, on the day
    task(4, b, "government", D(2025, 8, 2), D(2025, 8, 10), "completed", D(2025, 8, 15))  # late
    task(5, c, "vice_chairman", D(2025, 8, 3), None, "not_started")  # open, no deadline
    task(6, c, "party_committee", D(2025, 8, 4), D(2025, 8, 5), "cancelled")  # left out
    task(7, b, "prime_minister", D(2025, 8, 1), D(2025, 8, 20), "paused")  # overdue 8 days
    t8 = task(
        8,
        a,
        "peoples_council",
        D(2025, 8, 12),
        D(2025, 8, 13),
        "not_started",  # overdue 15 days
        source_document_id=doc,
        meeting_id=meeting,
        progress_pct=0,
    )
    task(9, a, "chairman", D(2025, 8, 28), D(2025, 9, 3))  # assigned today; due soon
    task(10, b, "chairman", D(2025, 8, 15), None, "completed", D(2025, 8, 20))  # on time, no deadline
    task(11, c, "government", D(2025, 3, 1), D(2025, 5, 1))  # overdue 119 days
    task(
        12,
        a,
        "chairman",
        D(2025, 6, 1),
        D(2025, 6, 30),  # overdue 59 days
        title="Rà soát báo cáo quyết toán năm 2024",
    )
    task(13, b, "chairman", D(2025, 6, 1), D(2025, 7, 1), "completed", D(2025, 6, 25))  # on time
    task(14, a, "other", D(2025, 8, 1), D(2025, 8, 21))  # overdue 7 days
    # a year before
    task(1, a, "chairman", D(2024, 8, 5), D(2024, 8, 20), "completed", D(2024, 8, 19), year=2024)
    task(2, b, "government", D(2024, 8, 6), D(2024, 8, 10), "completed", D(2024, 9, 15), year=2024)
    task(3, a, "chairman", D(2024, 8, 7), D(2024, 9, 30), "completed", D(2024, 9, 1), year=2024)
    task(4, c, "chairman", D(2024, 7, 30), D(2024, 8, 30), "completed", D(2024, 8, 29), year=2024)

    conn.execute(
        task_events.insert(),
        [
            {
                "task_id": t8,
                "at": vn(2025, 8, 15, 9, 0),
                "kind": "report",
                "author": "Nguyễn Thị Mai",
                "note": "Đơn vị báo cáo đang tổng hợp số liệu.",
            },
            {
                "task_id": t8,
                "at": vn(2025, 8, 20, 10, 0),
                "kind": "urge",
                "author": "Trần Văn Hùng",
                "note": "Đôn đốc lần 1.",
            },
            {
                "task_id": t8,
                "at": vn(2025, 8, 25, 14, 30),
                "kind": "urge",
                "author": "Trần Văn Hùng",
                "note": "Đôn đốc lần 2.",
            },
        ],
    )
