"""The display role (a projector's account: the show only), wrong passwords counted per login and source,
and the one-time grant that lets the server set the session cookie itself (HttpOnly).

A lock after repeated wrong passwords now holds one login from one source
address, so nobody can lock the administrator out of their own tablet by
typing wrong passwords elsewhere. The old per-account counters on `users`
stay (unused) for rows written before.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

OLD_ROLES = ("viewer", "specialist", "leader", "admin")
ROLES = ("display", "viewer", "specialist", "leader", "admin")


def _roles(roles) -> str:
    return "role IN (" + ", ".join(f"'{r}'" for r in roles) + ")"


def upgrade():
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("ck_users_role", type_="check")
        batch.create_check_constraint("ck_users_role", _roles(ROLES))
    op.create_table(
        "login_failures",
        sa.Column("login", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("failures", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("locked_until", sa.DateTime(timezone=True)),
        sa.Column("last_failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("login", "source", name="pk_login_failures"),
    )
    with op.batch_alter_table("login_sessions") as batch:
        batch.add_column(sa.Column("grant_hash", sa.Text))
        batch.add_column(sa.Column("grant_expires_at", sa.DateTime(timezone=True)))


def downgrade():
    with op.batch_alter_table("login_sessions") as batch:
        batch.drop_column("grant_expires_at")
        batch.drop_column("grant_hash")
    op.drop_table("login_failures")
    op.execute("UPDATE users SET role = 'viewer' WHERE role = 'display'")
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint("ck_users_role", type_="check")
        batch.create_check_constraint("ck_users_role", _roles(OLD_ROLES))
