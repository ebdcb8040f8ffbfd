"""Known documents, seen on Thursday 28/08/2025 at 09:00 in Vietnam.

This month is 01/08-28/08/2025; the previous period 01/07-28/07/2025; the
same period last year 01/08-28/08/2024.
"""

from __future__ import annotations

import datetime as dt

from tests.builders import Office, vn

NOW_ISO = vn(2025, 8, 28, 9, 0).isoformat()
TODAY = dt.date(2025, 8, 28)
D = dt.date

VOLUME = {"incoming": 6, "outgoing": 3}
PREVIOUS = {"incoming": 1, "outgoing": 2}
LAST_YEAR = {"incoming": 1, "outgoing": 1}
PROCESSING = {"on_time": 1, "late": 2, "overdue": 1, "pending": 1, "no_deadline": 1}
BY_UNIT = [("Sở Y tế", 3, 0, 1, 1), ("Sở Tài chính", 3, 1, 1, 0)]  # name, total, on time, late, overdue
SIGNED = (7, 9)
BY_TYPE = [("Công văn", 3, 1), ("Quyết định", 1, 1), ("Báo cáo", 1, 0), ("Giấy mời", 1, 0), ("Kế hoạch", 0, 1)]
BY_URGENCY = {"normal": (3, 2), "urgent": (1, 1), "very_urgent": (1, 0), "flash": (1, 0)}
ISSUERS = [("Bộ Tài chính", 3), ("Văn phòng Chính phủ", 2), ("Tỉnh ủy", 1)]
QUARTER_WEEKS = [
    ("2025-07-14", "incoming", 1),
    ("2025-07-14", "outgoing", 2),
    ("2025-07-28", "incoming", 2),
    ("2025-08-04", "incoming", 1),
    ("2025-08-04", "outgoing", 1),
    ("2025-08-11", "incoming", 1),
    ("2025-08-11", "outgoing", 1),
    ("2025-08-25", "incoming", 2),
    ("2025-08-25", "outgoing", 1),
]
IDS = {}


def fill(conn) -> None:
    o = Office(conn)
    tc = o.unit("department", "Sở Tài chính", code="SO-TC")
    yt = o.unit("department", "Sở Y tế", code="SO-YT")

    def incoming(key, day, doc_type, urgency, unit, due, processed, issuer, signed=True):
        IDS[key] = o.document(
            "incoming",
            day,
            doc_type,
            urgency=urgency,
            unit_id=unit,
            due_on=due,
            processed_on=processed,
            issuer=issuer,
            digitally_signed=signed,
            number=f"{key[1:]}/{key.upper()}",
            summary=f"V/v văn bản {key}",
        )

    incoming(
        "d1", D(2025, 8, 1), "Công văn", "normal", tc, D(2025, 8, 5), D(2025, 8, 5), "Bộ Tài chính"
    )  # on the deadline
    incoming(
        "d2", D(2025, 8, 3), "Quyết định", "urgent", tc, D(2025, 8, 6), D(2025, 8, 7), "Bộ Tài chính"
    )  # a day late
    incoming(
        "d3", D(2025, 8, 10), "Công văn", "very_urgent", yt, D(2025, 8, 12), None, "Văn phòng Chính phủ", signed=False
    )  # overdue, unprocessed
    incoming("d4", D(2025, 8, 27), "Công văn", "flash", yt, D(2025, 8, 29), None, "Tỉnh ủy")  # pending
    incoming("d5", D(2025, 8, 28), "Giấy mời", "normal", tc, None, D(2025, 8, 28), "Bộ Tài chính")  # no deadline
    incoming("d6", D(2025, 8, 15), "Báo cáo", "normal", yt, D(2025, 8, 20), D(2025, 8, 25), "Văn phòng Chính phủ")
    IDS["o1"] = o.document("outgoing", D(2025, 8, 5), "Quyết định", number="101/QĐ-UBND", digitally_signed=True)
    IDS["o2"] = o.document(
        "outgoing",
        D(2025, 8, 12),
        "Công văn",
        urgency="urgent",
        number="123/UBND-KT",
        summary="V/v đẩy nhanh giải ngân vốn đầu tư công",
        digitally_signed=True,
    )
    IDS["o3"] = o.document("outgoing", D(2025, 8, 25), "Kế hoạch", number="55/KH-UBND")
    # other periods
    o.document("incoming", D(2025, 7, 15), issuer="Bộ Tài chính")
    o.document("outgoing", D(2025, 7, 20))
    o.document("outgoing", D(2025, 7, 20))
    o.document("incoming", D(2024, 8, 10))
    o.document("outgoing", D(2024, 8, 12))
    o.document("incoming", D(2025, 8, 29))  # tomorrow: in no period
    o.task(
        tc,
        code="NV-2025-0100",
        title="Đẩy nhanh giải ngân",
        source_document_id=IDS["o2"],
        assigned_on=D(2025, 8, 12),
        due_on=D(2025, 9, 30),
    )
