"""Mediators drawn by lot: a draw round of kind ``mediator``

Revision ID: 0038
Revises: 0037
Create Date: 2026-11-28 04:20:00

Issue 15 item 4. A mediation's mediator is drawn the way a case's lawyer is (a round
committed first, drawn with a witness's or a lottery's number), from the neutral
mediators: such a round is kept with the case's other rounds as kind ``mediator``.
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0038"
down_revision = "0037"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_draws_kind"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_draws_kind"), "kind IN ('draw', 'assigned', 'claim', 'mediator')"
        )


def downgrade():
    op.execute("DELETE FROM draws WHERE kind = 'mediator'")
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_draws_kind"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_draws_kind"), "kind IN ('draw', 'assigned', 'claim')"
        )
