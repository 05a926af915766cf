"""seal the audit chain with the audit key

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27 10:00:00

The chain so far was a plain SHA-256 chain (version 0), which anyone with write
access can recompute. Upgrading checks it first and refuses a broken one (an
unexplained break must be looked at before it is sealed over); then it seals every
entry with the instance's audit key (version 1), in order, each over the one before.
Downgrading checks the sealed chain the same way and writes plain hashes back.
"""
from alembic import op
import sqlalchemy as sa
from flask import current_app

import legaldesk.db
from legaldesk.audit import rules


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

entries = sa.table(
    'audit_entries',
    sa.column('id', sa.Integer),
    sa.column('seq', sa.Integer),
    sa.column('at', legaldesk.db.UTCDateTime),
    sa.column('actor_id', sa.Integer),
    sa.column('actor', sa.String),
    sa.column('action', sa.String),
    sa.column('object_type', sa.String),
    sa.column('object_id', sa.String),
    sa.column('detail', sa.Text),
    sa.column('prev_hash', sa.String),
    sa.column('hash', sa.String),
    sa.column('mac_version', sa.SmallInteger),
)


class _Entry:
    """A row as the pure rules read it."""

    def __init__(self, row, mac_version):
        self.__dict__.update(row._mapping)
        self.mac_version = mac_version


def _rows(connection, batch=1000):
    last = 0
    while True:
        rows = connection.execute(
            sa.select(*[c for c in entries.c if c.name != 'mac_version'])
            .where(entries.c.seq > last)
            .order_by(entries.c.seq)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def _reseal(from_version, check, to_version, seal):
    """Walk the chain checking each entry with ``check``, and seal it anew with ``seal``."""
    connection = op.get_bind()
    old_prev = new_prev = rules.GENESIS
    expected = 1
    for row in _rows(connection):
        entry = _Entry(row, from_version)
        if entry.seq != expected or entry.prev_hash != old_prev or check(entry) != entry.hash:
            raise RuntimeError(
                f"audit chain broken at entry seq={expected} (id={entry.id}); "
                "not resealed: look into it with `flask desk audit-verify` on the old version"
            )
        old_prev = entry.hash
        entry.prev_hash, entry.mac_version = new_prev, to_version
        new_prev = seal(entry)
        connection.execute(
            entries.update()
            .where(entries.c.id == entry.id)
            .values(prev_hash=entry.prev_hash, hash=new_prev)
        )
        expected += 1


def _key():
    return str(current_app.config['AUDIT_KEY']).encode('utf-8')


def upgrade():
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('mac_version', sa.SmallInteger(), nullable=True))
    key = _key()
    _reseal(0, rules.entry_hash, rules.MAC_VERSION, lambda e: rules.entry_mac(e, key))
    op.execute(entries.update().values(mac_version=rules.MAC_VERSION))
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.alter_column('mac_version', existing_type=sa.SmallInteger(), nullable=False)


def downgrade():
    key = _key()
    _reseal(rules.MAC_VERSION, lambda e: rules.entry_mac(e, key), 0, rules.entry_hash)
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_column('mac_version')
