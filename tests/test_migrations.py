"""The schema of OFFICE_DB.md, made by the migrations, on SQLite and PostgreSQL."""

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, inspect, text
from sqlalchemy.exc import IntegrityError

from data_access.core.engine import get_engine
from data_access.core.migrate import check_schema, head_revision, upgrade
from data_access.core.schema import metadata, tasks, units
from tests.builders import Office

CONTRACT = {
    "units": {"id", "code", "name", "kind", "parent_id", "latitude", "longitude"},
    "tasks": {
        "id",
        "code",
        "title",
        "source",
        "assignee_unit_id",
        "source_document_id",
        "meeting_id",
        "assigned_on",
        "due_on",
        "status",
        "completed_on",
        "progress_pct",
    },
    "task_events": {"id", "task_id", "at", "kind", "author", "note", "new_due_on"},
    "documents": {
        "id",
        "direction",
        "number",
        "doc_type",
        "summary",
        "issuer",
        "unit_id",
        "registered_on",
        "urgency",
        "due_on",
        "processed_on",
        "digitally_signed",
    },
    "meetings": {"id", "title", "kind", "starts_at", "ends_at", "location", "chaired_by", "is_online", "status"},
    "meeting_points": {"meeting_id", "unit_id", "status"},
    "point_checks": {"id", "unit_id", "checked_at", "status", "note"},
    "procedures": {"id", "code", "name", "level", "field", "unit_id", "online", "published_on", "withdrawn_on"},
    "dossiers": {
        "id",
        "code",
        "procedure_id",
        "unit_id",
        "channel",
        "at_centre",
        "received_on",
        "due_on",
        "resolved_on",
        "outcome",
    },
    "service_index": {"id", "period_end", "unit_id", "component", "score", "max_score", "rank", "rank_of"},
}


def test_contract_tables_and_columns(engine):
    inspector = inspect(engine)
    for table, columns in CONTRACT.items():
        assert columns <= {c["name"] for c in inspector.get_columns(table)}, table


def test_migrations_match_schema_module(engine):
    """A column added to schema.py without a migration fails here."""
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    # the folded-search indexes are PostgreSQL expressions (migration 0005), not columns of schema.py
    diff = [d for d in diff if not (d[0] == "remove_index" and d[1].name in FOLDED_INDEXES)]
    # PostgreSQL's bump at commit keeps one row per open transaction there (data_access.core.data_version)
    diff = [d for d in diff if not (d[0] == "remove_table" and d[1].name == "office_data_version_pending")]
    assert diff == []


FOLDED_INDEXES = {"ix_tasks_title_folded", "ix_documents_summary_folded"}


@pytest.mark.postgres
def test_accent_free_search_can_use_an_index_on_postgres(migrated):
    """office_fold() exists, folds like the Python side, and a title search can be served by its index."""
    from sqlalchemy import text

    from data_access.core.sql import fold

    engine = get_engine(migrated("postgres"))
    with engine.connect() as conn:
        for sample in ("Giải ngân vốn ĐẦU TƯ công", "Đặc khu Thổ Sơn", "Phường Long Xuyên, Sở Tư pháp"):
            assert conn.execute(text("SELECT office_fold(:s)"), {"s": sample}).scalar_one() == fold(sample)
        conn.execute(text("SET enable_seqscan = off"))
        plan = " ".join(
            r[0]
            for r in conn.execute(
                text("EXPLAIN SELECT id FROM tasks WHERE office_fold(title) LIKE :p"), {"p": "%giai ngan%"}
            )
        )
        assert "ix_tasks_title_folded" in plan, plan


def test_migrate_again_is_harmless(engine):
    upgrade(engine)
    check_schema(engine)
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head_revision()


def test_dashboard_indexes_exist(engine):
    inspector = inspect(engine)
    names = {ix["name"] for table in CONTRACT for ix in inspector.get_indexes(table)}
    for expected in (
        "ix_tasks_status_due_on",
        "ix_documents_direction_registered_on",
        "ix_meetings_starts_at",
        "ix_point_checks_unit_id_checked_at",
    ):
        assert expected in names


def test_rows_with_only_contract_columns_are_valid(engine):
    """Other systems write only the contract's required columns; defaults fill the rest."""
    with engine.begin() as conn:
        unit = conn.execute(
            text("INSERT INTO units (code, name, kind) VALUES ('SO-X', 'Sở X', 'department') RETURNING id")
        ).scalar_one()
        conn.execute(
            text(
                "INSERT INTO documents (direction, number, doc_type, summary, registered_on) "
                "VALUES ('incoming', '1/UBND', 'Công văn', 'V/v thử', '2025-08-28')"
            )
        )
        conn.execute(
            text("INSERT INTO meetings (title, kind, starts_at) VALUES ('Họp', 'meeting', '2025-08-28 02:00:00')")
        )
        conn.execute(
            text(
                "INSERT INTO tasks (code, title, source, assignee_unit_id, assigned_on, status) "
                "VALUES ('NV-1', 'Việc', 'chairman', :u, '2025-08-01', 'not_started')"
            ),
            {"u": unit},
        )
        row = conn.execute(text("SELECT urgency, digitally_signed FROM documents")).one()
        assert row.urgency == "normal" and not row.digitally_signed
        assert conn.execute(text("SELECT status FROM meetings")).scalar_one() == "planned"
        assert conn.execute(text("SELECT progress_pct FROM tasks")).scalar_one() == 0


BAD_TASKS = [
    pytest.param({"status": "done"}, id="unknown-status"),
    pytest.param({"source": "mayor"}, id="unknown-source"),
    pytest.param({"progress_pct": 101}, id="progress-over-100"),
    pytest.param({"status": "completed", "completed_on": None}, id="completed-without-date"),
    pytest.param({"status": "in_progress", "completed_on": dt.date(2025, 8, 1)}, id="date-without-completed"),
    pytest.param({"assignee_unit_id": 999999}, id="unknown-unit"),
    pytest.param({"title": None}, id="no-title"),
]


@pytest.mark.parametrize("change", BAD_TASKS)
def test_database_refuses_bad_tasks(engine, change):
    with engine.begin() as conn:
        unit = Office(conn).unit()
    row = {
        "code": "NV-BAD",
        "title": "Việc",
        "source": "chairman",
        "assignee_unit_id": unit,
        "assigned_on": dt.date(2025, 8, 1),
        "status": "in_progress",
        "progress_pct": 10,
    } | change
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(tasks).values(**row))


def test_database_refuses_duplicate_codes_and_unknown_kinds(engine):
    with engine.begin() as conn:
        conn.execute(insert(units).values(code="XA-A", name="Xã A", kind="commune"))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(units).values(code="XA-A", name="Xã A bis", kind="commune"))
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.execute(insert(units).values(code="H-1", name="Huyện", kind="district"))


def test_migrate_from_empty_sqlite_file(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.db'}"
    upgrade(get_engine(url))
    assert set(CONTRACT) <= set(inspect(get_engine(url)).get_table_names())
