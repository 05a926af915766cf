"""Cases by enterprise and date, for the duplicate warning at intake

Revision ID: 0019
Revises: 0018
Create Date: 2026-11-27 04:40:00

An intake looks for the enterprise's open or recent cases before saving (issue 12,
item 8). One index on (enterprise_id, created_at) answers that without visiting the
table's other rows, and replaces the index on enterprise_id alone, which it covers.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_consultations_enterprise_created", "consultations", ["enterprise_id", "created_at"]
    )
    op.drop_index("ix_consultations_enterprise_id", table_name="consultations")


def downgrade():
    op.create_index("ix_consultations_enterprise_id", "consultations", ["enterprise_id"])
    op.drop_index("ix_consultations_enterprise_created", table_name="consultations")
