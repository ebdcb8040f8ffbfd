"""The office database of OFFICE_DB.md: units, documents, meetings, tasks,
task events, meeting points and point checks, with their constraints and the
indexes the dashboard's queries use.

A migration is a frozen snapshot: it spells out its tables instead of
importing data_access.core.schema, which keeps moving.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

UNIT_KINDS = ("department", "commune", "ward", "special_zone", "office", "central", "other")
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


def _in(column, values):
    return column + " IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def _instant(name, nullable):
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade():
    op.create_table(
        "units",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("parent_id", sa.Integer, sa.ForeignKey("units.id", name="fk_units_parent_id_units")),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.PrimaryKeyConstraint("id", name="pk_units"),
        sa.UniqueConstraint("code", name="uq_units_code"),
        sa.CheckConstraint(_in("kind", UNIT_KINDS), name="ck_units_kind"),
    )
    op.create_index("ix_units_kind", "units", ["kind"])

    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("direction", sa.Text, nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("doc_type", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("issuer", sa.Text),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id", name="fk_documents_unit_id_units")),
        sa.Column("registered_on", sa.Date, nullable=False),
        sa.Column("urgency", sa.Text, nullable=False, server_default=sa.text("'normal'")),
        sa.Column("due_on", sa.Date),
        sa.Column("processed_on", sa.Date),
        sa.Column("digitally_signed", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
        sa.CheckConstraint(_in("direction", ("incoming", "outgoing")), name="ck_documents_direction"),
        sa.CheckConstraint(_in("urgency", ("normal", "urgent", "very_urgent", "flash")), name="ck_documents_urgency"),
    )
    op.create_index("ix_documents_direction_registered_on", "documents", ["direction", "registered_on"])
    op.create_index("ix_documents_unit_id_registered_on", "documents", ["unit_id", "registered_on"])
    op.create_index("ix_documents_direction_due_on", "documents", ["direction", "due_on"])

    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        _instant("starts_at", nullable=False),
        _instant("ends_at", nullable=True),
        sa.Column("location", sa.Text),
        sa.Column("chaired_by", sa.Text),
        sa.Column("is_online", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("status", sa.Text, nullable=False, server_default=sa.text("'planned'")),
        sa.PrimaryKeyConstraint("id", name="pk_meetings"),
        sa.CheckConstraint(_in("kind", ("meeting", "conference", "delegation", "other")), name="ck_meetings_kind"),
        sa.CheckConstraint(_in("status", ("planned", "held", "cancelled")), name="ck_meetings_status"),
    )
    op.create_index("ix_meetings_starts_at", "meetings", ["starts_at"])

    op.create_table(
        "tasks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column(
            "assignee_unit_id",
            sa.Integer,
            sa.ForeignKey("units.id", name="fk_tasks_assignee_unit_id_units"),
            nullable=False,
        ),
        sa.Column(
            "source_document_id",
            sa.Integer,
            sa.ForeignKey("documents.id", name="fk_tasks_source_document_id_documents"),
        ),
        sa.Column("meeting_id", sa.Integer, sa.ForeignKey("meetings.id", name="fk_tasks_meeting_id_meetings")),
        sa.Column("assigned_on", sa.Date, nullable=False),
        sa.Column("due_on", sa.Date),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("completed_on", sa.Date),
        sa.Column("progress_pct", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.PrimaryKeyConstraint("id", name="pk_tasks"),
        sa.UniqueConstraint("code", name="uq_tasks_code"),
        sa.CheckConstraint(_in("source", TASK_SOURCES), name="ck_tasks_source"),
        sa.CheckConstraint(_in("status", TASK_STATUSES), name="ck_tasks_status"),
        sa.CheckConstraint("progress_pct BETWEEN 0 AND 100", name="ck_tasks_progress_pct"),
        sa.CheckConstraint("(status = 'completed') = (completed_on IS NOT NULL)", name="ck_tasks_completed_on"),
    )
    op.create_index("ix_tasks_status_due_on", "tasks", ["status", "due_on"])
    op.create_index("ix_tasks_assignee_unit_id", "tasks", ["assignee_unit_id"])
    op.create_index("ix_tasks_assigned_on", "tasks", ["assigned_on"])
    op.create_index("ix_tasks_source_document_id", "tasks", ["source_document_id"])
    op.create_index("ix_tasks_meeting_id", "tasks", ["meeting_id"])

    op.create_table(
        "task_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "task_id", sa.Integer, sa.ForeignKey("tasks.id", name="fk_task_events_task_id_tasks"), nullable=False
        ),
        _instant("at", nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("author", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("new_due_on", sa.Date),
        sa.PrimaryKeyConstraint("id", name="pk_task_events"),
        sa.CheckConstraint(_in("kind", ("report", "urge", "extension", "status", "note")), name="ck_task_events_kind"),
    )
    op.create_index("ix_task_events_task_id_at", "task_events", ["task_id", "at"])

    op.create_table(
        "meeting_points",
        sa.Column(
            "meeting_id",
            sa.Integer,
            sa.ForeignKey("meetings.id", name="fk_meeting_points_meeting_id_meetings"),
            nullable=False,
        ),
        sa.Column(
            "unit_id", sa.Integer, sa.ForeignKey("units.id", name="fk_meeting_points_unit_id_units"), nullable=False
        ),
        sa.Column("status", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("meeting_id", "unit_id", name="pk_meeting_points"),
        sa.CheckConstraint(_in("status", ("connected", "failed", "absent")), name="ck_meeting_points_status"),
    )
    op.create_index("ix_meeting_points_unit_id", "meeting_points", ["unit_id"])

    op.create_table(
        "point_checks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "unit_id", sa.Integer, sa.ForeignKey("units.id", name="fk_point_checks_unit_id_units"), nullable=False
        ),
        _instant("checked_at", nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_point_checks"),
        sa.CheckConstraint(_in("status", ("connected", "degraded", "disconnected")), name="ck_point_checks_status"),
    )
    op.create_index("ix_point_checks_unit_id_checked_at", "point_checks", ["unit_id", "checked_at"])
    op.create_index("ix_point_checks_checked_at", "point_checks", ["checked_at"])


def downgrade():
    for table in ("point_checks", "meeting_points", "task_events", "tasks", "meetings", "documents", "units"):
        op.drop_table(table)
