"""One small office with known answers, seen on Thursday 28/08/2025 at 09:00 in Vietnam.

The comments say which figure each row should land in; EXPECTED holds the
answers. Used by the query tests, the page tests and the browser test.
"""

from __future__ import annotations

import datetime as dt

from data_access.core.schema import meeting_points
from tests.builders import Office, vn

NOW = vn(2025, 8, 28, 9, 0)
NOW_ISO = NOW.isoformat()
TODAY = dt.date(2025, 8, 28)
D = dt.date

EXPECTED = {
    # tasks
    "overdue_now": 5,
    "overdue_week_ago": 3,
    "due_next_7_days": 2,
    "completed_on_time": 2,
    "completed_late": 2,
    "open_in_time": 4,
    "open_overdue": 5,
    "no_deadline": 2,
    # documents, August 1-28 against July 1-28
    "incoming": 2,
    "outgoing": 3,
    "incoming_previous": 2,
    "outgoing_previous": 1,
    # meetings, week of Monday 25/08
    "week_total": 4,
    "week_upcoming": 2,
    "last_week": 2,
    "period_meetings": 6,
    "period_working_days": 20,
    "previous_meetings": 1,
    "previous_working_days": 20,
    # commune points now and 24 hours before
    "points": {"connected": 3, "degraded": 1, "disconnected": 1, "not_checked": 1},
    "points_day_ago": {"connected": 2, "degraded": 1, "disconnected": 0, "not_checked": 3},
}


# board order: worst first, then by name (C collation, as SQLite and the test server compare)
BOARD = [
    ("Xã Bình Đức", "disconnected", False),
    ("Phường Long Xuyên", "degraded", True),
    ("Xã Tân Lợi", "not_checked", False),
    ("Xã Mỹ Hòa Hưng", "connected", False),
    ("Xã Phú An", "connected", False),
    ("Đặc khu Thổ Sơn", "connected", False),
]  # name, status, stale
TROUBLE = [("Phường Long Xuyên", 1, 0), ("Xã Bình Đức", 1, 0), ("Xã Mỹ Hòa Hưng", 0, 1), ("Xã Phú An", 1, 0)]
RATES = [("2025-08-26", 0, 1), ("2025-08-27", 2, 2), ("2025-08-28", 3, 5)]  # day, connected, checks
CODES = {}


def fill(conn) -> None:
    o = Office(conn)
    dept = o.unit("department", "Sở Tài chính")
    # Tasks (assigned 01/07 unless said)
    o.task(dept, due_on=D(2025, 8, 27))  # overdue 1 day
    o.task(dept, due_on=D(2025, 8, 28))  # due today: open in time, due soon
    o.task(dept, due_on=D(2025, 9, 3))  # today+6: due soon
    o.task(dept, due_on=D(2025, 9, 4))  # today+7: not due soon
    o.task(dept, due_on=D(2025, 8, 20), status="completed", completed_on=D(2025, 8, 20))  # on time, on the day
    o.task(dept, due_on=D(2025, 8, 15), status="completed", completed_on=D(2025, 8, 20))  # late
    o.task(dept, due_on=None, status="not_started")  # no deadline, open
    o.task(dept, due_on=None, status="completed", completed_on=D(2025, 8, 1))  # no deadline, done
    o.task(dept, due_on=D(2025, 3, 1), status="cancelled")  # left out everywhere
    o.task(dept, due_on=D(2025, 8, 1), status="paused")  # overdue 27 days, and a week ago
    o.task(dept, due_on=D(2025, 8, 20))  # overdue now and a week ago
    o.task(dept, due_on=D(2025, 8, 10), status="completed", completed_on=D(2025, 8, 25))  # late; overdue a week ago
    o.task(dept, due_on=D(2025, 8, 22), assigned_on=D(2025, 8, 1))  # overdue now, not a week ago
    o.task(dept, due_on=D(2025, 8, 26), assigned_on=D(2025, 8, 25))  # overdue now; not assigned a week ago

    # Documents
    for day in (D(2025, 8, 1), D(2025, 8, 28)):  # in the period, on its bounds
        o.document("incoming", day, unit_id=dept)
    o.document("incoming", D(2025, 8, 29))  # after the period
    o.document("incoming", D(2025, 7, 31))  # between previous and current
    for day in (D(2025, 7, 28), D(2025, 7, 1)):  # previous period, on its bounds
        o.document("incoming", day)
    for _ in range(3):
        o.document("outgoing", D(2025, 8, 15), digitally_signed=True)
    o.document("outgoing", D(2025, 7, 10))

    # Meetings
    o.meeting(vn(2025, 8, 24, 23, 30))  # Sunday night: last week
    o.meeting(vn(2025, 8, 25, 0, 30))  # Monday 00:30 VN, still Sunday in UTC: this week
    o.meeting(vn(2025, 8, 28, 8, 0))  # this morning, held
    o.meeting(vn(2025, 8, 28, 14, 0), status="planned")  # this afternoon: upcoming
    o.meeting(vn(2025, 8, 29, 9, 0), status="cancelled")  # cancelled: left out
    o.meeting(vn(2025, 8, 30, 8, 0), status="planned", kind="conference", is_online=True)  # Saturday
    o.meeting(vn(2025, 9, 1, 0, 30), status="planned")  # next week
    last_week = o.meeting(vn(2025, 8, 18, 9, 0))  # last week
    o.meeting(vn(2025, 8, 1, 8, 0), kind="delegation")  # first day of the period
    o.meeting(vn(2025, 7, 15, 10, 0))  # previous period

    # Commune points and their checks
    p1_code, p2_code, p3_code, p5_code = "XA-MY-HOA-HUNG", "XA-BINH-DUC", "XA-TAN-LOI", "PHUONG-LONG-XUYEN"
    p1 = o.unit("commune", "Xã Mỹ Hòa Hưng", code=p1_code, latitude=10.4, longitude=105.4)
    p2 = o.unit("commune", "Xã Bình Đức", code=p2_code, latitude=10.5, longitude=105.1)
    p3 = o.unit("commune", "Xã Tân Lợi", code=p3_code, latitude=10.6, longitude=105.2)
    p4 = o.unit("commune", "Xã Phú An", latitude=10.3, longitude=105.3)
    p5 = o.unit("ward", "Phường Long Xuyên", code=p5_code, latitude=10.38, longitude=105.43)
    p6 = o.unit("special_zone", "Đặc khu Thổ Sơn", latitude=10.2, longitude=103.96)
    o.check(p1, vn(2025, 8, 27, 7, 0))
    o.check(p1, vn(2025, 8, 28, 7, 0))  # connected
    o.check(p2, vn(2025, 8, 27, 7, 0))
    o.check(p2, vn(2025, 8, 28, 7, 0), "disconnected")  # newly lost
    o.check(p3, vn(2025, 8, 28, 10, 0))  # after now: still not checked
    o.check(p4, vn(2025, 8, 28, 7, 0), "degraded")  # two checks in the same minute:
    o.check(p4, vn(2025, 8, 28, 7, 0), "connected")  # the one written last counts
    o.check(p5, vn(2025, 8, 26, 7, 0), "degraded")  # degraded since two days
    o.check(p6, vn(2025, 8, 28, 8, 59))  # connected, first check ever
    o.check(dept, vn(2025, 8, 28, 7, 0), "disconnected")  # not a commune point: ignored
    conn.execute(
        meeting_points.insert(),
        [  # how the points joined last week's meeting
            {"meeting_id": last_week, "unit_id": p1, "status": "failed"},
            {"meeting_id": last_week, "unit_id": p2, "status": "connected"},
            {"meeting_id": last_week, "unit_id": p6, "status": "connected"},
        ],
    )
    CODES.update(p1=p1_code, p2=p2_code, p3=p3_code, p5=p5_code)
