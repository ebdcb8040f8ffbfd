"""The office database as SQLAlchemy Core tables: the contract of OFFICE_DB.md.

Queries import these tables; the Alembic migrations create them. A test
(tests/test_migrations.py) checks that the migrated database and this module
agree, so a column added here without a migration fails CI.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.types import TypeDecorator

# Naming convention so that constraints get stable names on both dialects
# (Alembic needs names to alter them later, SQLite included).
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Code lists of the contract: stored in English, shown in Vietnamese.
UNIT_KINDS = ("department", "commune", "ward", "special_zone", "office", "central", "other")
POINT_KINDS = ("commune", "ward", "special_zone")
TASK_SOURCES = (
    "government",
    "prime_minister",
    "party_committee",
    "peoples_council",
    "peoples_committee",
    "chairman",
    "vice_chairman",
    "other",
)
TASK_STATUSES = ("not_started", "in_progress", "paused", "completed", "cancelled")
TASK_EVENT_KINDS = ("report", "urge", "extension", "status", "note")
DOC_DIRECTIONS = ("incoming", "outgoing")
DOC_URGENCIES = ("normal", "urgent", "very_urgent", "flash")
MEETING_KINDS = ("meeting", "conference", "delegation", "other")
MEETING_STATUSES = ("planned", "held", "cancelled")
MEETING_POINT_STATUSES = ("connected", "failed", "absent")
CHECK_STATUSES = ("connected", "degraded", "disconnected")
PROCEDURE_LEVELS = ("province", "commune")
PROCEDURE_ONLINE = ("full", "partial", "none")
DOSSIER_CHANNELS = ("online", "counter", "post")
DOSSIER_OUTCOMES = ("approved", "refused", "withdrawn")
INDEX_COMPONENTS = ("transparency", "progress", "online", "digitisation", "satisfaction")
INDEX_ROWS = (*INDEX_COMPONENTS, "total")


def in_list(column: str, values: tuple[str, ...]) -> str:
    """SQL text of a CHECK that a code column holds one of the contract's codes."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return f"{column} IN ({quoted})"


class UTCDateTime(TypeDecorator):
    """An instant, stored in UTC: timestamptz in PostgreSQL, naive UTC text in SQLite.

    Binds aware datetimes (naive ones are taken as UTC) and always returns
    aware UTC datetimes, so code never compares naive with aware values.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


units = Table(
    "units",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("parent_id", Integer, ForeignKey("units.id"), nullable=True),
    Column("latitude", Float, nullable=True),
    Column("longitude", Float, nullable=True),
    Column("endpoint", Text, nullable=True),  # migration 0011: host:port or a URL the prober checks
    CheckConstraint(in_list("kind", UNIT_KINDS), name="kind"),
    Index("ix_units_kind", "kind"),
)

WITH_DEADLINE = "direction = 'incoming' AND due_on IS NOT NULL"
OPEN_WITH_DEADLINE = "direction = 'incoming' AND processed_on IS NULL AND due_on IS NOT NULL"

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("direction", Text, nullable=False),
    Column("number", Text, nullable=False),
    Column("doc_type", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("issuer", Text, nullable=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=True),
    Column("registered_on", Date, nullable=False),
    Column("urgency", Text, nullable=False, server_default=text("'normal'")),
    Column("due_on", Date, nullable=True),
    Column("processed_on", Date, nullable=True),
    Column("digitally_signed", Boolean, nullable=False, server_default=false()),
    Column("version", Integer, nullable=False, server_default=text("1")),  # optimistic locking
    CheckConstraint(in_list("direction", DOC_DIRECTIONS), name="direction"),
    CheckConstraint(in_list("urgency", DOC_URGENCIES), name="urgency"),
    Index("ix_documents_direction_registered_on", "direction", "registered_on"),
    Index("ix_documents_registered_on", "registered_on"),
    Index("ix_documents_unit_id_registered_on", "unit_id", "registered_on"),
    Index("ix_documents_direction_due_on", "direction", "due_on"),
    # migration 0008: incoming documents not processed, by deadline (the overdue backlog and filter), and
    # incoming documents with a deadline by the day processed (those processed after a given day)
    Index(
        "ix_documents_open_due_on",
        "due_on",
        postgresql_where=text(OPEN_WITH_DEADLINE),
        sqlite_where=text(OPEN_WITH_DEADLINE),
    ),
    Index(
        "ix_documents_deadline_processed_on",
        "processed_on",
        postgresql_where=text(WITH_DEADLINE),
        sqlite_where=text(WITH_DEADLINE),
    ),
)

# A daily summary of documents (migration 0008), kept exact by triggers on documents whoever writes
# to it: per registration day, direction and settled processing state, the count of documents by one
# dimension at a time (its grain): "type" (doc_type, digitally_signed), "urgency", "issuer", "unit"
# (unit_id); the other dimensions are null. `slot` is the row's key. See data_access.documents.summary.
documents_daily = Table(
    "documents_daily",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slot", Text, nullable=False, unique=True),
    Column("grain", Text, nullable=False),
    Column("registered_on", Date, nullable=False),
    Column("direction", Text, nullable=False),
    Column("settled_state", Text, nullable=False),
    Column("doc_type", Text, nullable=True),
    Column("digitally_signed", Boolean, nullable=True),
    Column("urgency", Text, nullable=True),
    Column("unit_id", Integer, nullable=True),
    Column("issuer", Text, nullable=True),
    Column("n", Integer, nullable=False),
    Index("ix_documents_daily_grain_registered_on", "grain", "registered_on"),
)

meetings = Table(
    "meetings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("starts_at", UTCDateTime, nullable=False),
    Column("ends_at", UTCDateTime, nullable=True),
    Column("location", Text, nullable=True),
    Column("chaired_by", Text, nullable=True),
    Column("is_online", Boolean, nullable=False, server_default=false()),
    Column("status", Text, nullable=False, server_default=text("'planned'")),
    Column("version", Integer, nullable=False, server_default=text("1")),  # optimistic locking
    CheckConstraint(in_list("kind", MEETING_KINDS), name="kind"),
    CheckConstraint(in_list("status", MEETING_STATUSES), name="status"),
    Index("ix_meetings_starts_at", "starts_at"),
)

tasks = Table(
    "tasks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", Text, nullable=False, unique=True),
    Column("title", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("assignee_unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("source_document_id", Integer, ForeignKey("documents.id"), nullable=True),
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=True),
    Column("assigned_on", Date, nullable=False),
    Column("due_on", Date, nullable=True),
    Column("status", Text, nullable=False),
    Column("completed_on", Date, nullable=True),
    Column("progress_pct", Integer, nullable=False, server_default=text("0")),
    Column("version", Integer, nullable=False, server_default=text("1")),  # optimistic locking
    CheckConstraint(in_list("source", TASK_SOURCES), name="source"),
    CheckConstraint(in_list("status", TASK_STATUSES), name="status"),
    CheckConstraint("progress_pct BETWEEN 0 AND 100", name="progress_pct"),
    CheckConstraint("(status = 'completed') = (completed_on IS NOT NULL)", name="completed_on"),
    Index("ix_tasks_status_due_on", "status", "due_on"),
    Index("ix_tasks_assignee_unit_id", "assignee_unit_id"),
    Index("ix_tasks_assigned_on", "assigned_on"),
    Index("ix_tasks_source_document_id", "source_document_id"),
    Index("ix_tasks_meeting_id", "meeting_id"),
)

task_events = Table(
    "task_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("task_id", Integer, ForeignKey("tasks.id"), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("kind", Text, nullable=False),
    Column("author", Text, nullable=True),
    Column("note", Text, nullable=True),
    Column("new_due_on", Date, nullable=True),
    CheckConstraint(in_list("kind", TASK_EVENT_KINDS), name="kind"),
    Index("ix_task_events_task_id_at", "task_id", "at"),
)

meeting_points = Table(
    "meeting_points",
    metadata,
    Column("meeting_id", Integer, ForeignKey("meetings.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("status", Text, nullable=False),
    PrimaryKeyConstraint("meeting_id", "unit_id"),
    CheckConstraint(in_list("status", MEETING_POINT_STATUSES), name="status"),
    Index("ix_meeting_points_unit_id", "unit_id"),
)

point_checks = Table(
    "point_checks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("checked_at", UTCDateTime, nullable=False),
    Column("status", Text, nullable=False),
    Column("note", Text, nullable=True),
    Column("author", Text, nullable=True),  # migration 0011: "probe" for the prober's checks
    CheckConstraint(in_list("status", CHECK_STATUSES), name="status"),
    Index("ix_point_checks_unit_id_checked_at", "unit_id", "checked_at"),
    Index("ix_point_checks_checked_at", "checked_at"),
)

# Public administrative services (migration 0010): written by the province's procedure system or imported.
procedures = Table(
    "procedures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("level", Text, nullable=False),
    Column("field", Text, nullable=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=True),
    Column("online", Text, nullable=False, server_default=text("'none'")),
    Column("published_on", Date, nullable=False),
    Column("withdrawn_on", Date, nullable=True),
    CheckConstraint(in_list("level", PROCEDURE_LEVELS), name="level"),
    CheckConstraint(in_list("online", PROCEDURE_ONLINE), name="online"),
    CheckConstraint("withdrawn_on IS NULL OR withdrawn_on >= published_on", name="withdrawn_on"),
    Index("ix_procedures_unit_id", "unit_id"),
)

OPEN_DOSSIERS = "resolved_on IS NULL"

dossiers = Table(
    "dossiers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", Text, nullable=False, unique=True),
    Column("procedure_id", Integer, ForeignKey("procedures.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("channel", Text, nullable=False),
    Column("at_centre", Boolean, nullable=False, server_default=false()),
    Column("received_on", Date, nullable=False),
    Column("due_on", Date, nullable=True),
    Column("resolved_on", Date, nullable=True),
    Column("outcome", Text, nullable=True),
    CheckConstraint(in_list("channel", DOSSIER_CHANNELS), name="channel"),
    CheckConstraint("outcome IS NULL OR " + in_list("outcome", DOSSIER_OUTCOMES), name="outcome"),
    CheckConstraint("due_on IS NULL OR due_on >= received_on", name="due_on"),
    CheckConstraint("resolved_on IS NULL OR resolved_on >= received_on", name="resolved_on"),
    CheckConstraint("resolved_on IS NOT NULL OR outcome IS NULL", name="open_outcome"),
    Index("ix_dossiers_received_on", "received_on"),
    Index("ix_dossiers_unit_id_received_on", "unit_id", "received_on"),
    Index("ix_dossiers_procedure_id_received_on", "procedure_id", "received_on"),
    Index("ix_dossiers_open_due_on", "due_on", postgresql_where=text(OPEN_DOSSIERS), sqlite_where=text(OPEN_DOSSIERS)),
)

PROVINCE_ROWS = "unit_id IS NULL"

service_index = Table(
    "service_index",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("period_end", Date, nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=True),  # null: the province as a whole
    Column("component", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("max_score", Float, nullable=False),
    Column("rank", Integer, nullable=True),
    Column("rank_of", Integer, nullable=True),
    UniqueConstraint("period_end", "unit_id", "component"),
    CheckConstraint(in_list("component", INDEX_ROWS), name="component"),
    CheckConstraint("max_score > 0 AND score >= 0 AND score <= max_score", name="score"),
    CheckConstraint("rank IS NULL OR (rank >= 1 AND (rank_of IS NULL OR rank <= rank_of))", name="rank"),
    # the unique constraint lets two province rows (unit_id null) share a month and component: this does not
    Index(
        "ix_service_index_province_month",
        "period_end",
        "component",
        unique=True,
        postgresql_where=text(PROVINCE_ROWS),
        sqlite_where=text(PROVINCE_ROWS),
    ),
    Index("ix_service_index_unit_id_period_end", "unit_id", "period_end"),
)

# Cumulative, lowest first: a display account (a projector) sees the slide show only.
ROLES = ("display", "viewer", "specialist", "leader", "admin")

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("login", Text, nullable=False, unique=True),
    Column("full_name", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("password_hash", Text, nullable=False),  # argon2, never the password
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("failed_attempts", Integer, nullable=False, server_default=text("0")),
    Column("locked_until", UTCDateTime, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    CheckConstraint(in_list("role", ROLES), name="role"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("user_login", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("table_name", Text, nullable=False),
    Column("row_id", Integer, nullable=False),
    Column("before", Text, nullable=True),  # JSON of the changed columns before the write
    Column("after", Text, nullable=True),
    Index("ix_audit_log_at", "at"),
    Index("ix_audit_log_table_name_row_id", "table_name", "row_id"),
)

login_sessions = Table(
    "login_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", Text, nullable=False, unique=True),  # SHA-256 of the cookie's token
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime, nullable=True),
    # SHA-256 of a one-time code, valid seconds, that the browser trades for the HttpOnly cookie
    Column("grant_hash", Text, nullable=True),
    Column("grant_expires_at", UTCDateTime, nullable=True),
)

office_settings = Table(  # the office's details on the documents it hands out (data_access.accounts.settings)
    "office_settings",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("updated_by", Text, nullable=False),
)

login_failures = Table(  # wrong passwords per login (known or not) and source address; a lock holds that pair
    "login_failures",
    metadata,
    Column("login", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("failures", Integer, nullable=False, server_default=text("0")),
    Column("locked_until", UTCDateTime, nullable=True),
    Column("last_failed_at", UTCDateTime, nullable=False),
    PrimaryKeyConstraint("login", "source"),
)

# Watch and warn (migration 0011): rules' settings, alerts open and ended, who gets what, what was sent.
alert_rules = Table(  # a rule's stored settings; a rule without a row runs with its defaults
    "alert_rules",
    metadata,
    Column("rule", Text, primary_key=True),
    Column("enabled", Boolean, nullable=False, server_default=true()),
    Column("params", Text, nullable=False),  # JSON of the rule's numbers
    Column("updated_at", UTCDateTime, nullable=True),
    Column("updated_by", Text, nullable=True),
)

alerts = Table(  # one row per time a cause held: open while closed_at is null
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("rule", Text, nullable=False),
    Column("item_key", Text, nullable=False),
    Column("code", Text, nullable=True),  # the item's code as people know it (task code, document number)
    Column("label", Text, nullable=False),
    Column("link", Text, nullable=True),  # the value of the drill-down's query parameter
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=True),
    Column("unit_name", Text, nullable=True),
    Column("n", Integer, nullable=True),  # the rule's count (extensions, failed meetings) when it has one
    Column("on_date", Date, nullable=True),  # the deadline, when the cause is one
    Column("state", Text, nullable=True),  # a point's status when the alert opened
    Column("opened_at", UTCDateTime, nullable=False),
    Column("closed_at", UTCDateTime, nullable=True),
    Index("ix_alerts_rule_item_key", "rule", "item_key"),
    Index("ix_alerts_closed_at", "closed_at"),
)

alert_recipients = Table(
    "alert_recipients",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id"), primary_key=True),
    Column("email", Text, nullable=True),
    Column("updated_at", UTCDateTime, nullable=False),
)

alert_subscriptions = Table(
    "alert_subscriptions",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("rule", Text, nullable=False),
    PrimaryKeyConstraint("user_id", "rule"),
)

alert_followed_units = Table(  # a specialist's units: their task alerts are those units' tasks only
    "alert_followed_units",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    PrimaryKeyConstraint("user_id", "unit_id"),
)

DELIVERY_CHANNELS = ("email", "webhook")
DELIVERY_STATUSES = ("sent", "failed")

alert_deliveries = Table(  # every attempt to send an alert; "sent" at most once per alert, channel, recipient
    "alert_deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alert_id", Integer, ForeignKey("alerts.id"), nullable=False),
    Column("channel", Text, nullable=False),
    Column("recipient", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("attempted_at", UTCDateTime, nullable=False),
    Column("error", Text, nullable=True),
    CheckConstraint(in_list("channel", DELIVERY_CHANNELS), name="channel"),
    CheckConstraint(in_list("status", DELIVERY_STATUSES), name="status"),
    Index(
        "ix_alert_deliveries_sent_once",
        "alert_id",
        "channel",
        "recipient",
        unique=True,
        postgresql_where=text("status = 'sent'"),
        sqlite_where=text("status = 'sent'"),
    ),
)

info_systems = Table(  # the office's own information systems, probed like the commune points
    "info_systems",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("endpoint", Text, nullable=True),
)

info_system_checks = Table(
    "info_system_checks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("system_id", Integer, ForeignKey("info_systems.id"), nullable=False),
    Column("checked_at", UTCDateTime, nullable=False),
    Column("status", Text, nullable=False),
    Column("latency_ms", Integer, nullable=True),
    Column("note", Text, nullable=True),
    CheckConstraint(in_list("status", CHECK_STATUSES), name="status"),
    Index("ix_info_system_checks_system_id_checked_at", "system_id", "checked_at"),
)


office_data_version = Table(  # one counter per table the figures are made of, bumped by triggers (migration 0009)
    "office_data_version",
    metadata,
    Column("table_name", Text, primary_key=True),
    Column("version", BigInteger, nullable=False, server_default=text("0")),
)

CONTRACT_TABLES = (
    units,
    documents,
    meetings,
    tasks,
    task_events,
    meeting_points,
    point_checks,
    procedures,
    dossiers,
    service_index,
)
