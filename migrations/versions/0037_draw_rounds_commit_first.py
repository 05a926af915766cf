"""Draws commit first: the contribution's source, widened pools, void rounds; the
language a case needs

Revision ID: 0037
Revises: 0036
Create Date: 2026-11-28 03:00:00

Issue 15. A round now freezes its pool when its commitment is published and is drawn
only once a contribution is keyed in, saying where it came from (``witness`` or
``lottery``). A pool that took partner-firm lawyers because the panel had too few
keeps how many panel members were eligible (``widened_from``). A round that was never
drawn (the pool changed before the contribution, or the case was assigned by hand)
is kept as void with its reason, its secret then shown. A consultation may name the
language its lawyer must speak (``language``, a BCP 47 tag such as ``ru``).
"""

import sqlalchemy as sa
from alembic import op

from legaldesk.db import UTCDateTime

# revision identifiers, used by Alembic.
revision = "0037"
down_revision = "0036"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contribution_source", sa.String(10), nullable=True))
        batch_op.add_column(sa.Column("widened_from", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("voided_at", UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("void_reason", sa.String(20), nullable=True))
        batch_op.create_check_constraint(
            batch_op.f("ck_draws_contribution_source"),
            "contribution_source IN ('witness', 'lottery')",
        )
    # A plain ADD COLUMN: a batch copy would drop the triggers on consultations.
    op.add_column("consultations", sa.Column("language", sa.String(8), nullable=True))


def downgrade():
    op.drop_column("consultations", "language")
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_draws_contribution_source"), type_="check")
        batch_op.drop_column("void_reason")
        batch_op.drop_column("voided_at")
        batch_op.drop_column("widened_from")
        batch_op.drop_column("contribution_source")
