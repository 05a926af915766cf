"""Party keys without Japanese company forms (株式会社, 有限会社, 合同会社)

Revision ID: 0032
Revises: 0031
Create Date: 2026-12-02 09:00:00

Conflict checks compare parties by a stored key (``legaldesk.partykey``). The key
dropped Chinese and Latin company forms but kept Japanese ones, so 株式会社日立製作所
and 日立製作所 were two parties and an earlier case of one raised no conflict for the
other. The keys of the names written with such a form are computed again here, by
the code's own normaliser; other keys are unchanged.
"""

import sqlalchemy as sa
from alembic import op

from legaldesk.partykey import normalise_party

# revision identifiers, used by Alembic.
revision = "0032"
down_revision = "0031"
branch_labels = None
depends_on = None

TABLES = ("enterprises", "counterparties")
# The forms as they may be typed (simplified or traditional 会/會).
MARKS = ("会社", "會社")


def _rekey(bind: sa.Connection, table: str) -> None:
    rows = sa.table(table, sa.column("id"), sa.column("name"), sa.column("party_key"))
    found = bind.execute(
        sa.select(rows.c.id, rows.c.name).where(sa.or_(*(rows.c.name.contains(m) for m in MARKS)))
    ).all()
    if found:
        bind.execute(
            rows.update().where(rows.c.id == sa.bindparam("row_id")),
            [{"row_id": id_, "party_key": normalise_party(name or "")} for id_, name in found],
        )


def upgrade():
    bind = op.get_bind()
    for table in TABLES:
        _rekey(bind, table)


def downgrade():
    """The keys stay as they are: the older code compares them the same way, save
    that it finds these parties under either name."""
