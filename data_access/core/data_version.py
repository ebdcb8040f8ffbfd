"""The data version: how every process serving the dashboard notices any write before it serves a cached figure.

`office_data_version` (migration 0009) holds one counter per table that feeds the pages' figures,
bumped by triggers in the writing transaction, whoever writes: this app's saves, another app
process, the command line, or another system writing straight into the tables. `current(conn)` is
their sum: it grows with every committed write, and the UI's cache (ui.db) is keyed by it, read
once per page run. One indexed read of a dozen rows, well under a millisecond.

A table added later gets its counter and triggers with `install(conn, [table])` in its migration.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

# Tables whose rows the cached figures are made of. Not: login_sessions and login_failures (the
# session bookkeeping, touched every minute by every session, read live) and audit_log (read live;
# every save that writes it also writes a versioned table).
VERSIONED_TABLES = (
    "units",
    "documents",
    "documents_daily",
    "meetings",
    "meeting_points",
    "tasks",
    "task_events",
    "point_checks",
    "users",
    "office_settings",
)

PG_FUNCTION = "office_data_version_bump"


def current(conn: Connection) -> int:
    """The sum of the tables' versions: any committed write to a versioned table makes it larger."""
    return int(conn.execute(text("SELECT COALESCE(SUM(version), 0) FROM office_data_version")).scalar_one())


def pg_trigger_sql(tables: Iterable[str], schema: str) -> list[str]:
    statements = [
        f"CREATE OR REPLACE FUNCTION {PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql "
        f"SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $$ BEGIN "
        "INSERT INTO office_data_version AS v (table_name, version) VALUES (TG_TABLE_NAME, 1) "
        "ON CONFLICT (table_name) DO UPDATE SET version = v.version + 1; "
        "RETURN NULL; END $$"
    ]
    for table in tables:
        statements.append(f"DROP TRIGGER IF EXISTS {PG_FUNCTION} ON {table}")
        statements.append(
            f"CREATE TRIGGER {PG_FUNCTION} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {PG_FUNCTION}()"
        )
    return statements


def sqlite_trigger_sql(tables: Iterable[str]) -> list[str]:
    statements = []
    for table in tables:
        for event in ("insert", "update", "delete"):
            name = f"office_data_version_{table}_{event}"
            statements.append(f"DROP TRIGGER IF EXISTS {name}")
            statements.append(
                f"CREATE TRIGGER {name} AFTER {event.upper()} ON {table} BEGIN "
                f"INSERT INTO office_data_version (table_name, version) VALUES ('{table}', 1) "
                "ON CONFLICT (table_name) DO UPDATE SET version = version + 1; END"
            )
    return statements


def install(conn: Connection, tables: Iterable[str]) -> None:
    """Version more tables (from a later migration): their counters and triggers."""
    tables = list(tables)
    for table in tables:
        exists = conn.execute(text("SELECT 1 FROM office_data_version WHERE table_name = :t"), {"t": table}).first()
        if exists is None:
            conn.execute(text("INSERT INTO office_data_version (table_name, version) VALUES (:t, 0)"), {"t": table})
    if conn.dialect.name == "postgresql":
        schema = conn.execute(text("SELECT quote_ident(current_schema())")).scalar_one()
        statements = pg_trigger_sql(tables, schema)
    else:
        statements = sqlite_trigger_sql(tables)
    for statement in statements:
        conn.exec_driver_sql(statement)
