"""Indexes for the case list's new sort orders

Revision ID: 0023
Revises: 0019
Create Date: 2026-11-28 09:00:00

The case list sorts by last change and urgent first (issue 13). On a desk of a
million cases each order reads its first page from an index instead of sorting
every row: (updated_at) and (urgency, created_at).
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index("ix_consultations_updated", "consultations", ["updated_at"])
    op.create_index(
        "ix_consultations_urgency_created", "consultations", ["urgency", "created_at"]
    )


def downgrade():
    op.drop_index("ix_consultations_urgency_created", table_name="consultations")
    op.drop_index("ix_consultations_updated", table_name="consultations")
