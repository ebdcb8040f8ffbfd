"""A small office whose alerts are known, seen on Thursday 28/08/2025 at 09:00 in Vietnam.

The comments say which rule each row should raise (default settings); COUNTS holds the answers.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import insert

from data_access.core.schema import meeting_points, task_events
from tests.builders import Office, vn

NOW = vn(2025, 8, 28, 9, 0)
NOW_ISO = NOW.isoformat()
TODAY = dt.date(2025, 8, 28)
D = dt.date

COUNTS = {
    "meeting_points": 4,
    "point_down": 4,
    "task_overdue": 2,
    "task_due_soon": 2,
    "task_extended": 1,
    "document_overdue": 1,
    "point_failing": 1,
}
IDS: dict[str, int] = {}


def fill(conn) -> None:
    o = Office(conn)
    tc = o.unit("department", "Sở Tài chính", code="SO-TC")
    xd = o.unit("department", "Sở Xây dựng", code="SO-XD")
    IDS.update(tc=tc, xd=xd)
    o.task(tc, due_on=D(2025, 8, 20), code="NV-A-01", title="Giải ngân vốn đầu tư công")  # overdue 8 days
    o.task(xd, due_on=D(2025, 8, 27), status="not_started", code="NV-A-02", title="Rà soát quy hoạch")  # overdue 1 day
    o.task(tc, due_on=D(2025, 8, 29), code="NV-A-03")  # due in 1 day
    o.task(tc, due_on=D(2025, 8, 31), code="NV-A-04")  # due in 3 days: still "soon"
    o.task(xd, due_on=D(2025, 9, 1), code="NV-A-05")  # due in 4 days: not soon
    o.task(tc, due_on=D(2025, 8, 1), status="completed", completed_on=D(2025, 8, 1), code="NV-A-06")  # done
    o.task(xd, due_on=D(2025, 8, 10), status="cancelled", code="NV-A-07")  # cancelled: never
    often = o.task(tc, due_on=D(2025, 9, 30), code="NV-A-08")  # extended 3 times: more than 2
    twice = o.task(xd, due_on=D(2025, 9, 30), code="NV-A-09")  # extended twice: not more than 2
    events = [
        {
            "task_id": t,
            "at": vn(2025, 8, day, 10),
            "kind": "extension",
            "author": "lanhdao",
            "new_due_on": D(2025, 9, 30),
        }
        for t, days in ((often, (1, 5, 9)), (twice, (1, 5)))
        for day in days
    ]
    conn.execute(insert(task_events), events)

    IDS["doc"] = o.document("incoming", D(2025, 8, 20), due_on=D(2025, 8, 27), unit_id=tc, number="12/STC-KH")
    o.document("incoming", D(2025, 8, 20), due_on=D(2025, 8, 27), processed_on=D(2025, 8, 27))  # processed
    o.document("incoming", D(2025, 8, 20), due_on=D(2025, 8, 28))  # due today: not yet late
    o.document("outgoing", D(2025, 8, 1), due_on=D(2025, 8, 1))  # outgoing: never

    p1 = o.unit("commune", "Xã An Bình", code="XA-AN-BINH")
    p2 = o.unit("commune", "Xã Bình Đức", code="XA-BINH-DUC")
    p3 = o.unit("commune", "Xã Tân Lợi", code="XA-TAN-LOI")
    p4 = o.unit("ward", "Phường Long Xuyên", code="PHUONG-LONG-XUYEN")
    p5 = o.unit("special_zone", "Đặc khu Thổ Sơn", code="DK-THO-SON")
    IDS.update(p1=p1, p2=p2, p3=p3, p4=p4, p5=p5)
    o.check(p1, vn(2025, 8, 28, 8, 0))  # connected, checked an hour ago: fine
    o.check(p2, vn(2025, 8, 28, 7, 0), "disconnected")  # point_down
    # p3 never checked: point_down (not checked)
    o.check(p4, vn(2025, 8, 26, 9, 0))  # connected two days ago: stale
    o.check(p5, vn(2025, 8, 28, 8, 30), "degraded")  # point_down
    for day, p1_status in ((20, "failed"), (22, "absent"), (25, "connected")):  # p1 failed in 2 of its last 3
        m = o.meeting(vn(2025, 8, day, 8, 0), is_online=True, kind="conference")
        conn.execute(
            insert(meeting_points),
            [
                {"meeting_id": m, "unit_id": p1, "status": p1_status},
                {"meeting_id": m, "unit_id": p2, "status": "failed" if day == 20 else "connected"},
            ],
        )
    # within 24 hours, no points listed: every point is expected; p1 was checked within 2 hours, the other four
    # are not connected or not checked since 07:00
    IDS["meeting"] = o.meeting(vn(2025, 8, 28, 14, 0), status="planned", is_online=True, title="Họp trực tuyến")
    o.meeting(vn(2025, 8, 30, 8, 0), status="planned", is_online=True)  # 47 hours ahead: not yet
    o.meeting(vn(2025, 8, 28, 15, 0), status="planned")  # not online
