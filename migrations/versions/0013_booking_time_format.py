"""SQLite refuses booking times that are not in the stored form

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-27 14:00:00

SQLite keeps times as text. A time written by hand as '2026-11-27 01:00:00,000000'
(a comma) is NULL to julianday(), so the overlap triggers of 0011 let it through,
while Python still reads it; a time Python cannot read made the week view fail.
Two triggers now refuse any booking whose times are not in the form SQLAlchemy
writes. Rows already stored are not changed: the ones in another form are named in
the log here, and the pages skip a row they cannot read (with a warning).
PostgreSQL stores timestamptz and needs nothing.
"""

import logging

from alembic import op

from legaldesk.rooms.models import SQLITE_TIME_FORMAT_TRIGGERS, _stored_time

# revision identifiers, used by Alembic.
revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in SQLITE_TIME_FORMAT_TRIGGERS:
        op.execute(statement)
    checks = " AND ".join(
        _stored_time(column).replace("NEW.", "")
        for column in ("starts_at", "ends_at", "blocked_until")
    )
    odd = op.get_bind().exec_driver_sql(f"SELECT id FROM bookings WHERE NOT coalesce({checks}, 0)")
    ids = [row[0] for row in odd]
    if ids:
        log.warning("bookings with a time not in the stored form (check them by hand): %s", ids)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS tr_bookings_time_format_update")
        op.execute("DROP TRIGGER IF EXISTS tr_bookings_time_format_insert")
