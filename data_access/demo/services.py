"""The demo province's public administrative services: procedures, dossiers and the service index.

About 2,175 procedures (1,854 at province level) in the fields the departments own; some 30,000 dossiers
a year handled by the departments (most received at the public administrative service centre) and by the
communes, most resolved on time; and the citizen and business service index month by month, the province's
last month measured at 82,08 points, 16th of 34, as seed 002 reports. Its own random stream, so the rest
of the demo stays as it was.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random

from sqlalchemy import Connection, insert, select

from data_access.core.periods import add_months
from data_access.core.schema import dossiers, procedures, service_index, units

PROVINCE_PROCEDURES = 1854
COMMUNE_PROCEDURES = 321
DOSSIERS_A_DAY = 120  # a working day, province-wide: about 30,000 dossiers a year
INDEX_MAX = {"transparency": 18.0, "progress": 20.0, "online": 22.0, "digitisation": 22.0, "satisfaction": 18.0}
PROVINCE_TOTAL, PROVINCE_RANK, PROVINCES = 82.08, 16, 34

# field -> (department code, what its procedures are about)
FIELDS = {
    "Đất đai": (
        "SO-NNMT",
        ["Đăng ký biến động đất đai", "Cấp giấy chứng nhận quyền sử dụng đất", "Giao đất, cho thuê đất"],
    ),
    "Môi trường": ("SO-NNMT", ["Cấp giấy phép môi trường", "Thẩm định báo cáo đánh giá tác động môi trường"]),
    "Nông nghiệp": (
        "SO-NNMT",
        ["Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "Cấp phép khai thác thủy sản"],
    ),
    "Xây dựng": ("SO-XD", ["Cấp giấy phép xây dựng", "Thẩm định thiết kế xây dựng", "Cấp chứng chỉ hành nghề"]),
    "Giao thông vận tải": (
        "SO-XD",
        ["Cấp giấy phép lái xe", "Đăng ký phương tiện", "Cấp phù hiệu xe kinh doanh vận tải"],
    ),
    "Đầu tư": ("SO-TC", ["Đăng ký doanh nghiệp", "Chấp thuận chủ trương đầu tư", "Điều chỉnh dự án đầu tư"]),
    "Tài chính": ("SO-TC", ["Thẩm định giá đất", "Quyết toán vốn đầu tư"]),
    "Công thương": ("SO-CT", ["Cấp giấy phép kinh doanh bán lẻ", "Cấp giấy chứng nhận xuất xứ hàng hóa"]),
    "Y tế": ("SO-YT", ["Cấp chứng chỉ hành nghề khám bệnh, chữa bệnh", "Cấp giấy phép hoạt động cơ sở y tế"]),
    "Giáo dục và Đào tạo": ("SO-GDDT", ["Cấp phép thành lập trường", "Công nhận văn bằng", "Cấp bản sao văn bằng"]),
    "Tư pháp": ("SO-TP", ["Cấp phiếu lý lịch tư pháp", "Đăng ký hành nghề luật sư", "Công chứng"]),
    "Nội vụ": ("SO-NV", ["Thành lập hội", "Công nhận thi đua, khen thưởng"]),
    "Văn hóa, Thể thao và Du lịch": ("SO-VHTTDL", ["Cấp giấy phép tổ chức biểu diễn", "Công nhận hạng cơ sở lưu trú"]),
    "Khoa học và Công nghệ": (
        "SO-KHCN",
        ["Đăng ký hoạt động khoa học và công nghệ", "Cấp giấy phép tiến hành công việc bức xạ"],
    ),
    "Dân tộc và Tôn giáo": ("SO-DTTG", ["Đăng ký sinh hoạt tôn giáo tập trung", "Chấp thuận tổ chức lễ hội"]),
}
COMMUNE_FIELDS = {
    "Hộ tịch": ["Đăng ký khai sinh", "Đăng ký kết hôn", "Đăng ký khai tử", "Cấp bản sao trích lục hộ tịch"],
    "Chứng thực": ["Chứng thực bản sao từ bản chính", "Chứng thực chữ ký", "Chứng thực hợp đồng, giao dịch"],
    "Bảo trợ xã hội": ["Trợ cấp xã hội hằng tháng", "Hỗ trợ chi phí mai táng"],
    "Đất đai": ["Hòa giải tranh chấp đất đai", "Xác nhận hiện trạng sử dụng đất"],
}
WHAT = ["", " (cấp lần đầu)", " (cấp lại)", " (điều chỉnh)", " (gia hạn)"]


def _month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    out, day = [], first.replace(day=1)
    while True:
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
        if end > last:
            return out
        out.append(end)
        day = add_months(day, 1)


def insert_services(
    conn: Connection, rng: random.Random, departments: list[int], points: list[int], today, days, scale=1.0
) -> None:
    """The three tables over `days` up to today (dossiers at `scale`)."""
    dept_by_code = dict(conn.execute(select(units.c.code, units.c.id).where(units.c.id.in_(departments))).all())
    start = today - dt.timedelta(days=days)
    rows, codes = [], set()
    for level, count in (("province", PROVINCE_PROCEDURES), ("commune", COMMUNE_PROCEDURES)):
        fields = list(FIELDS) if level == "province" else list(COMMUNE_FIELDS)
        for n in range(count):
            field = fields[n % len(fields)]
            owner = dept_by_code.get(FIELDS[field][0]) if field in FIELDS else None
            topics = FIELDS[field][1] if level == "province" else COMMUNE_FIELDS[field]
            code = f"{1 if level == 'province' else 2}.{rng.randint(0, 13999):06d}"
            while code in codes:
                code = f"{1 if level == 'province' else 2}.{rng.randint(0, 13999):06d}"
            codes.add(code)
            published = start - dt.timedelta(days=rng.randint(0, 2000)) if rng.random() < 0.9 else None
            published = published or start + dt.timedelta(days=rng.randint(0, days))
            withdrawn = None
            if rng.random() < 0.04:
                withdrawn = published + dt.timedelta(days=rng.randint(30, 900))
            rows.append(
                {
                    "code": code,
                    "name": f"{rng.choice(topics)}{WHAT[n // len(fields) % len(WHAT)]} - {field.lower()} ({n + 1})",
                    "level": level,
                    "field": field,
                    "unit_id": owner,
                    "online": rng.choices(("full", "partial", "none"), (42, 38, 20))[0],
                    "published_on": published,
                    "withdrawn_on": withdrawn,
                }
            )
    conn.execute(insert(procedures), rows)
    found = conn.execute(select(procedures.c.id, procedures.c.level, procedures.c.unit_id, procedures.c.online)).all()
    province = [p for p in found if p.level == "province"]
    commune = [p for p in found if p.level == "commune"]
    handlers = {u: i for i, u in enumerate(departments + points)}
    _insert_dossiers(conn, rng, province, commune, departments, points, handlers, today, start, days, scale)
    _insert_index(conn, rng, [departments, points], today, start)


def _insert_dossiers(conn, rng, province, commune, departments, points, handlers, today, start, days, scale):
    rows, seq = [], {}
    chronic = set(rng.sample(departments, 3)) | set(rng.sample(points, 8))
    for offset in range(days + 1):
        day = start + dt.timedelta(days=offset)
        mean = DOSSIERS_A_DAY * scale * (0.05 if day.weekday() >= 5 else 1.0)
        for _ in range(max(0, round(rng.gauss(mean, mean * 0.15)))):
            at_province = rng.random() < 0.45
            procedure = rng.choice(province if at_province else commune)
            if at_province:
                unit = procedure.unit_id or rng.choice(departments)
            else:
                unit = rng.choice(points)
            online_ok = procedure.online != "none"
            channel = "online" if online_ok and rng.random() < 0.62 else ("post" if rng.random() < 0.04 else "counter")
            at_centre = at_province and (channel != "post") and rng.random() < 0.9
            allowed = rng.choice([1, 3, 5, 7, 10, 15, 20, 30]) if rng.random() < 0.96 else None
            due = day + dt.timedelta(days=allowed) if allowed else None
            late = 0.12 if unit in chronic else 0.02
            roll = rng.random()
            span = allowed or 10
            if roll < late:
                resolved = day + dt.timedelta(days=span + rng.randint(1, 20))
            elif roll < late + 0.006:
                resolved = None  # stuck
            else:
                resolved = day + dt.timedelta(days=rng.randint(0, span))
            if resolved is not None and resolved > today:
                resolved = None
            if resolved is None and due is not None and (today - due).days > 45 and rng.random() < 0.8:
                resolved = min(today, due + dt.timedelta(days=rng.randint(1, 40)))  # resolved late in the end
            outcome = None
            if resolved is not None:
                outcome = rng.choices(("approved", "refused", "withdrawn"), (95, 3, 2))[0]
            key = (unit, day)
            seq[key] = seq.get(key, 0) + 1
            rows.append(
                {
                    "code": f"000.{handlers[unit]:03d}.H01-{day:%y%m%d}-{seq[key]:04d}",
                    "procedure_id": procedure.id,
                    "unit_id": unit,
                    "channel": channel,
                    "at_centre": at_centre,
                    "received_on": day,
                    "due_on": due,
                    "resolved_on": resolved,
                    "outcome": outcome,
                }
            )
    for batch in range(0, len(rows), 20000):
        conn.execute(insert(dossiers), rows[batch : batch + 20000])


def _components(rng: random.Random, total: float) -> dict[str, float]:
    """Five component scores summing exactly to `total` (to the hundredth), each within its maximum."""
    share = total / sum(INDEX_MAX.values())
    scores = {c: round(min(top, top * share * rng.uniform(0.94, 1.06)), 2) for c, top in INDEX_MAX.items()}
    gap = round(total - sum(scores.values()), 2)
    for c in sorted(scores, key=lambda c: INDEX_MAX[c] - scores[c], reverse=True):  # room first
        room = round(INDEX_MAX[c] - scores[c], 2)
        step = max(-scores[c], min(room, gap))
        scores[c] = round(scores[c] + step, 2)
        gap = round(gap - step, 2)
        if not gap:
            break
    return scores


def _score_rows(rng, end, unit, total, rank, rank_of) -> list[dict]:
    parts = [(c, score, INDEX_MAX[c], None, None) for c, score in _components(rng, total).items()]
    parts.append(("total", total, 100.0, rank, rank_of))
    return [
        {"period_end": end, "unit_id": unit, "component": c, "score": v, "max_score": m, "rank": r, "rank_of": of}
        for c, v, m, r, of in parts
    ]


def _insert_index(conn, rng, groups: list[list[int]], today, start):
    """Every month measured: the province (it climbs to 82,08 and 16th of 34 in the last month), and each
    unit ranked among its peers (the departments, the communes)."""
    ends = _month_ends(start, today)
    rows = []
    level = {u: rng.uniform(68, 92) for group in groups for u in group}
    for i, end in enumerate(ends):
        back = len(ends) - 1 - i
        total = PROVINCE_TOTAL if back == 0 else round(PROVINCE_TOTAL - 0.3 * back - rng.uniform(0.05, 0.6), 2)
        rank = PROVINCE_RANK if back == 0 else max(1, min(PROVINCES, PROVINCE_RANK + back // 3 + rng.randint(-1, 1)))
        rows += _score_rows(rng, end, None, total, rank, PROVINCES)
        level = {u: min(99.0, max(50.0, s + rng.uniform(-1.2, 1.5))) for u, s in level.items()}
        for group in groups:
            for place, unit in enumerate(sorted(group, key=lambda u: -level[u]), start=1):
                rows += _score_rows(rng, end, unit, round(level[unit], 2), place, len(group))
    for batch in range(0, len(rows), 20000):
        conn.execute(insert(service_index), rows[batch : batch + 20000])
