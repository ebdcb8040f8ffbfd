"""Public administrative services (OFFICE_DB.md): procedures, dossiers and the service index.

Written by the province's administrative-procedure information system or imported from its exports;
the dashboard reads them. The database enforces the code lists, the dates' order and the index's
bounds, and one score per month, unit (or the province: unit_id null) and component.

A migration is a frozen snapshot: it spells out its tables instead of importing the schema module.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

PROVINCE_ROWS = "unit_id IS NULL"
OPEN_DOSSIERS = "resolved_on IS NULL"


def _in(column, values):
    return column + " IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade():
    op.create_table(
        "procedures",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("level", sa.Text, nullable=False),
        sa.Column("field", sa.Text, nullable=True),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id", name="fk_procedures_unit_id_units"), nullable=True),
        sa.Column("online", sa.Text, nullable=False, server_default=sa.text("'none'")),
        sa.Column("published_on", sa.Date, nullable=False),
        sa.Column("withdrawn_on", sa.Date, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_procedures"),
        sa.UniqueConstraint("code", name="uq_procedures_code"),
        sa.CheckConstraint(_in("level", ("province", "commune")), name="ck_procedures_level"),
        sa.CheckConstraint(_in("online", ("full", "partial", "none")), name="ck_procedures_online"),
        sa.CheckConstraint("withdrawn_on IS NULL OR withdrawn_on >= published_on", name="ck_procedures_withdrawn_on"),
    )
    op.create_index("ix_procedures_unit_id", "procedures", ["unit_id"])

    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column(
            "procedure_id",
            sa.Integer,
            sa.ForeignKey("procedures.id", name="fk_dossiers_procedure_id_procedures"),
            nullable=False,
        ),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id", name="fk_dossiers_unit_id_units"), nullable=False),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("at_centre", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.Column("received_on", sa.Date, nullable=False),
        sa.Column("due_on", sa.Date, nullable=True),
        sa.Column("resolved_on", sa.Date, nullable=True),
        sa.Column("outcome", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_dossiers"),
        sa.UniqueConstraint("code", name="uq_dossiers_code"),
        sa.CheckConstraint(_in("channel", ("online", "counter", "post")), name="ck_dossiers_channel"),
        sa.CheckConstraint(
            "outcome IS NULL OR " + _in("outcome", ("approved", "refused", "withdrawn")), name="ck_dossiers_outcome"
        ),
        sa.CheckConstraint("due_on IS NULL OR due_on >= received_on", name="ck_dossiers_due_on"),
        sa.CheckConstraint("resolved_on IS NULL OR resolved_on >= received_on", name="ck_dossiers_resolved_on"),
        sa.CheckConstraint("resolved_on IS NOT NULL OR outcome IS NULL", name="ck_dossiers_open_outcome"),
    )
    op.create_index("ix_dossiers_received_on", "dossiers", ["received_on"])
    op.create_index("ix_dossiers_unit_id_received_on", "dossiers", ["unit_id", "received_on"])
    op.create_index("ix_dossiers_procedure_id_received_on", "dossiers", ["procedure_id", "received_on"])
    op.create_index(
        "ix_dossiers_open_due_on",
        "dossiers",
        ["due_on"],
        postgresql_where=sa.text(OPEN_DOSSIERS),
        sqlite_where=sa.text(OPEN_DOSSIERS),
    )

    op.create_table(
        "service_index",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id", name="fk_service_index_unit_id_units")),
        sa.Column("component", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("max_score", sa.Float, nullable=False),
        sa.Column("rank", sa.Integer, nullable=True),
        sa.Column("rank_of", sa.Integer, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_service_index"),
        sa.UniqueConstraint("period_end", "unit_id", "component", name="uq_service_index_period_end"),
        sa.CheckConstraint(
            _in("component", ("transparency", "progress", "online", "digitisation", "satisfaction", "total")),
            name="ck_service_index_component",
        ),
        sa.CheckConstraint("max_score > 0 AND score >= 0 AND score <= max_score", name="ck_service_index_score"),
        sa.CheckConstraint(
            "rank IS NULL OR (rank >= 1 AND (rank_of IS NULL OR rank <= rank_of))", name="ck_service_index_rank"
        ),
    )
    # a unique constraint lets two province rows (unit_id null) share a month and component: this one does not
    op.create_index(
        "ix_service_index_province_month",
        "service_index",
        ["period_end", "component"],
        unique=True,
        postgresql_where=sa.text(PROVINCE_ROWS),
        sqlite_where=sa.text(PROVINCE_ROWS),
    )
    op.create_index("ix_service_index_unit_id_period_end", "service_index", ["unit_id", "period_end"])


def downgrade():
    op.drop_table("service_index")
    op.drop_table("dossiers")
    op.drop_table("procedures")
