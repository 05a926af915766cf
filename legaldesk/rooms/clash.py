"""Bookings that cannot clash: the database has the last word on both engines.

Every write (a booking, a series, a move) flushes inside a savepoint: on PostgreSQL
the exclusion constraints refuse a clash that a concurrent request slipped in after
our check, and the clash is then looked up and named; on SQLite the whole
transaction is an immediate write transaction, so the check cannot be overtaken.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from legaldesk.actor import Actor
from legaldesk.db import DbSession
from legaldesk.errors import Conflict
from legaldesk.messages import N_, Msg
from legaldesk.rooms import access
from legaldesk.rooms.models import Booking, Room
from legaldesk.rooms.rules import Slot


class BookingConflict(Conflict):
    code = "booking_conflict"
    default_message = Msg(N_("This time clashes with another booking."))


def find_clash(
    session: DbSession,
    room: Room,
    slot: Slot,
    mediator_id: int | None,
    excluding: int | None = None,
) -> Booking | None:
    """The first active booking this slot collides with (room, or mediator anywhere)."""
    blocked_until = slot.ends_at + timedelta(minutes=room.buffer_minutes)
    in_room = sa.and_(
        Booking.room_id == room.id,
        Booking.starts_at < blocked_until,
        slot.starts_at < Booking.blocked_until,
    )
    with_mediator = (
        sa.and_(
            Booking.mediator_id == mediator_id,
            Booking.starts_at < slot.ends_at,
            slot.starts_at < Booking.ends_at,
        )
        if mediator_id
        else sa.false()
    )
    query = sa.select(Booking).where(Booking.cancelled_at.is_(None), sa.or_(in_room, with_mediator))
    if excluding is not None:
        query = query.where(Booking.id != excluding)
    return session.scalar(query.order_by(Booking.id).limit(1))


def describe(session: DbSession, actor: Actor, booking: Booking, zone: ZoneInfo) -> str:
    """The booking's number, title and time; no title for one whose case the actor
    may not read (a clash must not tell them what the other booking is about)."""
    start = booking.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    title = f" {booking.title}" if access.may_see(session, actor, booking) else ""
    return f"#{booking.id}{title} {start}-{booking.ends_at.astimezone(zone):%H:%M}"


def clash_error(
    session: DbSession, actor: Actor, clash: Booking, zone: ZoneInfo
) -> BookingConflict:
    named = describe(session, actor, clash, zone)
    return BookingConflict(
        Msg(N_("This time clashes with booking %(booking)s."), {"booking": named}),
        fields={"booking": [Msg(named)]},
    )


def flush_guarded(session: DbSession, rows: list[Any], on_clash: Any, change: Any = None) -> None:
    """Make ``change()`` (if any) and flush in a savepoint; a clash the database
    refuses becomes ``on_clash()``, which must not touch the refused rows."""
    try:
        with session.begin_nested():
            if change is not None:
                change()
            session.add_all(rows)
            session.flush()
    except IntegrityError as error:
        raised = on_clash() or (BookingConflict() if is_clash(error) else None)
        if raised is None:
            raise
        raise raised from error


def is_clash(error: IntegrityError) -> bool:
    """The database's own refusal of a double booking: PostgreSQL's exclusion
    constraints (ex_bookings_*) or SQLite's triggers (booking_conflict_*)."""
    return any(name in str(error.orig) for name in ("ex_bookings_", "booking_conflict_"))
