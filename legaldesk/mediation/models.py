"""The center's four areas, each a bookable room."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from legaldesk.db import UTCDateTime, db

ROOM_KINDS = ("consultation_window", "mediation", "legal_education", "legislative_contact")


class Room(db.Model):
    __tablename__ = "rooms"
    __table_args__ = (
        sa.CheckConstraint(
            "kind IN ('consultation_window', 'mediation', 'legal_education', "
            "'legislative_contact')",
            name="kind",
        ),
        sa.CheckConstraint("capacity > 0", name="capacity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    name_en: Mapped[str] = mapped_column(sa.String(100), default="")
    kind: Mapped[str] = mapped_column(sa.String(30))
    capacity: Mapped[int] = mapped_column(default=10)
    # Minutes kept free after each booking (cleaning, the next party arriving).
    buffer_minutes: Mapped[int] = mapped_column(default=0, server_default="0")


class Booking(db.Model):
    """A room (and perhaps a mediator) for [starts_at, ends_at).

    The database refuses a clash: on PostgreSQL two exclusion constraints (room,
    and mediator across rooms) over [starts_at, blocked_until); on SQLite the check
    and the insert share one immediate write transaction.
    """

    __tablename__ = "bookings"
    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="order"),
        sa.CheckConstraint("blocked_until >= ends_at", name="buffer"),
        sa.Index("ix_bookings_room_time", "room_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    room_id: Mapped[int] = mapped_column(sa.ForeignKey("rooms.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    blocked_until: Mapped[datetime] = mapped_column(UTCDateTime)  # ends_at + the room's buffer
    title: Mapped[str] = mapped_column(sa.String(200))
    purpose: Mapped[str] = mapped_column(sa.String(30), default="appointment")
    consultation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("consultations.id"))
    mediator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("lawyers.id"))
    attendees: Mapped[int] = mapped_column(default=1)
    sequence: Mapped[int] = mapped_column(default=0)  # iCalendar SEQUENCE, raised on change
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    room: Mapped[Room] = relationship()


# PostgreSQL only (SQLite has no exclusion constraints): created with the table, and
# by migration 0005.
NO_ROOM_CLASH = (
    "ALTER TABLE bookings ADD CONSTRAINT ex_bookings_room EXCLUDE USING gist "
    "(room_id WITH =, tstzrange(starts_at, blocked_until, '[)') WITH &&) "
    "WHERE (cancelled_at IS NULL)"
)
NO_MEDIATOR_CLASH = (
    "ALTER TABLE bookings ADD CONSTRAINT ex_bookings_mediator EXCLUDE USING gist "
    "(mediator_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&) "
    "WHERE (cancelled_at IS NULL AND mediator_id IS NOT NULL)"
)
for statement in ("CREATE EXTENSION IF NOT EXISTS btree_gist", NO_ROOM_CLASH, NO_MEDIATOR_CLASH):
    sa.event.listen(
        Booking.__table__, "after_create", sa.DDL(statement).execute_if(dialect="postgresql")
    )
