"""A data version per table (office_data_version), bumped by triggers in the writing transaction.

Every process serving the dashboard caches its reads (ui.db). A save on one process, another
process's save, or another system's write straight into the tables must reach every process's
next page run: each page run reads the sum of these versions once (one tiny query), and the
cached reads are keyed by it, so a cached figure older than the last committed write is never
served. The triggers run in the writer's own transaction, so the new version is visible exactly
when the data is (a sequence would be bumped before the commit, and a reader could cache the old
data under the new version).

PostgreSQL: one statement-level trigger per table (a bulk insert costs one call), TRUNCATE included,
notes the table; the counters are bumped once per transaction at COMMIT by a deferred constraint
trigger (data_access.core.data_version.pg_functions_sql), so a counter is locked only for the
moment of a commit. The functions run as their owner with pg_temp searched last and every name
qualified, so another system's role needs rights on its own tables only and cannot shadow anything.
SQLite: row triggers (its writers take turns anyway). One row per table. The session bookkeeping
(login_sessions, login_failures) and the audit trail are not versioned: they are read live, never
from the cache, and versioning them would invalidate every process's cache each time a session is
touched.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

from data_access.core.data_version import pg_trigger_sql, sqlite_trigger_sql

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

# As of this revision (data_access.core.data_version.VERSIONED_TABLES may grow in later ones).
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


def upgrade():
    op.create_table(
        "office_data_version",
        sa.Column("table_name", sa.Text, primary_key=True),
        sa.Column("version", sa.BigInteger, nullable=False, server_default="0"),
    )
    bind = op.get_bind()
    for table in VERSIONED_TABLES:
        bind.execute(sa.text("INSERT INTO office_data_version (table_name, version) VALUES (:t, 0)"), {"t": table})
    if bind.dialect.name == "postgresql":
        schema = bind.execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()
        for statement in pg_trigger_sql(VERSIONED_TABLES, schema):
            op.execute(statement)
        # 0008's functions searched pg_temp first (PostgreSQL's default when it is not named): a writer's
        # temporary documents_daily could shadow the summary inside them. pg_temp last, as here.
        for name in ("documents_daily_insert", "documents_daily_delete", "documents_daily_update"):
            op.execute(f"ALTER FUNCTION {schema}.{name}() SET search_path = pg_catalog, {schema}, pg_temp")
        op.execute(
            f"ALTER FUNCTION {schema}.documents_daily_truncate() SET search_path = pg_catalog, {schema}, pg_temp"
        )
    else:
        for statement in sqlite_trigger_sql(VERSIONED_TABLES):
            op.execute(statement)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for table in VERSIONED_TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS office_data_version_bump ON {table}")
        op.execute("DROP FUNCTION IF EXISTS office_data_version_bump()")
        op.execute("DROP TABLE IF EXISTS office_data_version_pending")
        op.execute("DROP FUNCTION IF EXISTS office_data_version_commit()")
    else:
        for table in VERSIONED_TABLES:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS office_data_version_{table}_{event}")
    op.drop_table("office_data_version")
