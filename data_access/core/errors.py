"""What can go wrong with the database, in terms the interface can explain.

The pages catch DatabaseProblem and show a Vietnamese message chosen by its
`reason`; the CLI prints the same. Nothing here knows about Streamlit.
"""

from __future__ import annotations

from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError


class DatabaseProblem(Exception):
    """The database cannot serve the dashboard; `reason` says why."""

    BAD_URL = "bad_url"
    UNREACHABLE = "unreachable"
    NOT_MIGRATED = "not_migrated"
    OUTDATED = "outdated"
    QUERY_FAILED = "query_failed"
    BUSY = "busy"  # locked by another writer, or a statement or lock wait over its bound
    FIRST_START_FAILED = "first_start_failed"  # the embedded demo could not be built
    READ_ONLY = "read_only"  # the primary does not answer; the replica serves the reads, saving is paused
    REPLICA_CONFLICT = "replica_conflict"  # a hot standby cancelled a read (conflict with recovery): ask the primary

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


# What `classify` understands; anything else is a bug and is left to surface.
DATABASE_ERRORS = (SQLAlchemyError, DatabaseProblem)


def guarded(work):
    """Run `work()`; any database failure comes out as a DatabaseProblem (a bug stays a bug)."""
    try:
        return work()
    except DATABASE_ERRORS as exc:
        raise classify(exc) from exc


def classify(exc: BaseException) -> DatabaseProblem:
    """Turn a driver or SQLAlchemy error into a DatabaseProblem."""
    if isinstance(exc, DatabaseProblem):
        return exc
    if isinstance(exc, (ArgumentError, NoSuchModuleError)):
        return DatabaseProblem(DatabaseProblem.BAD_URL, type(exc).__name__)
    if isinstance(exc, DBAPIError):
        text = str(exc.orig).lower() if exc.orig is not None else str(exc).lower()
        if (
            "database is locked" in text
            or "database table is locked" in text
            or "statement timeout" in text
            or "lock timeout" in text
            or "could not obtain lock" in text
            or "deadlock detected" in text
        ):
            return DatabaseProblem(DatabaseProblem.BUSY, type(exc.orig).__name__)
        if "read-only transaction" in text:  # a write that reached a standby
            return DatabaseProblem(DatabaseProblem.READ_ONLY, type(exc.orig).__name__)
        if "conflict with recovery" in text:
            return DatabaseProblem(DatabaseProblem.REPLICA_CONFLICT, type(exc.orig).__name__)
        if "no such table" in text or ("relation" in text and "does not exist" in text):
            return DatabaseProblem(DatabaseProblem.NOT_MIGRATED, type(exc.orig).__name__)
        if (
            exc.connection_invalidated
            or "could not connect" in text
            or "connection" in text
            or "unable to open database" in text
            or "does not exist" in text
            or "authentication" in text
            or "timeout" in text
        ):
            return DatabaseProblem(DatabaseProblem.UNREACHABLE, type(exc.orig).__name__)
    return DatabaseProblem(DatabaseProblem.QUERY_FAILED, type(exc).__name__)
