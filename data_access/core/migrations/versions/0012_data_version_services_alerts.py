"""The data version (0009) for the tables of the public services (0010) and of the alerts and the prober (0011).

A write into any of them, by this app, the command line (imports, `alerts send`, `probe`) or another
system, bumps its counter, so every process serving the app sees it at its next page run.

Revision ID: 0012
Revises: 0011
"""

from alembic import op

from data_access.core.data_version import install, uninstall

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

TABLES = (
    "procedures",
    "dossiers",
    "service_index",
    "alert_rules",
    "alerts",
    "alert_recipients",
    "alert_subscriptions",
    "alert_followed_units",
    "alert_deliveries",
    "info_systems",
    "info_system_checks",
)


def upgrade():
    install(op.get_bind(), TABLES)


def downgrade():
    uninstall(op.get_bind(), TABLES)
