"""Searches that ignore case and Vietnamese diacritics ("giai ngan" finds "Giải ngân"), served by an index.

PostgreSQL: office_fold(text) is lower(unaccent(text)) declared IMMUTABLE (unaccent's dictionary is
fixed here), with trigram indexes on the folded task titles and document summaries so that
LIKE '%...%' uses them. It needs the unaccent and pg_trgm extensions, shipped with PostgreSQL
(contrib); creating them needs a role allowed to. SQLite: the application registers office_fold
on every connection (data_access.core.engine); nothing to store.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.execute(
        "CREATE OR REPLACE FUNCTION office_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT "
        "AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$"
    )
    op.execute("CREATE INDEX ix_tasks_title_folded ON tasks USING gin (office_fold(title) gin_trgm_ops)")
    op.execute("CREATE INDEX ix_documents_summary_folded ON documents USING gin (office_fold(summary) gin_trgm_ops)")


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_documents_summary_folded")
    op.execute("DROP INDEX IF EXISTS ix_tasks_title_folded")
    op.execute("DROP FUNCTION IF EXISTS office_fold(text)")
