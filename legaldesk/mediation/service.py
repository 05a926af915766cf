"""Bookings that cannot clash: the database has the last word on both engines."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from legaldesk.audit import service as audit
from legaldesk.errors import Conflict, FieldErrors, Forbidden, NotFound
from legaldesk.mediation.models import Booking, Room
from legaldesk.mediation.rules import PURPOSES, Slot, check_slot
from legaldesk.messages import N_, Msg
from legaldesk.validation import text

BOOKERS = ("intake", "lawyer", "coordinator", "admin")


class BookingConflict(Conflict):
    code = "booking_conflict"
    default_message = Msg(N_("This time clashes with another booking."))


def _when(errors: FieldErrors, raw: Any, name: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        errors.add(
            name, Msg(N_("A date and time with its offset, e.g. 2026-11-30T10:00:00+08:00."))
        )
        return None
    return value


def _clash(
    session: Session, room: Room, slot: Slot, blocked_until: datetime, mediator_id: int | None
) -> Booking | None:
    """The first active booking this slot collides with (room, or mediator anywhere)."""
    active = Booking.cancelled_at.is_(None)
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
    return session.scalar(
        sa.select(Booking)
        .where(active, sa.or_(in_room, with_mediator))
        .order_by(Booking.id)
        .limit(1)
    )


def _conflict(clash: Booking, zone: ZoneInfo) -> BookingConflict:
    start = clash.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    end = clash.ends_at.astimezone(zone).strftime("%H:%M")
    named = f"#{clash.id} {clash.title} {start}-{end}"
    return BookingConflict(
        Msg(N_("This time clashes with booking %(booking)s."), {"booking": named}),
        fields={"booking": [Msg(named)]},
    )


def book(
    session: Session, actor: Any, now: datetime, raw: Any, zone: ZoneInfo, calendar: dict
) -> Booking:
    if actor.role not in BOOKERS:
        raise Forbidden()
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    room_id = raw.get("room_id")
    if not isinstance(room_id, int) or isinstance(room_id, bool):
        errors.add("room_id", Msg(N_("Choose one of the listed options.")))
    starts_at, ends_at = (
        _when(errors, raw.get("starts_at"), "starts_at"),
        _when(errors, raw.get("ends_at"), "ends_at"),
    )
    title = text(errors, raw.get("title"), "title", 200, required=True)
    purpose = raw.get("purpose") or "appointment"
    if purpose not in PURPOSES:
        errors.add("purpose", Msg(N_("Choose one of the listed options.")))
    attendees = raw.get("attendees", 1)
    if not isinstance(attendees, int) or isinstance(attendees, bool) or attendees < 1:
        errors.add("attendees", Msg(N_("Enter a whole number.")))
        attendees = 1
    mediator_id = raw.get("mediator_id")
    if mediator_id is not None and (
        not isinstance(mediator_id, int) or isinstance(mediator_id, bool)
    ):
        errors.add("mediator_id", Msg(N_("Choose one of the listed options.")))
        mediator_id = None
    errors.raise_if_any()
    room = session.get(Room, room_id) if 0 < room_id < 2**31 else None
    if room is None:
        raise NotFound()
    slot = Slot(starts_at, ends_at)
    check_slot(slot, zone, calendar, attendees, room.capacity)
    consultation_id = None
    if raw.get("consultation"):
        from legaldesk.cases.service import load_case

        case = load_case(session, str(raw["consultation"]))
        if case is None:
            raise NotFound()
        consultation_id = case.id
    blocked_until = ends_at + timedelta(minutes=room.buffer_minutes)
    clash = _clash(session, room, slot, blocked_until, mediator_id)
    if clash is not None:
        raise _conflict(clash, zone)
    booking = Booking(
        room_id=room.id,
        starts_at=starts_at,
        ends_at=ends_at,
        blocked_until=blocked_until,
        title=title,
        purpose=purpose,
        consultation_id=consultation_id,
        mediator_id=mediator_id,
        attendees=attendees,
        created_by_id=actor.id,
        created_at=now,
    )
    try:
        with session.begin_nested():  # PostgreSQL's exclusion constraints decide races
            session.add(booking)
            session.flush()
    except IntegrityError:
        clash = _clash(session, room, slot, blocked_until, mediator_id)
        if clash is None:
            raise
        raise _conflict(clash, zone) from None
    audit.record(session, actor, now, "booking.create", "booking", booking.id, {"room": room.id})
    return booking


def cancel(session: Session, actor: Any, now: datetime, booking: Booking) -> None:
    """Free the slot; the booking stays, CANCELLED in calendar feeds."""
    if actor.role not in ("coordinator", "admin") and booking.created_by_id != actor.id:
        raise Forbidden()
    if booking.cancelled_at is None:
        booking.cancelled_at, booking.sequence = now, booking.sequence + 1
        audit.record(session, actor, now, "booking.cancel", "booking", booking.id)


def room_bookings(session: Session, room: Room) -> list[Booking]:
    return list(
        session.scalars(
            sa.select(Booking).where(Booking.room_id == room.id).order_by(Booking.starts_at)
        )
    )
