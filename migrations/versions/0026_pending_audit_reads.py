"""audit reads written pending, sealed in batches

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-01 09:00:00

Issue 14, item 2: a read (rules.READ_ACTIONS) is written pending, with no ``seq`` and
no link yet and a MAC of its own (``mac_version`` 2), and the scheduler seals it into
the chain later. ``seq`` and ``prev_hash`` may therefore be empty, both or neither
(a check constraint), and a partial index keeps the sealer's queue. Existing entries
are all sealed and stay as they are.

Downgrading seals every pending entry first (in id order, after checking its own
MAC; a pending entry that fails it stops the downgrade, naming it), since the old
version knows only sealed entries. Like the upgrade to 0012, it needs the audit key.
"""

import sqlalchemy as sa
from alembic import op
from flask import current_app

import legaldesk.db
from legaldesk.audit import rules

# revision identifiers, used by Alembic.
revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None

entries = sa.table(
    "audit_entries",
    sa.column("id", sa.Integer),
    sa.column("seq", sa.Integer),
    sa.column("at", legaldesk.db.UTCDateTime),
    sa.column("actor_id", sa.Integer),
    sa.column("actor", sa.String),
    sa.column("action", sa.String),
    sa.column("object_type", sa.String),
    sa.column("object_id", sa.String),
    sa.column("detail", sa.Text),
    sa.column("prev_hash", sa.String),
    sa.column("hash", sa.String),
    sa.column("mac_version", sa.SmallInteger),
)
PENDING = sa.text("seq IS NULL")


class _Entry:
    """A row as the pure rules read it."""

    def __init__(self, row):
        self.__dict__.update(row._mapping)


def upgrade():
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=True)
        batch_op.create_check_constraint(
            op.f("ck_audit_entries_pending_or_sealed"), "(seq IS NULL) = (prev_hash IS NULL)"
        )
        batch_op.create_index(
            "ix_audit_entries_pending",
            ["id"],
            unique=False,
            sqlite_where=PENDING,
            postgresql_where=PENDING,
        )


def _seal_pending(connection, key):
    """Seal every pending entry into the chain, in id order."""
    head = connection.execute(
        sa.select(entries.c.seq, entries.c.hash)
        .where(entries.c.seq.is_not(None))
        .order_by(entries.c.seq.desc())
        .limit(1)
    ).first()
    seq, prev = (head.seq, head.hash) if head else (0, rules.GENESIS)
    pending = connection.execute(
        sa.select(entries).where(entries.c.seq.is_(None)).order_by(entries.c.id)
    ).all()
    for row in pending:
        entry = _Entry(row)
        problem = rules.pending_problem(entry, key)
        if problem is not None:
            raise RuntimeError(
                f"audit entry pending sealing (id={entry.id}): {problem}; not sealed: "
                "look into it with `flask desk audit-verify`"
            )
        seq += 1
        rules.seal(entry, seq, prev, key)
        prev = entry.hash
        connection.execute(
            entries.update()
            .where(entries.c.id == entry.id)
            .values(
                seq=seq, prev_hash=entry.prev_hash, hash=entry.hash, mac_version=rules.MAC_VERSION
            )
        )


def downgrade():
    _seal_pending(op.get_bind(), str(current_app.config["AUDIT_KEY"]).encode("utf-8"))
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_index(
            "ix_audit_entries_pending", sqlite_where=PENDING, postgresql_where=PENDING
        )
        batch_op.drop_constraint(op.f("ck_audit_entries_pending_or_sealed"), type_="check")
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
