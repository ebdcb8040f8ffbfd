"""An index on documents.registered_on alone: the documents page groups a period's documents
of both directions by type, urgency and issuer, which the (direction, registered_on) index
cannot serve (measured with python -m benchmarks at scale 10).

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_documents_registered_on", "documents", ["registered_on"])


def downgrade():
    op.drop_index("ix_documents_registered_on", table_name="documents")
