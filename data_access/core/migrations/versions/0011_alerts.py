"""Watch and warn: alert rules and their settings, open and ended alerts, subscriptions, deliveries;
an endpoint per unit and the office's information systems for the prober; who wrote a point check.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade():
    with op.batch_alter_table("units") as batch:  # contract rules: nullable, additive
        batch.add_column(sa.Column("endpoint", sa.Text, nullable=True))
    with op.batch_alter_table("point_checks") as batch:
        batch.add_column(sa.Column("author", sa.Text, nullable=True))
    op.create_table(
        "alert_rules",
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
        sa.Column("params", sa.Text, nullable=False),
        sa.Column("updated_at", TS, nullable=True),
        sa.Column("updated_by", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("rule", name="pk_alert_rules"),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.Column("item_key", sa.Text, nullable=False),
        sa.Column("code", sa.Text, nullable=True),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("link", sa.Text, nullable=True),
        sa.Column("unit_id", sa.Integer, nullable=True),
        sa.Column("unit_name", sa.Text, nullable=True),
        sa.Column("n", sa.Integer, nullable=True),
        sa.Column("on_date", sa.Date, nullable=True),
        sa.Column("state", sa.Text, nullable=True),
        sa.Column("opened_at", TS, nullable=False),
        sa.Column("closed_at", TS, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_alerts"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_alerts_unit_id_units"),
    )
    op.create_index("ix_alerts_rule_item_key", "alerts", ["rule", "item_key"])
    op.create_index("ix_alerts_closed_at", "alerts", ["closed_at"])
    op.create_table(
        "alert_recipients",
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("email", sa.Text, nullable=True),
        sa.Column("updated_at", TS, nullable=False),
        sa.PrimaryKeyConstraint("user_id", name="pk_alert_recipients"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_alert_recipients_user_id_users"),
    )
    op.create_table(
        "alert_subscriptions",
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("rule", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("user_id", "rule", name="pk_alert_subscriptions"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_alert_subscriptions_user_id_users"),
    )
    op.create_table(
        "alert_followed_units",
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("unit_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("user_id", "unit_id", name="pk_alert_followed_units"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_alert_followed_units_user_id_users"),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"], name="fk_alert_followed_units_unit_id_units"),
    )
    op.create_table(
        "alert_deliveries",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("alert_id", sa.Integer, nullable=False),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("recipient", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("attempted_at", TS, nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_alert_deliveries"),
        sa.ForeignKeyConstraint(["alert_id"], ["alerts.id"], name="fk_alert_deliveries_alert_id_alerts"),
        sa.CheckConstraint("channel IN ('email', 'webhook')", name="ck_alert_deliveries_channel"),
        sa.CheckConstraint("status IN ('sent', 'failed')", name="ck_alert_deliveries_status"),
    )
    op.create_index(
        "ix_alert_deliveries_sent_once",
        "alert_deliveries",
        ["alert_id", "channel", "recipient"],
        unique=True,
        postgresql_where=sa.text("status = 'sent'"),
        sqlite_where=sa.text("status = 'sent'"),
    )
    op.create_table(
        "info_systems",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("endpoint", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_info_systems"),
        sa.UniqueConstraint("code", name="uq_info_systems_code"),
    )
    op.create_table(
        "info_system_checks",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("system_id", sa.Integer, nullable=False),
        sa.Column("checked_at", TS, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("latency_ms", sa.Integer, nullable=True),
        sa.Column("note", sa.Text, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_info_system_checks"),
        sa.ForeignKeyConstraint(
            ["system_id"], ["info_systems.id"], name="fk_info_system_checks_system_id_info_systems"
        ),
        sa.CheckConstraint("status IN ('connected', 'degraded', 'disconnected')", name="ck_info_system_checks_status"),
    )
    op.create_index("ix_info_system_checks_system_id_checked_at", "info_system_checks", ["system_id", "checked_at"])


def downgrade():
    op.drop_index("ix_info_system_checks_system_id_checked_at", "info_system_checks")
    op.drop_table("info_system_checks")
    op.drop_table("info_systems")
    op.drop_index("ix_alert_deliveries_sent_once", "alert_deliveries")
    op.drop_table("alert_deliveries")
    op.drop_table("alert_followed_units")
    op.drop_table("alert_subscriptions")
    op.drop_table("alert_recipients")
    op.drop_index("ix_alerts_closed_at", "alerts")
    op.drop_index("ix_alerts_rule_item_key", "alerts")
    op.drop_table("alerts")
    with op.batch_alter_table("point_checks") as batch:
        batch.drop_column("author")
    with op.batch_alter_table("units") as batch:
        batch.drop_column("endpoint")
