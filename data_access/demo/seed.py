"""Fill an empty office database with the demo province.

About 18 months up to today, at the volumes the seeds report: 102 commune
points with coordinates in one province, the departments, thousands of
documents a month, a few thousand tasks with their histories, about one
meeting a working day, and daily connection checks of every point. The same
day and scale always give the same rows.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine, func, insert, select, text

from data_access.core.clock import VN_TZ
from data_access.core.schema import (
    audit_log,
    documents,
    dossiers,
    meeting_points,
    meetings,
    point_checks,
    procedures,
    service_index,
    task_events,
    tasks,
    units,
)
from data_access.demo import services
from data_access.demo import vocabulary as v
from data_access.documents import summary
from data_access.probe.systems import declare_office_systems

DAYS_OF_HISTORY = 548  # about 18 months
# Province bounding box for the points (a Mekong-delta province with islands).
LAT_RANGE = (9.75, 10.95)
LON_RANGE = (104.55, 105.55)
# The demo province lies along a river running from the north-west border down to the south-east:
# its course (latitude, longitude), and how far the communes spread either side of it (degrees).
RIVER = [(10.95, 104.75), (10.78, 105.02), (10.55, 105.08), (10.36, 105.30), (10.15, 105.34), (9.92, 105.55)]
SPREAD = 0.36


def _along_river(u: float, w: float) -> tuple[float, float]:
    """A place of the province from two numbers in [0, 1): how far down the river, and which side, how far.

    The band is widest in the middle and narrows at both ends, so the communes draw a province's shape.
    """
    t = u * (len(RIVER) - 1)
    i = min(int(t), len(RIVER) - 2)
    f = t - i
    (lat0, lon0), (lat1, lon1) = RIVER[i], RIVER[i + 1]
    lat, lon = lat0 + (lat1 - lat0) * f, lon0 + (lon1 - lon0) * f
    dlat, dlon = lat1 - lat0, lon1 - lon0
    length = (dlat**2 + dlon**2) ** 0.5
    across = (2 * w - 1) * SPREAD * (0.45 + 0.55 * (1 - abs(2 * u - 1)))  # narrower at the ends
    return lat + across * dlon / length, lon - across * dlat / length


ISLAND_CENTRES = [(10.22, 103.96), (9.62, 104.38), (9.28, 103.48)]


class DatabaseNotEmpty(Exception):
    """The demo is only loaded into an empty database, never over real data."""


@dataclass
class _Ids:
    departments: list[int] = field(default_factory=list)
    points: list[int] = field(default_factory=list)
    office: int = 0


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=VN_TZ).astimezone(dt.UTC)


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs)
    return rng.choices(values, weights=weights)[0]


def seed_demo(engine: Engine, now: dt.datetime, scale: float = 1.0) -> dict[str, int]:
    """Load the demo province as seen at `now`; returns the rows written per table."""
    today = now.astimezone(VN_TZ).date()
    rng = random.Random(f"demo-{today.isoformat()}-{scale}")
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(units)).scalar_one():
            raise DatabaseNotEmpty("the database already holds units")
        ids = _insert_units(conn, rng)
        docs_by_day = _insert_documents(conn, rng, ids, today, scale)
        meetings_by_day = _insert_meetings(conn, rng, ids, today, now, scale)
        _insert_tasks(conn, rng, ids, today, now, docs_by_day, meetings_by_day, scale)
        _insert_checks(conn, rng, ids, today, now, scale)
        services.insert_services(  # its own stream: the rest of the demo stays as it was
            conn,
            random.Random(f"services-{today.isoformat()}-{scale}"),
            ids.departments,
            ids.points,
            today,
            DAYS_OF_HISTORY,
            scale,
        )
        declare_office_systems(conn, now)  # the office's information systems and a week of their checks
        return {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (
                units,
                documents,
                meetings,
                meeting_points,
                tasks,
                task_events,
                point_checks,
                procedures,
                dossiers,
                service_index,
            )
        }


def _insert_units(conn, rng: random.Random) -> _Ids:
    ids = _Ids()
    ids.office = conn.execute(
        insert(units).values(code=v.OFFICE[0], name=v.OFFICE[1], kind="office").returning(units.c.id)
    ).scalar_one()
    for code, name in v.DEPARTMENTS:
        ids.departments.append(
            conn.execute(
                insert(units).values(code=code, name=name, kind="department").returning(units.c.id)
            ).scalar_one()
        )
    by_code = {}  # "Thuận Thành" and "Thuận Thạnh" would share a code: keep one
    for name in (f"{a} {b}" for a in v.PLACE_FIRST for b in v.PLACE_SECOND if a != b):
        by_code.setdefault(_ascii_code(name), name)
    names = sorted(by_code.values())
    rng.shuffle(names)
    kinds = ["ward"] * 14 + ["commune"] * 85
    prefix = {"ward": ("Phường", "PHUONG"), "commune": ("Xã", "XA"), "special_zone": ("Đặc khu", "DK")}
    rows = []
    for kind, name in zip(kinds, names):
        # two draws as before (the rest of the demo stays the same), placed along the river
        u = (rng.uniform(*LAT_RANGE) - LAT_RANGE[0]) / (LAT_RANGE[1] - LAT_RANGE[0])
        w = (rng.uniform(*LON_RANGE) - LON_RANGE[0]) / (LON_RANGE[1] - LON_RANGE[0])
        rows.append((kind, name, *_along_river(u, w)))
    for name, (lat, lon) in zip(v.SPECIAL_ZONES, ISLAND_CENTRES):
        rows.append(("special_zone", name, lat + rng.uniform(-0.05, 0.05), lon + rng.uniform(-0.05, 0.05)))
    for kind, name, lat, lon in rows:
        label, code = prefix[kind]
        ids.points.append(
            conn.execute(
                insert(units)
                .values(
                    code=f"{code}-{_ascii_code(name)}",
                    name=f"{label} {name}",
                    kind=kind,
                    latitude=round(lat, 5),
                    longitude=round(lon, 5),
                )
                .returning(units.c.id)
            ).scalar_one()
        )
    return ids


def _ascii_code(name: str) -> str:
    plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    plain = "".join(c for c in plain if unicodedata.category(c) != "Mn")
    return plain.upper().replace(" ", "-")


def _insert_documents(conn, rng: random.Random, ids: _Ids, today: dt.date, scale: float) -> dict[dt.date, list[int]]:
    """Documents of every day of the history, numbered per year and direction.

    Returns the outgoing documents' ids by day, for tasks to cite the document
    that assigned them."""
    type_pairs = [(t, w) for t, _, w in v.DOC_TYPES]
    symbols = {t: s for t, s, _ in v.DOC_TYPES}
    urgency_pairs = [("normal", 80), ("urgent", 13), ("very_urgent", 5), ("flash", 2)]
    rows = []
    seq = {}
    start = today - dt.timedelta(days=DAYS_OF_HISTORY)
    for offset in range(DAYS_OF_HISTORY + 1):
        day = start + dt.timedelta(days=offset)
        weekend = day.weekday() >= 5
        for direction, mean in (("incoming", 170), ("outgoing", 75)):
            mean = (mean * 0.06 if weekend else mean) * scale
            for _ in range(max(0, round(rng.gauss(mean, mean * 0.2)))):
                key = (direction, day.year)
                seq[key] = seq.get(key, 0) + 1
                rows.append(_document(rng, direction, seq[key], day, today, ids, type_pairs, symbols, urgency_pairs))
    with _summary_rebuilt_at_the_end(conn):
        for batch in range(0, len(rows), 20000):
            conn.execute(insert(documents), rows[batch : batch + 20000])
    by_day: dict[dt.date, list[int]] = {}
    for row in conn.execute(
        select(documents.c.id, documents.c.registered_on).where(documents.c.direction == "outgoing")
    ):
        by_day.setdefault(row.registered_on, []).append(row.id)
    return by_day


@contextmanager
def _summary_rebuilt_at_the_end(conn):
    """SQLite's row triggers keep documents_daily exact one document at a time (migration 0008): for the
    bulk load they are set aside, the summary is rebuilt once, and the very same triggers come back from
    their stored SQL, all in the seeding's transaction. PostgreSQL's statement triggers cost one grouped
    upsert per batch, less than a rebuild (measured at scale 2): they stay."""
    if conn.dialect.name != "sqlite":
        yield
        return
    triggers = conn.execute(
        text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'documents'")
    ).all()
    for name, _ in triggers:
        conn.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    summary.rebuild(conn)
    for _, sql in triggers:
        conn.execute(text(sql))


def _document(rng, direction, number, day, today, ids, type_pairs, symbols, urgency_pairs) -> dict:
    doc_type = _weighted(rng, type_pairs)
    urgency = _weighted(rng, urgency_pairs)
    summary = rng.choice(v.DOC_SUMMARY_TEMPLATES).format(topic=rng.choice(v.TOPICS))
    symbol = symbols[doc_type]
    if direction == "incoming":
        issuer, issuer_symbol = rng.choice(v.ISSUERS)
        number_text = f"{number}/{symbol + '-' if symbol else ''}{issuer_symbol}"
        unit_id = rng.choice(ids.departments) if rng.random() < 0.7 else ids.office
        signed = rng.random() < 0.93
    else:
        issuer = None
        number_text = f"{number}/{symbol}-UBND" if symbol else f"{number}/UBND-{rng.choice(['KT', 'NC', 'VX', 'TH'])}"
        unit_id = ids.office if rng.random() < 0.6 else rng.choice(ids.departments)
        signed = rng.random() < 0.995
    due_on = processed_on = None
    age = (today - day).days
    if direction == "incoming" and rng.random() < 0.45:
        allowed = {"flash": 1, "very_urgent": 2, "urgent": 5}.get(urgency, rng.randint(5, 15))
        due_on = day + dt.timedelta(days=allowed)
        fate = rng.random()
        if fate < 0.85:
            processed_on = day + dt.timedelta(days=rng.randint(0, allowed))
        elif fate < 0.95:
            processed_on = due_on + dt.timedelta(days=rng.randint(1, 10))
        if processed_on is not None and processed_on > today:
            processed_on = None
        if processed_on is None and due_on < today and age > 60 and rng.random() < 0.8:
            processed_on = due_on + dt.timedelta(days=rng.randint(1, 20))
    elif direction == "incoming":
        if age > 7 or rng.random() < 0.5:
            processed_on = min(today, day + dt.timedelta(days=rng.randint(0, 7)))
    else:
        processed_on = day
    return {
        "direction": direction,
        "number": number_text,
        "doc_type": doc_type,
        "summary": summary,
        "issuer": issuer,
        "unit_id": unit_id,
        "registered_on": day,
        "urgency": urgency,
        "due_on": due_on,
        "processed_on": processed_on,
        "digitally_signed": signed,
    }


def _insert_meetings(conn, rng, ids: _Ids, today: dt.date, now: dt.datetime, scale: float) -> dict[dt.date, list[int]]:
    """About one meeting a working day, two weeks ahead planned; online ones with their points.

    Returns the held meetings' ids by day, for tasks their conclusions assigned."""
    kind_pairs = [("meeting", 70), ("conference", 18), ("delegation", 4), ("other", 8)]
    start = today - dt.timedelta(days=DAYS_OF_HISTORY)
    chronic = set(rng.sample(ids.points, 5))
    held_online: list[tuple[int, float]] = []
    held_by_day: dict[dt.date, list[int]] = {}
    for offset in range(DAYS_OF_HISTORY + 15):
        day = start + dt.timedelta(days=offset)
        if day.weekday() >= 5:
            count = 1 if rng.random() < 0.04 else 0
        else:
            count = _weighted(rng, [(0, 25), (1, 52), (2, 18), (3, 5)])
        count = round(count * scale) if scale != 1 else count
        slots = sorted(rng.sample([(7, 30), (8, 0), (9, 0), (10, 0), (14, 0), (15, 0)], min(count, 6)))
        for hour, minute in slots:
            kind = _weighted(rng, kind_pairs)
            starts_at = _at(day, hour, minute)
            online = kind in ("meeting", "conference") and rng.random() < 0.32
            if starts_at <= now:
                status = "cancelled" if rng.random() < 0.04 else "held"
            else:
                status = "cancelled" if rng.random() < 0.03 else "planned"
            title = rng.choice(v.MEETING_TITLES[kind]).format(topic=rng.choice(v.TOPICS))
            meeting_id = conn.execute(
                insert(meetings)
                .values(
                    title=title,
                    kind=kind,
                    starts_at=starts_at,
                    ends_at=starts_at + dt.timedelta(minutes=rng.choice([90, 120, 150, 180])),
                    location="Trực tuyến kết nối 102 điểm cầu" if online else rng.choice(v.LOCATIONS),
                    chaired_by=rng.choice(v.CHAIRS),
                    is_online=online,
                    status=status,
                )
                .returning(meetings.c.id)
            ).scalar_one()
            if status == "held":
                held_by_day.setdefault(day, []).append(meeting_id)
            if online and status == "held":
                held_online.append(meeting_id)
    rows = []
    for meeting_id in held_online:
        for point in ids.points:
            bad = 0.15 if point in chronic else 0.03
            roll = rng.random()
            status = "failed" if roll < bad * 0.6 else "absent" if roll < bad else "connected"
            rows.append({"meeting_id": meeting_id, "unit_id": point, "status": status})
    if rows:
        conn.execute(insert(meeting_points), rows)
    return held_by_day


def _insert_tasks(conn, rng, ids: _Ids, today, now, docs_by_day, meetings_by_day, scale) -> None:
    """About six tasks a working day, with reports, urgings and extensions."""
    source_pairs = [
        ("government", 8),
        ("prime_minister", 10),
        ("party_committee", 12),
        ("peoples_council", 6),
        ("peoples_committee", 30),
        ("chairman", 18),
        ("vice_chairman", 14),
        ("other", 2),
    ]
    count = round(3200 * scale)
    task_rows = []
    for n in range(count):
        assigned_on = today - dt.timedelta(days=int(DAYS_OF_HISTORY * (1 - rng.random() ** 0.9)))
        has_deadline = rng.random() < 0.86
        due_on = assigned_on + dt.timedelta(days=rng.choice([7, 10, 15, 30, 30, 45, 60, 90])) if has_deadline else None
        cancelled = rng.random() < 0.02
        completed_on = None
        if cancelled:
            status = "cancelled"
        else:
            horizon = due_on or assigned_on + dt.timedelta(days=60)
            finish = assigned_on + dt.timedelta(
                days=max(1, int(((horizon - assigned_on).days) * rng.uniform(0.4, 1.2)))
            )
            late_risk = rng.random()
            if late_risk < 0.09:  # stuck: still open long after the deadline
                finish = today + dt.timedelta(days=rng.randint(1, 60))
            if finish <= today:
                status, completed_on = "completed", finish
            else:
                status = _weighted(rng, [("in_progress", 75), ("not_started", 18), ("paused", 7)])
        progress = 100 if status == "completed" else (0 if status == "not_started" else rng.randrange(10, 95, 5))
        unit = rng.choice(ids.departments) if rng.random() < 0.8 else rng.choice(ids.points)
        year = assigned_on.year
        task_rows.append(
            {
                "code": f"NV-{year}-{n + 1:04d}",
                "title": rng.choice(v.TASK_TITLE_TEMPLATES).format(topic=rng.choice(v.TOPICS), year=year),
                "source": _weighted(rng, source_pairs),
                "assignee_unit_id": unit,
                "source_document_id": _pick_on(rng, docs_by_day, assigned_on) if rng.random() < 0.55 else None,
                "meeting_id": _pick_on(rng, meetings_by_day, assigned_on) if rng.random() < 0.25 else None,
                "assigned_on": assigned_on,
                "due_on": due_on,
                "status": status,
                "completed_on": completed_on,
                "progress_pct": progress,
            }
        )
    task_rows.sort(key=lambda r: r["assigned_on"])
    for n, row in enumerate(task_rows):  # codes numbered in order of assignment within a year
        row["code"] = f"NV-{row['assigned_on'].year}-{n + 1:05d}"
    conn.execute(insert(tasks), task_rows)
    found = conn.execute(
        select(
            tasks.c.id, tasks.c.assigned_on, tasks.c.due_on, tasks.c.status, tasks.c.completed_on, tasks.c.progress_pct
        ).order_by(tasks.c.id)
    ).all()
    events = []
    for task in found:
        events.extend(_events(rng, task, today, now))
    # the demo's extensions were made on the dashboard: each has its audit row with the deadline before
    trail = [
        {
            "at": e["at"],
            "user_login": "lanhdao",
            "action": "extend_deadline",
            "table_name": tasks.name,
            "row_id": e["task_id"],
            "before": json.dumps({"due_on": e.pop("_former_due").isoformat()}),
            "after": json.dumps({"due_on": e["new_due_on"].isoformat()}),
        }
        for e in events
        if "_former_due" in e
    ]
    for event in events:  # one set of columns for every row: a batch takes its columns from its first row
        event.setdefault("new_due_on", None)
    for batch in range(0, len(events), 20000):
        conn.execute(insert(task_events), events[batch : batch + 20000])
    if trail:
        conn.execute(insert(audit_log), trail)


def _pick_on(rng, by_day: dict[dt.date, list[int]], day: dt.date) -> int | None:
    """An item of that day or of the few days before, if any."""
    for back in range(4):
        found = by_day.get(day - dt.timedelta(days=back))
        if found:
            return rng.choice(found)
    return None


def _events(rng, task, today, now) -> list[dict]:
    """A believable history: reports, urgings when late, an extension now and then."""
    end = task.completed_on or today
    span = max(1, (end - task.assigned_on).days)
    out = []

    def add(kind, offset_days, **extra):
        day = task.assigned_on + dt.timedelta(days=min(span, max(0, offset_days)))
        at = _at(day, rng.randint(7, 16), rng.choice([0, 15, 30, 45]))
        if at > now:
            return
        note = rng.choice(v.EVENT_NOTES[kind]).format(pct=rng.randrange(20, 90, 10), n=len(out) + 1)
        out.append(
            {"task_id": task.id, "at": at, "kind": kind, "author": rng.choice(v.SPECIALISTS), "note": note, **extra}
        )

    for _ in range(rng.randint(0, 2)):
        add("report", rng.randint(1, span))
    if task.due_on is not None and task.due_on < end:
        # urged soon after the deadline, then every two to four weeks while still open
        offset = (task.due_on - task.assigned_on).days + 2
        urgings = 0
        while offset <= span and urgings < (3 if task.completed_on else 12):
            add("urge", offset)
            urgings += 1
            offset += rng.randint(14, 28)
    if task.due_on is not None and rng.random() < 0.08:
        # the deadline was moved to due_on, a few days before the former one passed
        former = (task.due_on - task.assigned_on).days - rng.choice([15, 30])
        if former > 3:
            add(
                "extension",
                former - 2,
                new_due_on=task.due_on,
                _former_due=task.assigned_on + dt.timedelta(days=former),
            )
    if task.status == "completed":
        add("status", span)
    if rng.random() < 0.1:
        add("note", rng.randint(0, span))
    return out


def _insert_checks(conn, rng, ids: _Ids, today: dt.date, now: dt.datetime, scale: float = 1.0) -> None:
    """A check of every point each morning (and more rounds through the day at larger scales);
    a few points troubled, stale or never checked."""
    points = list(ids.points)
    never = {rng.choice(points[:-3])}
    others = [p for p in points if p not in never]
    stale = set(rng.sample(others, 2))
    chronic = set(rng.sample(others, 6))
    rows = []
    for offset in range(DAYS_OF_HISTORY, -1, -1):
        day = today - dt.timedelta(days=offset)
        for point in points:
            if point in never or (point in stale and offset < 3):
                continue
            for round_ in range(max(1, round(scale))):
                at = _at(day, 6 + round_ % 12, rng.randint(0, 40))
                if at > now:
                    continue
                bad = 0.12 if point in chronic else 0.02
                roll = rng.random()
                status = "disconnected" if roll < bad * 0.4 else "degraded" if roll < bad else "connected"
                note = rng.choice(v.CHECK_NOTES[status]) if status != "connected" else None
                rows.append({"unit_id": point, "checked_at": at, "status": status, "note": note})
    for batch in range(0, len(rows), 20000):
        conn.execute(insert(point_checks), rows[batch : batch + 20000])
