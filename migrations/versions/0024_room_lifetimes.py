"""When each room was added and retired

Revision ID: 0024
Revises: 0023
Create Date: 2026-11-29 09:00:00

Issue 13, item 1: room use counts a room open only on the days it existed, so rooms
gain ``created_at`` and ``retired_at`` (set while ``active`` is false).

Backfill of ``created_at``, for rooms made before it was kept:
- a room added in the pages (migration 0022 on) has a ``room.add`` audit entry in
  the same transaction: its time is exact;
- any other room came with the desk's setup (the demo, a script), before the audit
  log knew rooms: it counts from the desk's first audit entry, or from its own first
  booking (start or entry) if that is earlier, or from now on a desk with neither.
  Its first booking alone would be too late: an unused first month would vanish
  from its hours open instead of showing as unused.

Backfill of ``retired_at`` for inactive rooms: the time of their last ``room.retire``
audit entry (the last change of ``active``, as the room is still retired), else, for
a room made inactive by hand, the migration time.
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from legaldesk.db import UTCDateTime

# revision identifiers, used by Alembic.
revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

rooms = sa.table(
    "rooms",
    sa.column("id", sa.Integer),
    sa.column("active", sa.Boolean),
    sa.column("created_at", UTCDateTime),
    sa.column("retired_at", UTCDateTime),
)
bookings = sa.table(
    "bookings",
    sa.column("room_id", sa.Integer),
    sa.column("starts_at", UTCDateTime),
    sa.column("created_at", UTCDateTime),
)
audit = sa.table(
    "audit_entries",
    sa.column("at", UTCDateTime),
    sa.column("action", sa.String),
    sa.column("object_type", sa.String),
    sa.column("object_id", sa.String),
)


def _entries(bind, action: str, pick) -> dict[str, datetime]:
    """The first or last time of ``action`` for each room, by the room's id as text."""
    return dict(
        bind.execute(
            sa.select(audit.c.object_id, pick(audit.c.at))
            .where(audit.c.action == action, audit.c.object_type == "room")
            .group_by(audit.c.object_id)
        ).all()
    )


def _backfill(bind) -> None:
    now = datetime.now(UTC)
    added = _entries(bind, "room.add", sa.func.min)
    retired = _entries(bind, "room.retire", sa.func.max)
    desk_began = bind.execute(sa.select(sa.func.min(audit.c.at))).scalar()
    first_booking = {
        room_id: min(start, entered)
        for room_id, start, entered in bind.execute(
            sa.select(
                bookings.c.room_id,
                sa.func.min(bookings.c.starts_at),
                sa.func.min(bookings.c.created_at),
            ).group_by(bookings.c.room_id)
        )
    }
    for room_id, active in bind.execute(sa.select(rooms.c.id, rooms.c.active)).all():
        known = [desk_began, first_booking.get(room_id), now]
        created = added.get(str(room_id)) or min(t for t in known if t is not None)
        values = {"created_at": created}
        if not active:
            values["retired_at"] = max(retired.get(str(room_id)) or now, created)
        bind.execute(rooms.update().where(rooms.c.id == room_id).values(**values))


def upgrade():
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.add_column(sa.Column("created_at", UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("retired_at", UTCDateTime(timezone=True), nullable=True))
    _backfill(op.get_bind())
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.alter_column(
            "created_at", existing_type=UTCDateTime(timezone=True), nullable=False
        )


def downgrade():
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.drop_column("retired_at")
        batch_op.drop_column("created_at")
