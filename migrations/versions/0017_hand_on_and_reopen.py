"""Hand a case on: manual assignments as rounds, releases, hand-back requests

Revision ID: 0017
Revises: 0016
Create Date: 2026-11-27 04:00:00

Issue 12, item 5. A round of a case's routing is now of a kind: ``draw`` (by lot, as
before), ``assigned`` (a coordinator named the lawyer, with a reason: counted apart
from draws in the fairness figures) or ``claim`` (recorded when a lawyer who claimed
the case is released from it). ``released_by_id`` says a coordinator took the case
from the round's lawyer (else they declined). A lawyer's request to hand an accepted
case back is kept with its answer. Reopening (item 6) needs no schema: it is a
status change in the timeline.
"""

import sqlalchemy as sa
from alembic import op

from legaldesk.db import UTCDateTime

# revision identifiers, used by Alembic.
revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=10), server_default="draw", nullable=False)
        )
        batch_op.add_column(sa.Column("assigned_by_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("released_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_draws_assigned_by_id_users"), "users", ["assigned_by_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_draws_released_by_id_users"), "users", ["released_by_id"], ["id"]
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_draws_kind"), "kind IN ('draw', 'assigned', 'claim')"
        )
    op.create_table(
        "hand_back_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("lawyer_id", sa.Integer(), nullable=False),
        sa.Column("asked_by_id", sa.Integer(), nullable=False),
        sa.Column("asked_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=500), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("answered_by_id", sa.Integer(), nullable=True),
        sa.Column("answered_at", UTCDateTime(timezone=True), nullable=True),
        sa.Column("answer", sa.String(length=500), nullable=False),
        sa.CheckConstraint(
            "state IN ('pending', 'reassigned', 'sent_back', 'refused')",
            name=op.f("ck_hand_back_requests_state"),
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_hand_back_requests_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lawyer_id"], ["lawyers.id"], name=op.f("fk_hand_back_requests_lawyer_id_lawyers")
        ),
        sa.ForeignKeyConstraint(
            ["asked_by_id"], ["users.id"], name=op.f("fk_hand_back_requests_asked_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["answered_by_id"],
            ["users.id"],
            name=op.f("fk_hand_back_requests_answered_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_hand_back_requests")),
    )
    op.create_index(
        op.f("ix_hand_back_requests_consultation_id"),
        "hand_back_requests",
        ["consultation_id"],
        unique=False,
    )


def downgrade():
    op.drop_index(op.f("ix_hand_back_requests_consultation_id"), table_name="hand_back_requests")
    op.drop_table("hand_back_requests")
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_draws_kind"), type_="check")
        batch_op.drop_constraint(batch_op.f("fk_draws_released_by_id_users"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("fk_draws_assigned_by_id_users"), type_="foreignkey")
        batch_op.drop_column("released_by_id")
        batch_op.drop_column("assigned_by_id")
        batch_op.drop_column("kind")
