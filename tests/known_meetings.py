"""Known meetings, seen on Thursday 28/08/2025 at 09:00 in Vietnam (this month: 01/08-28/08)."""

from __future__ import annotations

import datetime as dt

from data_access.core.schema import meeting_points
from tests.builders import Office, vn

NOW_ISO = vn(2025, 8, 28, 9, 0).isoformat()
TODAY = dt.date(2025, 8, 28)
D = dt.date

LOAD = (7, 20)  # meetings, working days this month
PREVIOUS_LOAD = (2, 20)  # 01/07-28/07
PER_DAY = [("2025-08-01", 2), ("2025-08-02", 1), ("2025-08-10", 1), ("2025-08-11", 1), ("2025-08-28", 2)]
BUSIEST = [("2025-08-01", 2), ("2025-08-28", 2), ("2025-08-02", 1), ("2025-08-10", 1), ("2025-08-11", 1)]
PER_WEEK = [
    ("2025-07-28", "conference", 1),
    ("2025-07-28", "meeting", 1),
    ("2025-07-28", "other", 1),
    ("2025-08-04", "delegation", 1),
    ("2025-08-11", "meeting", 1),
    ("2025-08-25", "conference", 1),
    ("2025-08-25", "meeting", 1),
]
BY_KIND = [("meeting", 1, 2), ("conference", 1, 1), ("delegation", 0, 1), ("other", 0, 1)]
ONLINE = [("Họp trực tuyến 11/08", 2, 1, 0), ("Hội nghị trực tuyến 01/08", 1, 1, 1)]
MISSED = [("Xã Bình Đức", 2, 0, 2), ("Xã Tân Lợi", 0, 1, 2)]
UPCOMING = ["Hội nghị chiều nay", "Họp ngày mai", "Họp thứ Năm tuần sau"]
IDS = {}


def fill(conn) -> None:
    o = Office(conn)
    dept = o.unit("department", "Sở Tài chính", code="SO-TC")
    p1 = o.unit("commune", "Xã Mỹ Hòa Hưng", code="XA-MY-HOA-HUNG")
    p2 = o.unit("commune", "Xã Bình Đức", code="XA-BINH-DUC")
    p3 = o.unit("commune", "Xã Tân Lợi", code="XA-TAN-LOI")

    def meeting(key, when, title, kind="meeting", status="held", online=False, points=()):
        IDS[key] = o.meeting(
            when,
            status=status,
            kind=kind,
            title=title,
            is_online=online,
            location="Phòng họp số 1, UBND tỉnh",
            chaired_by="Chủ tịch UBND tỉnh",
        )
        if points:
            conn.execute(
                meeting_points.insert(), [{"meeting_id": IDS[key], "unit_id": u, "status": s} for u, s in points]
            )

    meeting("m1", vn(2025, 8, 1, 8, 0), "Họp sáng 01/08")
    meeting(
        "m2",
        vn(2025, 8, 1, 14, 0),
        "Hội nghị trực tuyến 01/08",
        "conference",
        online=True,
        points=[(p1, "connected"), (p2, "failed"), (p3, "absent")],
    )
    meeting("m3", vn(2025, 8, 2, 8, 0), "Lễ thứ Bảy", "other")  # a Saturday
    meeting("m4", vn(2025, 8, 4, 9, 0), "Họp đã hủy", status="cancelled")  # left out
    meeting("m5", vn(2025, 8, 10, 23, 30), "Tiếp đoàn tối Chủ nhật", "delegation")  # Sunday night
    meeting(
        "m6",
        vn(2025, 8, 11, 0, 30),
        "Họp trực tuyến 11/08",
        online=True,  # Monday 00:30: Sunday in UTC
        points=[(p1, "connected"), (p2, "failed"), (p3, "connected")],
    )
    meeting("m7", vn(2025, 8, 28, 8, 0), "Họp sáng nay")
    meeting("m8", vn(2025, 8, 28, 14, 0), "Hội nghị chiều nay", "conference", status="planned")
    meeting("m9", vn(2025, 8, 29, 9, 0), "Họp ngày mai", status="planned")
    meeting("m10", vn(2025, 9, 4, 8, 0), "Họp thứ Năm tuần sau", status="planned")  # the 7th day ahead
    meeting("m11", vn(2025, 9, 5, 8, 0), "Họp ngày thứ tám", status="planned")  # beyond
    meeting("m12", vn(2025, 7, 15, 10, 0), "Họp tháng trước")
    meeting(
        "m13",
        vn(2025, 7, 16, 10, 0),
        "Họp trực tuyến tháng trước",
        online=True,
        points=[(p1, "connected"), (p2, "absent"), (p3, "connected")],
    )
    o.task(
        dept,
        code="NV-2025-0200",
        title="Kết luận hội nghị 01/08",
        meeting_id=IDS["m2"],
        assigned_on=D(2025, 8, 1),
        due_on=D(2025, 9, 15),
    )
