"""Party keys: each enterprise's and counterparty's name as conflict checks compare it

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-01 09:00:00

Issue 14 (routing a case in under 20 ms at a million cases). A conflict check asks
which lawyers acted for or against the case's parties before. It read every case
each lawyer ever had, with its parties, and normalised every name (OpenCC, company
forms) on each draw. Now the normalised name is stored beside each name and indexed,
so the check reads only the earlier cases of those parties. The keys of the rows
already there are computed here, by the code's own normaliser.
"""

import sqlalchemy as sa
from alembic import op

from legaldesk.partykey import normalise_party

# revision identifiers, used by Alembic.
revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None

TABLES = ("enterprises", "counterparties")
BATCH = 5000


def _fill(bind: sa.Connection, table: str) -> None:
    """The key of every row, a batch at a time in id order."""
    rows = sa.table(table, sa.column("id"), sa.column("name"), sa.column("party_key"))
    after = 0
    while True:
        batch = bind.execute(
            sa.select(rows.c.id, rows.c.name)
            .where(rows.c.id > after)
            .order_by(rows.c.id)
            .limit(BATCH)
        ).all()
        if not batch:
            return
        bind.execute(
            rows.update().where(rows.c.id == sa.bindparam("row_id")),
            [{"row_id": id_, "party_key": normalise_party(name or "")} for id_, name in batch],
        )
        after = batch[-1][0]


def upgrade():
    bind = op.get_bind()
    for table in TABLES:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(
                sa.Column("party_key", sa.String(length=200), server_default="", nullable=False)
            )
        _fill(bind, table)
        op.create_index(op.f(f"ix_{table}_party_key"), table, ["party_key"])


def downgrade():
    for table in TABLES:
        op.drop_index(op.f(f"ix_{table}_party_key"), table_name=table)
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("party_key")
