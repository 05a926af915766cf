"""Reference data kept in pages: closing codes and rooms can be retired and ordered

Revision ID: 0022
Revises: 0019
Create Date: 2026-11-27 07:50:00

Issue 13, item 5: the center adds, renames and retires categories, closing codes and
rooms in pages. Categories already had ``active`` and ``position``; closing codes
gain both (a retired code is no longer offered when closing a case, while old cases
keep showing it), and rooms gain ``active`` (a retired room takes no new bookings).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("closing_codes") as batch:
        batch.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))
    with op.batch_alter_table("rooms") as batch:
        batch.add_column(sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()))


def downgrade():
    with op.batch_alter_table("rooms") as batch:
        batch.drop_column("active")
    with op.batch_alter_table("closing_codes") as batch:
        batch.drop_column("active")
        batch.drop_column("position")
