"""A daily summary of documents (documents_daily), kept exact by triggers, and indexes for the processing states.

The documents page counted a year's documents (about 590,000 at scale 10) nine times. documents_daily
holds, per registration day, direction and settled processing state, the count of documents by one
dimension at a time (its "grain"): `type` (doc_type and digitally_signed), `urgency`, `issuer`, `unit`
(unit_id). The settled state is the state a document ends in once its dates have passed:
no_deadline (no due_on), on_time or late (processed), overdue (not processed). The state on a day
differs from it only for documents with a deadline processed after that day or not yet due
(data_access.documents.summary), which the partial indexes below find.

Triggers keep it exact whoever writes to documents, through the contract's columns: PostgreSQL
with statement-level triggers over the transition tables (a bulk insert costs one grouped upsert),
and TRUNCATE empties it; SQLite with row triggers. Rows reaching zero are removed.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

SETTLED = (
    "CASE WHEN {r}.due_on IS NULL THEN 'no_deadline' WHEN {r}.processed_on IS NULL THEN 'overdue' "
    "WHEN {r}.processed_on <= {r}.due_on THEN 'on_time' ELSE 'late' END"
)
COLUMNS = (
    "slot, grain, registered_on, direction, settled_state, doc_type, digitally_signed, urgency, unit_id, issuer, n"
)


def _grains(r: str, dialect: str, n: str) -> list[list[str]]:
    """The four summary rows a document `r` (NEW, OLD or a table alias) counts in: per row the values of
    COLUMNS, the slot (its key) first."""
    pg = dialect == "postgresql"
    day = f"to_char({r}.registered_on, 'YYYY-MM-DD')" if pg else f"{r}.registered_on"
    unit = f"CAST({r}.unit_id AS TEXT)" if pg else f"{r}.unit_id"
    signed = f"CASE WHEN {r}.digitally_signed THEN '1' ELSE '0' END"
    text_null, bool_null, int_null = ("NULL::text", "NULL::boolean", "NULL::integer") if pg else ("NULL",) * 3
    settled = SETTLED.format(r=r)
    head = f"{day} || '|' || {r}.direction || '|' || {settled} || '|'"
    common = [f"{r}.registered_on", f"{r}.direction", settled]

    def key(text: str) -> str:
        # PostgreSQL's btree index holds at most about 2,700 bytes a key, and issuer or doc_type are
        # unbounded text: the slot there is the key's md5 (SQLite has no such limit, and no md5).
        return f"md5({text})" if pg else text

    return [
        [key(f"'type|' || {head} || {signed} || '|' || {r}.doc_type"), "'type'", *common]
        + [f"{r}.doc_type", f"{r}.digitally_signed", text_null, int_null, text_null, n],
        [key(f"'urgency|' || {head} || {r}.urgency"), "'urgency'", *common]
        + [text_null, bool_null, f"{r}.urgency", int_null, text_null, n],
        [key(f"'issuer|' || {head} || COALESCE('=' || {r}.issuer, '-')"), "'issuer'", *common]
        + [text_null, bool_null, text_null, int_null, f"{r}.issuer", n],
        [key(f"'unit|' || {head} || COALESCE('=' || {unit}, '-')"), "'unit'", *common]
        + [text_null, bool_null, text_null, f"{r}.unit_id", text_null, n],
    ]


def _selects(sources: list[tuple[str, str]], dialect: str) -> str:
    """UNION ALL of the summary rows of every document of the sources (table, sign), columns named."""
    names = COLUMNS.split(", ")
    return " UNION ALL ".join(
        "SELECT " + ", ".join(f"{v} AS {c}" for v, c in zip(g, names, strict=True)) + f" FROM {table} r"
        for table, sign in sources
        for g in _grains("r", dialect, sign)
    )


GROUPED = (
    "SELECT slot, grain, registered_on, direction, settled_state, doc_type, digitally_signed, urgency, unit_id, "
    "issuer, sum(n) AS n FROM ({rows}) AS x GROUP BY slot, grain, registered_on, direction, settled_state, "
    "doc_type, digitally_signed, urgency, unit_id, issuer"
)


def _backfill(dialect: str) -> str:
    return f"INSERT INTO documents_daily ({COLUMNS}) " + GROUPED.format(rows=_selects([("documents", "1")], dialect))


def _pg_function(name: str, sources: list[tuple[str, str]], schema: str) -> str:
    """A statement-level trigger function adding +1/-1 per document of the transition tables; the rows
    brought to zero are removed (in a second statement: one statement cannot see its own upsert).

    SECURITY DEFINER with its own search_path: another system's role that may write documents but not
    documents_daily still can, and a documents_daily earlier on that role's search_path gets nothing."""
    # in the order of the slots, so that concurrent writers lock the summary's rows in the same order
    changes = GROUPED.format(rows=_selects(sources, "postgresql")) + " HAVING sum(n) <> 0 ORDER BY slot"
    return f"""
CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql
SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $$
DECLARE
  emptied integer[];
BEGIN
  WITH merged AS (
    INSERT INTO documents_daily ({COLUMNS}) {changes}
    ON CONFLICT (slot) DO UPDATE SET n = documents_daily.n + EXCLUDED.n
    RETURNING id, n
  )
  SELECT array_agg(id) INTO emptied FROM merged WHERE n = 0;
  IF emptied IS NOT NULL THEN
    DELETE FROM documents_daily WHERE id = ANY (emptied);
  END IF;
  RETURN NULL;
END $$"""


PG_TRIGGERS = (
    ("documents_daily_insert", "INSERT", "REFERENCING NEW TABLE AS new_rows", [("new_rows", "1")]),
    ("documents_daily_delete", "DELETE", "REFERENCING OLD TABLE AS old_rows", [("old_rows", "-1")]),
    (
        "documents_daily_update",
        "UPDATE",
        "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
        [("old_rows", "-1"), ("new_rows", "1")],
    ),
)

# the columns the summary depends on: an UPDATE of others (summary, number, version) leaves it alone
WATCHED = "direction, doc_type, issuer, unit_id, registered_on, urgency, due_on, processed_on, digitally_signed"


def _sqlite_trigger(name: str, event: str, changes: list[tuple[str, str]]) -> str:
    rows = [(g[0], ", ".join(g)) for r, sign in changes for g in _grains(r, "sqlite", sign)]
    upserts = "".join(
        f"INSERT INTO documents_daily ({COLUMNS}) VALUES ({values}) "
        "ON CONFLICT (slot) DO UPDATE SET n = n + excluded.n;\n"
        for _, values in rows
    )
    slots = ", ".join(slot for slot, _ in rows)
    return (
        f"CREATE TRIGGER {name} AFTER {event} ON documents FOR EACH ROW BEGIN\n{upserts}"
        f"DELETE FROM documents_daily WHERE n = 0 AND slot IN ({slots});\nEND"
    )


SQLITE_TRIGGERS = (
    ("documents_daily_insert", "INSERT", [("NEW", "1")]),
    ("documents_daily_delete", "DELETE", [("OLD", "-1")]),
    ("documents_daily_update", f"UPDATE OF {WATCHED}", [("OLD", "-1"), ("NEW", "1")]),
)


def upgrade():
    dialect = op.get_bind().dialect.name
    op.create_table(
        "documents_daily",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("slot", sa.Text, nullable=False),
        sa.Column("grain", sa.Text, nullable=False),
        sa.Column("registered_on", sa.Date, nullable=False),
        sa.Column("direction", sa.Text, nullable=False),
        sa.Column("settled_state", sa.Text, nullable=False),
        sa.Column("doc_type", sa.Text, nullable=True),
        sa.Column("digitally_signed", sa.Boolean, nullable=True),
        sa.Column("urgency", sa.Text, nullable=True),
        sa.Column("unit_id", sa.Integer, nullable=True),
        sa.Column("issuer", sa.Text, nullable=True),
        sa.Column("n", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents_daily"),
        sa.UniqueConstraint("slot", name="uq_documents_daily_slot"),
    )
    op.create_index("ix_documents_daily_grain_registered_on", "documents_daily", ["grain", "registered_on"])
    # incoming documents open (not processed) with a deadline: the overdue backlog, the overdue filter, and
    # the documents not yet due whose state differs from the settled one
    op.create_index(
        "ix_documents_open_due_on",
        "documents",
        ["due_on"],
        postgresql_where=sa.text("direction = 'incoming' AND processed_on IS NULL AND due_on IS NOT NULL"),
        sqlite_where=sa.text("direction = 'incoming' AND processed_on IS NULL AND due_on IS NOT NULL"),
    )
    # incoming documents with a deadline by the day they were processed: those processed after a given day
    op.create_index(
        "ix_documents_deadline_processed_on",
        "documents",
        ["processed_on"],
        postgresql_where=sa.text("direction = 'incoming' AND due_on IS NOT NULL"),
        sqlite_where=sa.text("direction = 'incoming' AND due_on IS NOT NULL"),
    )
    op.execute(_backfill(dialect))
    if dialect == "postgresql":
        schema = op.get_bind().execute(sa.text("SELECT quote_ident(current_schema())")).scalar_one()
        for name, event, referencing, sources in PG_TRIGGERS:
            op.execute(_pg_function(name, sources, schema))
            op.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON documents {referencing} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {name}()"
            )
        op.execute(
            "CREATE OR REPLACE FUNCTION documents_daily_truncate() RETURNS trigger LANGUAGE plpgsql "
            f"SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $$ "
            "BEGIN DELETE FROM documents_daily; RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER documents_daily_truncate AFTER TRUNCATE ON documents "
            "FOR EACH STATEMENT EXECUTE FUNCTION documents_daily_truncate()"
        )
        op.execute("ANALYZE documents_daily")
    else:
        for name, event, changes in SQLITE_TRIGGERS:
            op.execute(_sqlite_trigger(name, event, changes))


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for name in [t[0] for t in PG_TRIGGERS] + ["documents_daily_truncate"]:
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON documents")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    else:
        for name, _, _ in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_documents_deadline_processed_on", table_name="documents")
    op.drop_index("ix_documents_open_due_on", table_name="documents")
    op.drop_table("documents_daily")
