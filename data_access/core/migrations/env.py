"""Alembic environment: migrates the database the data layer is configured for.

`python -m data_access migrate` passes its own connection in
`config.attributes["connection"]`; the plain `alembic` command falls back to
the configured URL (DATABASE_URL, secrets.toml, or the embedded SQLite file).
"""

from alembic import context

from data_access.core.config import database_url
from data_access.core.engine import make_engine
from data_access.core.schema import metadata


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = make_engine(database_url())
    with engine.connect() as conn:
        run_migrations(conn)
    engine.dispose()
