"""The daily summary of documents (documents_daily, migration 0008): exact after any write another system
makes straight into documents through the contract's columns, and the figures read from it equal the
figures counted on documents, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import text

from data_access.documents import figures, lists, summary
from data_access.documents.filters import PROCESSING_STATES, DocumentFilter

TODAY = dt.date(2025, 8, 28)
TYPES = ("Công văn", "Quyết định", "Báo cáo", "Tờ trình")
ISSUERS = (None, "Bộ Tài chính", "Sở Nội vụ", "UBND xã Mỹ Hòa")
URGENCIES = ("normal", "urgent", "very_urgent", "flash")

INSERT = text(
    "INSERT INTO documents (direction, number, doc_type, summary, issuer, unit_id, registered_on, urgency, "
    "due_on, processed_on, digitally_signed) VALUES (:direction, :number, :doc_type, :summary, :issuer, "
    ":unit_id, :registered_on, :urgency, :due_on, :processed_on, :digitally_signed)"
)


def _units(conn) -> list[int]:
    for i in range(1, 4):
        conn.execute(
            text("INSERT INTO units (code, name, kind) VALUES (:c, :n, 'department')"),
            {"c": f"SO-{i}", "n": f"Sở số {i}"},
        )
    return list(conn.execute(text("SELECT id FROM units ORDER BY id")).scalars())


def _document(rng: random.Random, unit_ids: list[int], i: int) -> dict:
    registered = dt.date(2024, 11, 1) + dt.timedelta(days=rng.randint(0, 330))
    direction = rng.choice(("incoming", "incoming", "outgoing"))
    due = registered + dt.timedelta(days=rng.randint(0, 20)) if rng.random() < 0.6 else None
    processed = registered + dt.timedelta(days=rng.randint(0, 40)) if rng.random() < 0.7 else None
    return {
        "direction": direction,
        "number": f"{i}/VP",
        "doc_type": rng.choice(TYPES),
        "summary": f"Trích yếu {i}",
        "issuer": rng.choice(ISSUERS),
        "unit_id": rng.choice([*unit_ids, None]),
        "registered_on": registered,
        "urgency": rng.choice(URGENCIES),
        "due_on": due,
        "processed_on": processed,
        "digitally_signed": rng.random() < 0.8,
    }


def _fill(conn, count: int = 400, seed: int = 7) -> list[int]:
    rng = random.Random(seed)
    unit_ids = _units(conn)
    conn.execute(INSERT, [_document(rng, unit_ids, i) for i in range(count)])
    return unit_ids


def _exact(conn) -> None:
    assert summary.summary_rows(conn) == summary.recomputed_rows(conn)


def test_summary_exact_after_inserts_updates_and_deletes(engine):
    with engine.begin() as conn:
        unit_ids = _fill(conn)
        _exact(conn)
        one = conn.execute(INSERT, _document(random.Random(1), unit_ids, 999))  # a single row
        assert one.rowcount == 1
        _exact(conn)
    ids = lambda conn, k: list(conn.execute(text("SELECT id FROM documents ORDER BY id")).scalars())[::k]  # noqa: E731
    changes = [
        ("direction", "CASE WHEN direction = 'incoming' THEN 'outgoing' ELSE 'incoming' END"),
        ("doc_type", "'Chỉ thị'"),
        ("issuer", "NULL"),
        ("issuer", "'Văn phòng Chính phủ'"),
        ("unit_id", "NULL"),
        ("unit_id", ":unit"),
        ("urgency", "'flash'"),
        ("due_on", "NULL"),
        ("due_on", "registered_on"),
        ("processed_on", "NULL"),
        ("processed_on", "due_on"),
        ("processed_on", "registered_on"),
        ("digitally_signed", "NOT digitally_signed"),
        ("summary", "'Trích yếu khác'"),  # not in the summary: nothing to change
    ]
    for step, (column, value) in enumerate(changes):
        with engine.begin() as conn:
            chosen = ids(conn, 3 + step % 4)
            conn.execute(
                text(f"UPDATE documents SET {column} = {value} WHERE id IN ({', '.join(map(str, chosen))})"),
                {"unit": unit_ids[1]},
            )
            _exact(conn)
    with engine.begin() as conn:  # the registration day moves, and two columns at once
        conn.execute(text("UPDATE documents SET registered_on = :d, urgency = 'urgent' WHERE id % 5 = 0"), {"d": TODAY})
        _exact(conn)
        first = conn.execute(text("SELECT min(id) FROM documents")).scalar_one()
        conn.execute(text("DELETE FROM documents WHERE id = :i"), {"i": first})
        _exact(conn)
        conn.execute(text("DELETE FROM documents WHERE id % 3 = 0"))
        _exact(conn)
        conn.execute(text("DELETE FROM documents"))
        _exact(conn)
        assert summary.summary_rows(conn) == []


def test_a_rolled_back_write_leaves_the_summary_as_it_was(engine):
    with engine.begin() as conn:
        _fill(conn, 50)
        before = summary.summary_rows(conn)
    with engine.connect() as conn:
        with conn.begin() as transaction:
            conn.execute(text("UPDATE documents SET processed_on = NULL"))
            transaction.rollback()
        assert summary.summary_rows(conn) == before


@pytest.mark.postgres
def test_truncate_empties_the_summary_on_postgres(migrated):
    from data_access.core.engine import get_engine
    from tests.conftest import empty_all_tables

    engine = get_engine(migrated("postgres"))
    empty_all_tables(engine)
    with engine.begin() as conn:
        _fill(conn, 30)
        conn.execute(text("TRUNCATE documents CASCADE"))
        assert summary.summary_rows(conn) == []
    empty_all_tables(engine)


def test_rebuild_gives_what_the_triggers_keep(engine):
    with engine.begin() as conn:
        _fill(conn, 120)
        kept = summary.summary_rows(conn)
        conn.execute(text("DELETE FROM documents_daily"))
        summary.rebuild(conn)
        assert summary.summary_rows(conn) == kept


PERIODS = [
    (dt.date(2025, 1, 1), TODAY),  # the year to date
    (dt.date(2025, 8, 1), TODAY),  # the month to date
    (dt.date(2025, 8, 1), dt.date(2025, 8, 1)),  # the first of a month
    (dt.date(2025, 1, 1), dt.date(2025, 1, 1)),  # the first of a year
    (dt.date(2025, 7, 1), dt.date(2025, 7, 31)),  # last month
    (dt.date(2024, 11, 1), dt.date(2024, 12, 31)),  # long past
    (dt.date(2025, 4, 1), dt.date(2025, 6, 30)),  # last quarter
]
FILTERS = [
    {},
    {"direction": "incoming"},
    {"direction": "outgoing"},
    {"doc_type": "Quyết định"},
    {"urgency": "urgent"},
    {"issuer": "Bộ Tài chính"},
    {"unit": 0},
    *({"state": state} for state in PROCESSING_STATES),
    {"state": "overdue", "doc_type": "Công văn"},
    {"urgency": "flash", "unit": 1},  # two dimensions: read from documents
    {"text": "trich yeu 1"},
]


def test_figures_from_the_summary_equal_those_from_documents(engine, monkeypatch):
    with engine.begin() as conn:
        unit_ids = _fill(conn, 600, seed=11)
    served = []
    with engine.connect() as conn:
        for start, end in PERIODS:
            for as_of in sorted({min(end, TODAY), end, end + dt.timedelta(days=9), start}):
                for extra in FILTERS:
                    extra = dict(extra)
                    if "unit" in extra:
                        extra["unit_id"] = unit_ids[extra.pop("unit")]
                    f = DocumentFilter(as_of, start, end, **extra)
                    before = (start - dt.timedelta(days=31), start - dt.timedelta(days=1))
                    year_ago = (start.replace(year=start.year - 1), end.replace(year=end.year - 1))
                    served.append(figures._grain(f, set()) is not None)
                    from_summary = figures.document_figures(conn, f, before, year_ago, TODAY)
                    count = lists.matching_count(conn, f)
                    with monkeypatch.context() as m:
                        m.setattr(figures, "_grain", lambda f, grouped: None)
                        from_documents = figures.document_figures(conn, f, before, year_ago, TODAY)
                        assert count == lists.document_page(conn, f).total
                    assert from_summary == from_documents, (f, start, end)
                    listed = lists.document_page(conn, f, page_size=1000)
                    if f.state:
                        assert {r.state for r in listed.rows} <= {f.state}
    assert any(served) and not all(served)


def test_filter_choices(engine):
    with engine.begin() as conn:
        unit_ids = _fill(conn, 80)
    with engine.connect() as conn:
        types = conn.execute(text("SELECT DISTINCT doc_type FROM documents ORDER BY doc_type")).scalars().all()
        assert lists.document_types(conn) == types
        used = set(conn.execute(text("SELECT unit_id FROM documents WHERE unit_id IS NOT NULL")).scalars())
        assert {u.id for u in lists.handling_units(conn)} == used <= set(unit_ids)


def test_the_demo_seeding_leaves_the_summary_exact_and_its_triggers_in_place(engine):
    from data_access.demo.seed import seed_demo

    seed_demo(engine, dt.datetime(2025, 8, 28, 2, tzinfo=dt.UTC), scale=0.05)
    with engine.begin() as conn:
        _exact(conn)
        conn.execute(text("UPDATE documents SET processed_on = NULL WHERE id % 7 = 0"))  # the triggers still work
        _exact(conn)


def test_insert_or_replace_keeps_the_summary_exact_on_sqlite(migrated):
    """SQLite deletes the row a REPLACE replaces without its delete trigger unless recursive_triggers is on
    (the engine sets it on every connection)."""
    from data_access.core.engine import get_engine
    from tests.conftest import empty_all_tables

    engine = get_engine(migrated("sqlite"))
    empty_all_tables(engine)
    with engine.begin() as conn:
        _fill(conn, 40)
        doc_id = conn.execute(text("SELECT min(id) FROM documents")).scalar_one()
        row = dict(conn.execute(text("SELECT * FROM documents WHERE id = :i"), {"i": doc_id}).mappings().one())
        row.update(doc_type="Tờ trình", registered_on=dt.date(2025, 8, 2), due_on=None, processed_on=None)
        columns = ", ".join(row)
        conn.execute(text(f"INSERT OR REPLACE INTO documents ({columns}) VALUES (:{', :'.join(row)})"), row)
        conn.execute(text(f"REPLACE INTO documents ({columns}) VALUES (:{', :'.join(row)})"), row)
        _exact(conn)
    empty_all_tables(engine)


def test_a_very_long_issuer_or_type_is_written_and_counted(engine):
    """The contract's text columns are unbounded: the summary's key must not limit them (PostgreSQL's btree
    holds at most about 2,700 bytes a key; the slot there is an md5)."""
    with engine.begin() as conn:
        unit_ids = _units(conn)
        doc = _document(random.Random(3), unit_ids, 1) | {"issuer": "Ủy ban " * 600, "doc_type": "Loại " * 700}
        conn.execute(INSERT, doc)
        conn.execute(text("UPDATE documents SET issuer = issuer || 'x'"))
        _exact(conn)
        assert summary.drift(conn) == 0


def test_the_rebuild_command_counts_what_was_off_and_mends_it(engine):
    with engine.begin() as conn:
        _fill(conn, 60)
        assert summary.drift(conn) == 0
        conn.execute(text("DELETE FROM documents_daily WHERE id IN (SELECT min(id) FROM documents_daily)"))
        conn.execute(text("UPDATE documents_daily SET n = n + 5 WHERE id IN (SELECT max(id) FROM documents_daily)"))
        assert summary.drift(conn) == 3  # one row missing; one with another count (stored and wanted differ)
        summary.rebuild(conn)
        assert summary.drift(conn) == 0
        _exact(conn)


@pytest.mark.postgres
def test_another_systems_role_may_write_documents_only_and_its_search_path_changes_nothing(migrated):
    """The triggers run as their owner with their own search_path: a role granted documents (not the
    summary) can write, and a documents_daily earlier on its search_path receives nothing."""
    import uuid

    from data_access.core.engine import get_engine
    from tests.conftest import empty_all_tables

    engine = get_engine(migrated("postgres"))
    empty_all_tables(engine)
    role, schema = f"writer_{uuid.uuid4().hex[:8]}", f"decoy_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:
        unit_ids = _units(conn)
        conn.execute(text(f"CREATE ROLE {role}"))
        conn.execute(text(f"GRANT USAGE ON SCHEMA {conn.execute(text('SELECT current_schema()')).scalar()} TO {role}"))
        conn.execute(text(f"GRANT SELECT, INSERT, UPDATE, DELETE ON documents TO {role}"))
        conn.execute(text(f"GRANT USAGE ON SEQUENCE documents_id_seq TO {role}"))
        conn.execute(text(f"CREATE SCHEMA {schema}"))
        conn.execute(text(f"CREATE TABLE {schema}.documents_daily (LIKE documents_daily INCLUDING ALL)"))
        conn.execute(text(f"GRANT ALL ON SCHEMA {schema} TO {role}"))
        conn.execute(text(f"GRANT ALL ON {schema}.documents_daily TO {role}"))
    try:
        with engine.begin() as conn:
            public = conn.execute(text("SELECT current_schema()")).scalar()
            conn.execute(text(f"SET LOCAL ROLE {role}"))
            conn.execute(text(f"SET LOCAL search_path = {schema}, {public}"))
            rng = random.Random(11)
            conn.execute(INSERT, [_document(rng, unit_ids, i) for i in range(25)])
            conn.execute(text("UPDATE documents SET processed_on = NULL WHERE id % 3 = 0"))
            conn.execute(text("DELETE FROM documents WHERE id % 5 = 0"))
        with engine.begin() as conn:
            assert conn.execute(text(f"SELECT count(*) FROM {schema}.documents_daily")).scalar_one() == 0
            _exact(conn)
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
        empty_all_tables(engine)
