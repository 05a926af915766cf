"""Corrections of a case's facts (summary, contact, counterparties, ...)

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-27 03:10:00

One row per correction, its changes as [field, from, to]; the case page's timeline
shows them beside the status changes.
"""

import sqlalchemy as sa
from alembic import op

from legaldesk.db import UTCDateTime

# revision identifiers, used by Alembic.
revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "case_corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_case_corrections_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_case_corrections_actor_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_corrections")),
    )
    op.create_index(
        op.f("ix_case_corrections_consultation_id"),
        "case_corrections",
        ["consultation_id"],
        unique=False,
    )


def downgrade():
    op.drop_index(op.f("ix_case_corrections_consultation_id"), table_name="case_corrections")
    op.drop_table("case_corrections")
