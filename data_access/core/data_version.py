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
    # migration 0012: the public services (0010), the alerts and the prober (0011)
    "procedures",
    "dossiers",
    "service_index",
    "alert_rules",
    "alerts",
    "alert_recipients",
    "alert_subscriptions",
    "alert_followed_units",
    "alert_deliveries",
    "info_systems",
    "info_system_checks",
)

PG_FUNCTION = "office_data_version_bump"


def current(conn: Connection) -> tuple[int, str | None]:
    """The sum of the tables' versions (any committed write to a versioned table makes it larger), with the
    server's start time on PostgreSQL: a server restored from a backup, or a standby promoted in its place,
    starts anew, so a figure cached before can never be taken for one of its versions."""
    if conn.dialect.name == "postgresql":
        row = conn.execute(
            text("SELECT COALESCE(SUM(version), 0), CAST(pg_postmaster_start_time() AS text) FROM office_data_version")
        ).one()
        return int(row[0]), row[1]
    return int(conn.execute(text("SELECT COALESCE(SUM(version), 0) FROM office_data_version")).scalar_one()), None


def pg_functions_sql(schema: str) -> list[str]:
    """The two functions and the pending table of PostgreSQL's bump at commit.

    A statement on a versioned table only notes the table in a transaction-local setting (and, the first
    time in the transaction, inserts one row into office_data_version_pending). That row's constraint
    trigger is DEFERRED: it fires at COMMIT and bumps the noted tables' counters, in name order, then
    deletes its row. So a counter row is locked only for the moment of a commit: a long transaction of
    another writer does not hold up the app's saves to the same table, and two transactions never wait for
    each other's counters in opposite orders. The functions run as their owner, with pg_temp searched
    last and every name qualified, so a role allowed to write one table can neither shadow the counters
    with a temporary table nor run anything as the owner.
    """
    safe = f"SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp"
    return [
        f"CREATE TABLE IF NOT EXISTS {schema}.office_data_version_pending (id bigserial PRIMARY KEY)",
        f"CREATE OR REPLACE FUNCTION {schema}.{PG_FUNCTION}() RETURNS trigger LANGUAGE plpgsql {safe} AS $$ "
        "DECLARE touched text := COALESCE(current_setting('office.data_version_touched', true), ''); "
        "BEGIN "
        "IF position('|' || TG_TABLE_NAME || '|' IN touched) = 0 THEN "
        "  IF touched = '' THEN "
        f"    INSERT INTO {schema}.office_data_version_pending DEFAULT VALUES; "
        "    touched := '|'; "
        "  END IF; "
        "  PERFORM pg_catalog.set_config('office.data_version_touched', touched || TG_TABLE_NAME || '|', true); "
        "END IF; "
        "RETURN NULL; END $$",
        f"CREATE OR REPLACE FUNCTION {schema}.office_data_version_commit() RETURNS trigger LANGUAGE plpgsql {safe} "
        "AS $$ DECLARE t text; BEGIN "
        "FOR t IN SELECT DISTINCT x FROM unnest(pg_catalog.string_to_array(pg_catalog.btrim("
        "COALESCE(current_setting('office.data_version_touched', true), ''), '|'), '|')) AS x "
        "WHERE x <> '' ORDER BY x LOOP "
        f"  INSERT INTO {schema}.office_data_version AS v (table_name, version) VALUES (t, 1) "
        "  ON CONFLICT (table_name) DO UPDATE SET version = v.version + 1; "
        "END LOOP; "
        "PERFORM pg_catalog.set_config('office.data_version_touched', '', true); "
        f"DELETE FROM {schema}.office_data_version_pending WHERE id = NEW.id; "
        "RETURN NULL; END $$",
        f"DROP TRIGGER IF EXISTS office_data_version_commit ON {schema}.office_data_version_pending",
        f"CREATE CONSTRAINT TRIGGER office_data_version_commit AFTER INSERT ON {schema}.office_data_version_pending "
        f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {schema}.office_data_version_commit()",
    ]


def pg_trigger_sql(tables: Iterable[str], schema: str) -> list[str]:
    statements = pg_functions_sql(schema)
    for table in tables:
        statements.append(f"DROP TRIGGER IF EXISTS {PG_FUNCTION} ON {table}")
        statements.append(
            f"CREATE TRIGGER {PG_FUNCTION} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {schema}.{PG_FUNCTION}()"
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


def uninstall(conn: Connection, tables: Iterable[str]) -> None:
    """The reverse of `install` (a migration's downgrade): the tables' triggers and counters go."""
    tables = list(tables)
    for table in tables:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {PG_FUNCTION} ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS office_data_version_{table}_{event}")
        conn.execute(text("DELETE FROM office_data_version WHERE table_name = :t"), {"t": table})
