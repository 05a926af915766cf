"""SQLite triggers against double bookings; the years whose official calendar is entered

Revision ID: 0012
Revises: 0008
Create Date: 2026-11-26 19:30:00

"""
from alembic import op
import sqlalchemy as sa

import legaldesk.db
from legaldesk.mediation.models import SQLITE_CLASH_TRIGGERS


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    if op.get_bind().dialect.name == 'sqlite':
        for statement in SQLITE_CLASH_TRIGGERS:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('DROP TRIGGER IF EXISTS tr_bookings_no_clash_update')
        op.execute('DROP TRIGGER IF EXISTS tr_bookings_no_clash_insert')
