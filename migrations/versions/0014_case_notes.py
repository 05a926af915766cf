"""Internal notes on a case

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-27 03:00:00

The staff's own notes on a case (issue 12, item 4): never shown to the enterprise
or to a mediator who is not the case's lawyer. Listed newest first per case, hence
the index on (consultation_id, created_at).
"""

import sqlalchemy as sa
from alembic import op

import legaldesk.db

# revision identifiers, used by Alembic.
revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "case_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("created_at", legaldesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"], ["users.id"], name=op.f("fk_case_notes_author_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_case_notes_consultation_id_consultations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_notes")),
    )
    op.create_index(
        "ix_case_notes_case_newest", "case_notes", ["consultation_id", "created_at"], unique=False
    )


def downgrade():
    op.drop_index("ix_case_notes_case_newest", table_name="case_notes")
    op.drop_table("case_notes")
