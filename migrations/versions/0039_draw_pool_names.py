"""A round keeps its pool's names as they were when it was committed

Revision ID: 0039
Revises: 0038
Create Date: 2026-11-28 06:30:00

Issue 15 item 3. The public record of a draw named its pool from the directory as it
is now, so a lawyer renamed after the draw changed a record witnesses had printed.
Each round now keeps the names it was committed with. Rounds committed before this
migration are given the names the directory has today: the nearest there is.
"""

import json

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0039"
down_revision = "0038"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pool_names", sa.JSON(), nullable=True))
    connection = op.get_bind()
    names = dict(connection.execute(sa.text("SELECT id, name FROM lawyers")).all())
    draws = sa.table("draws", sa.column("id", sa.Integer), sa.column("pool_names", sa.JSON))
    rounds = connection.execute(
        sa.text(
            "SELECT id, pool FROM draws WHERE pool IS NOT NULL AND kind IN ('draw', 'mediator')"
        )
    ).all()
    for draw_id, pool in rounds:
        members = json.loads(pool) if isinstance(pool, str) else pool
        kept = {str(member): names.get(member, "") for member in members or []}
        connection.execute(draws.update().where(draws.c.id == draw_id).values(pool_names=kept))


def downgrade():
    with op.batch_alter_table("draws", schema=None) as batch_op:
        batch_op.drop_column("pool_names")
