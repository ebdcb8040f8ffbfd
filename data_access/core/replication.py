"""Where a PostgreSQL primary's WAL stands, and whether a hot standby has replayed up to it.

Read your writes: after a save, the session remembers the primary's position; its reads go to the
primary until the replica has replayed that far (usually within milliseconds, so for one page run
at most). On SQLite, or a server that is no standby, every position counts as replayed.
"""

from __future__ import annotations

from sqlalchemy import Connection, text


def primary_position(conn: Connection) -> str | None:
    """The primary's current WAL position (after a commit, at or past that commit), or None on SQLite."""
    if conn.dialect.name != "postgresql":
        return None
    return conn.execute(text("SELECT CAST(pg_current_wal_lsn() AS text)")).scalar_one()


def replayed(conn: Connection, position: str) -> bool:
    """Whether this server shows every transaction committed up to `position` on the primary."""
    if conn.dialect.name != "postgresql":
        return True
    return bool(
        conn.execute(
            text(
                "SELECT CASE WHEN pg_is_in_recovery() "
                "THEN COALESCE(pg_last_wal_replay_lsn() >= CAST(:p AS pg_lsn), false) ELSE true END"
            ),
            {"p": position},
        ).scalar_one()
    )


def replay_lag_bytes(conn: Connection, position: str) -> int | None:
    """How far behind `position` this standby has replayed, in bytes (None if it is no standby)."""
    return conn.execute(
        text(
            "SELECT CASE WHEN pg_is_in_recovery() "
            "THEN GREATEST(0, pg_wal_lsn_diff(CAST(:p AS pg_lsn), pg_last_wal_replay_lsn()))::bigint END"
        ),
        {"p": position},
    ).scalar_one()


def replayed_position(conn: Connection) -> str | None:
    """How far this standby has replayed (None if it is no standby)."""
    return conn.execute(
        text("SELECT CASE WHEN pg_is_in_recovery() THEN CAST(pg_last_wal_replay_lsn() AS text) END")
    ).scalar_one()


def behind(conn: Connection, position: str, replayed: str) -> bool:
    """Whether `replayed` (a standby's) is short of `position` (the primary's), on any server."""
    return bool(
        conn.execute(text("SELECT CAST(:r AS pg_lsn) < CAST(:p AS pg_lsn)"), {"r": replayed, "p": position}).scalar()
    )
