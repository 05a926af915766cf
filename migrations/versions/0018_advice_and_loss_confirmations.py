"""The advice given on a case, and the enterprise's confirmation of a loss avoided

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-27 04:30:00

Issue 12, items 3 and 7. ``case_advice``: one row per move to "advised" (a case
advised again after a follow-up keeps each), with the written opinion and whether
the enterprise sees it. Existing "advised" timeline entries become advice whose
opinion is their note, not shared (what the API's bare transition records too).
``loss_confirmations``: the enterprise's own figure for a loss avoided that a
follow-up claimed, once per follow-up (the unique key stops a double submit).
"""

import sqlalchemy as sa
from alembic import op

from legaldesk.db import UTCDateTime

# revision identifiers, used by Alembic.
revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "case_advice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("timeline_entry_id", sa.Integer(), nullable=True),
        sa.Column("given_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("given_by_id", sa.Integer(), nullable=True),
        sa.Column("opinion", sa.Text(), nullable=False),
        sa.Column("shared", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_case_advice_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["given_by_id"], ["users.id"], name=op.f("fk_case_advice_given_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["timeline_entry_id"],
            ["timeline_entries.id"],
            name=op.f("fk_case_advice_timeline_entry_id_timeline_entries"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_advice")),
    )
    op.create_index(
        op.f("ix_case_advice_consultation_id"), "case_advice", ["consultation_id"], unique=False
    )
    op.execute(
        "INSERT INTO case_advice"
        " (consultation_id, timeline_entry_id, given_at, given_by_id, opinion, shared)"
        " SELECT consultation_id, id, at, actor_id, COALESCE(note, ''), false"
        " FROM timeline_entries WHERE to_status = 'advised' ORDER BY id"
    )
    op.create_table(
        "loss_confirmations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("followup_id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.Column("confirmed_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("claimed_cny", sa.BigInteger(), nullable=True),
        sa.Column("amount_cny", sa.BigInteger(), nullable=False),
        sa.Column("satisfaction", sa.Integer(), nullable=False),
        sa.CheckConstraint("amount_cny >= 0", name=op.f("ck_loss_confirmations_amount")),
        sa.CheckConstraint(
            "satisfaction BETWEEN 1 AND 5", name=op.f("ck_loss_confirmations_satisfaction")
        ),
        sa.ForeignKeyConstraint(
            ["confirmed_by_id"], ["users.id"], name=op.f("fk_loss_confirmations_confirmed_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_loss_confirmations_consultation_id_consultations"),
        ),
        sa.ForeignKeyConstraint(
            ["followup_id"], ["followups.id"], name=op.f("fk_loss_confirmations_followup_id_followups")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_loss_confirmations")),
        sa.UniqueConstraint("followup_id", name=op.f("uq_loss_confirmations_followup_id")),
    )
    op.create_index(
        op.f("ix_loss_confirmations_consultation_id"),
        "loss_confirmations",
        ["consultation_id"],
        unique=False,
    )


def downgrade():
    op.drop_index(op.f("ix_loss_confirmations_consultation_id"), table_name="loss_confirmations")
    op.drop_table("loss_confirmations")
    op.drop_index(op.f("ix_case_advice_consultation_id"), table_name="case_advice")
    op.drop_table("case_advice")
