"""SQLite triggers against double bookings; the years whose official calendar is entered

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 19:30:00

"""

from alembic import op
import sqlalchemy as sa

import legaldesk.db


# revision identifiers, used by Alembic.
revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# The SQL as this migration first wrote it (a migration is history: it must not
# replay a later edit of rooms/models.py's triggers). Both triggers share their body.
_NO_CLASH = (
    "FOR EACH ROW WHEN NEW.cancelled_at IS NULL BEGIN SELECT RAISE(ABORT, "
    "'booking_conflict_room') WHERE EXISTS (SELECT 1 FROM bookings b WHERE "
    "b.cancelled_at IS NULL AND b.id IS NOT NEW.id AND julianday(b.starts_at) < "
    "julianday(NEW.blocked_until) AND julianday(NEW.starts_at) < "
    "julianday(b.blocked_until) AND b.room_id = NEW.room_id); SELECT RAISE(ABORT, "
    "'booking_conflict_mediator') WHERE NEW.mediator_id IS NOT NULL AND EXISTS "
    "(SELECT 1 FROM bookings b WHERE b.cancelled_at IS NULL AND b.id IS NOT NEW.id "
    "AND julianday(b.starts_at) < julianday(NEW.ends_at) AND "
    "julianday(NEW.starts_at) < julianday(b.ends_at) AND b.mediator_id = "
    "NEW.mediator_id); END"
)
SQLITE_CLASH_TRIGGERS = (
    "CREATE TRIGGER tr_bookings_no_clash_insert BEFORE INSERT ON bookings " + _NO_CLASH,
    "CREATE TRIGGER tr_bookings_no_clash_update BEFORE UPDATE OF starts_at, ends_at, "
    "blocked_until, room_id, mediator_id, cancelled_at ON bookings " + _NO_CLASH,
)


def upgrade():
    op.create_table(
        "calendar_years",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("confirmed_at", legaldesk.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("confirmed_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["confirmed_by_id"], ["users.id"], name=op.f("fk_calendar_years_confirmed_by_id_users")
        ),
        sa.PrimaryKeyConstraint("year", name=op.f("pk_calendar_years")),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_CLASH_TRIGGERS:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS tr_bookings_no_clash_update")
        op.execute("DROP TRIGGER IF EXISTS tr_bookings_no_clash_insert")
    op.drop_table("calendar_years")
