"""Bookings: book one, move, cancel, record attendance; a room's settings.

Each write is checked against the room, the calendar and the other bookings here,
then flushed through ``clash.flush_guarded``, so the database has the last word
(see rooms/clash.py). Series are booked by ``rooms.series``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk import signals
from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.auth.rules import may_book_in_the_past
from legaldesk.db import DbSession
from legaldesk.errors import Conflict, FieldErrors, Forbidden, field_error
from legaldesk.messages import N_, Msg
from legaldesk.rooms import access, clash, requests
from legaldesk.rooms.models import Booking, Room
from legaldesk.rooms.room_rules import ROOM_RETIRED, check_settings
from legaldesk.rooms.rules import (
    ATTENDANCE,
    Slot,
    check_horizon,
    check_no_attendance,
    check_not_past,
    check_slot,
    has_started,
    room_hours,
)
from legaldesk.routing.models import Lawyer
from legaldesk.validation import MAX_ROW_ID, row_id, text


def load_room(session: DbSession, room_id: int) -> Room:
    """The room a body names: an unknown one is a field error (422), not a 404, and
    so is a retired one (it takes no new bookings, nor moves into it). The row is
    locked until the commit, so a retirement cannot slip in between (admin.py)."""
    room = (
        session.get(Room, room_id, with_for_update=True, populate_existing=True)
        if 0 < room_id <= MAX_ROW_ID
        else None
    )
    if room is None:
        raise field_error("room_id", requests.CHOOSE)
    if not room.active:
        raise field_error("room_id", Msg(ROOM_RETIRED))
    return room


def check_references(session: DbSession, actor: Actor, request: requests.BookingRequest) -> None:
    """The mediator a booking names is one the actor may name, and exists: 422 naming
    the field, never the database's foreign-key error. (The case is checked by
    ``access.case_to_tie``, which answers an unknown and an unreadable reference alike.)"""
    access.check_mediator(actor, request.mediator_id)
    if request.mediator_id is not None and session.get(Lawyer, request.mediator_id) is None:
        raise field_error("mediator_id", requests.CHOOSE)


def check_for_room(
    slot: Slot, room: Room, attendees: int, zone: ZoneInfo, calendar: dict, now: datetime
) -> None:
    check_horizon(slot, now.astimezone(zone).date(), zone)
    check_slot(slot, zone, calendar, attendees, room.capacity, hours=room_hours(room.opening_hours))


def check_start(actor: Actor, now: datetime, slot: Slot, reason: str) -> None:
    check_not_past(slot, now, may_book_in_the_past(actor), reason)


def new_booking(
    actor: Actor,
    now: datetime,
    request: requests.BookingRequest,
    room: Room,
    slot: Slot,
    consultation_id: int | None,
) -> Booking:
    """An unsaved booking of ``slot`` (one occurrence of the request)."""
    return Booking(
        room_id=room.id,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        blocked_until=slot.ends_at + timedelta(minutes=room.buffer_minutes),
        title=request.title,
        purpose=request.purpose,
        consultation_id=consultation_id,
        mediator_id=request.mediator_id,
        attendees=request.attendees,
        participants=request.participants,
        created_by_id=actor.id,
        created_at=now,
    )


def book(
    session: DbSession, actor: Actor, now: datetime, raw: Any, zone: ZoneInfo, calendar: dict
) -> Booking:
    """One booking, or BookingConflict naming the booking it would clash with."""
    if not permissions.may_book_rooms(actor):
        raise Forbidden()
    request = requests.parse_request(raw)
    room = load_room(session, request.room_id)
    case = access.case_to_tie(session, actor, request.consultation)
    check_references(session, actor, request)
    check_for_room(request.slot, room, request.attendees, zone, calendar, now)
    check_start(actor, now, request.slot, request.past_reason)
    taken = clash.find_clash(session, room, request.slot, request.mediator_id)
    if taken is not None:
        raise clash.clash_error(session, actor, taken, zone)
    booking = new_booking(actor, now, request, room, request.slot, case.id if case else None)

    def named_clash() -> clash.BookingConflict | None:
        found = clash.find_clash(session, room, request.slot, request.mediator_id)
        return clash.clash_error(session, actor, found, zone) if found else None

    clash.flush_guarded(session, [booking], named_clash)
    detail = with_reason({"room": room.id}, request.past_reason, request.slot.starts_at < now)
    audit.record(session, actor, now, "booking.create", "booking", booking.id, detail)
    return booking


def with_reason(detail: dict, reason: str, needed: bool) -> dict:
    """An audit detail, with why a session that had begun was booked, moved or
    cancelled (``needed``: it had)."""
    return {**detail, "past_reason": reason} if needed else detail


def cancel(
    session: DbSession,
    actor: Actor,
    now: datetime,
    booking: Booking,
    following: bool = False,
    reason: Any = None,
) -> list[Booking]:
    """Free the slot (and, with ``following``, every later one of its series).

    A booking that has begun only by a manager with a reason (``check_not_started``);
    "and the following" never takes a later date that has begun too: the manager
    gave a reason for this one. Cancelled bookings stay, with their attendance, as
    CANCELLED events in calendar feeds.
    """
    if not access.may_change(session, actor, booking):
        raise Forbidden()
    why = access.change_reason(reason)
    access.check_unfrozen(actor, now, booking, why)
    targets = [booking]
    if following and booking.series_id is not None:
        targets += session.scalars(
            sa.select(Booking)
            .where(
                Booking.series_id == booking.series_id,
                Booking.id != booking.id,
                Booking.starts_at >= booking.starts_at,
                Booking.starts_at > now,
            )
            .order_by(Booking.starts_at)
            .with_for_update()
        )
    cancelled = [b for b in targets if b.cancelled_at is None]
    for target in cancelled:
        begun = has_started(target.starts_at, now)
        target.cancelled_at, target.updated_at = now, now
        target.sequence += 1
        detail = with_reason({}, why, begun) or None
        audit.record(session, actor, now, "booking.cancel", "booking", target.id, detail)
    return cancelled


def reschedule(
    session: DbSession,
    actor: Actor,
    now: datetime,
    booking: Booking,
    raw: Any,
    zone: ZoneInfo,
    calendar: dict,
) -> Booking:
    """Move a booking in one step: it is in its new slot, or (on any error) untouched.

    One that has begun only by a manager with a reason, and never while its
    attendance is recorded (``check_no_attendance`` says why).
    """
    raw = raw if isinstance(raw, dict) else {}
    if booking.cancelled_at is not None:
        raise Conflict(Msg(N_("This booking was cancelled.")))
    reason = access.change_reason(raw.get("past_reason"))
    access.check_unfrozen(actor, now, booking, reason)
    check_no_attendance(booking.attendance)
    begun = has_started(booking.starts_at, now)
    errors = FieldErrors()
    starts_at = requests.parse_when(errors, raw.get("starts_at"), "starts_at")
    ends_at = requests.parse_when(errors, raw.get("ends_at"), "ends_at")
    room_id = row_id(errors, raw.get("room_id", booking.room_id), "room_id")
    errors.raise_if_any()
    room = load_room(session, room_id or 0)  # None raised above
    assert starts_at is not None and ends_at is not None  # field errors, raised above
    slot = Slot(starts_at, ends_at)
    check_for_room(slot, room, booking.attendees, zone, calendar, now)
    check_start(actor, now, slot, reason)
    taken = clash.find_clash(session, room, slot, booking.mediator_id, excluding=booking.id)
    if taken is not None:
        raise clash.clash_error(session, actor, taken, zone)
    before, booking_id, mediator_id = booking.starts_at.isoformat(), booking.id, booking.mediator_id

    def change() -> None:
        booking.room_id, booking.starts_at, booking.ends_at = room.id, starts_at, ends_at
        booking.blocked_until = ends_at + timedelta(minutes=room.buffer_minutes)
        booking.sequence += 1
        booking.updated_at = now

    def named_clash() -> clash.BookingConflict | None:
        found = clash.find_clash(session, room, slot, mediator_id, excluding=booking_id)
        return clash.clash_error(session, actor, found, zone) if found else None

    clash.flush_guarded(session, [booking], named_clash, change)
    audit.record(
        session,
        actor,
        now,
        "booking.reschedule",
        "booking",
        booking.id,
        with_reason(
            {"from": before, "to": starts_at.isoformat(), "room": room.id},
            reason,
            begun or slot.starts_at < now,
        ),
    )
    return booking


def record_attendance(
    session: DbSession, actor: Actor, now: datetime, booking: Booking, raw: Any, note: Any = ""
) -> Booking:
    """After a session has begun: held, no_show (unexcused) or excused.

    An unexcused no-show at a mediation session of a case is announced
    (``signals.booking_no_show``): the mediation wing fails that mediation.
    """
    errors = FieldErrors()
    if raw not in ATTENDANCE:
        errors.add("attendance", requests.CHOOSE)
    note_text = text(errors, note, "attendance_note", 500, required=False)
    errors.raise_if_any()
    if booking.cancelled_at is not None:
        raise Conflict(Msg(N_("This booking was cancelled.")))
    if now < booking.starts_at:
        raise Conflict(Msg(N_("Attendance can be recorded once the booking has begun.")))
    booking.attendance, booking.attendance_note, booking.updated_at = raw, note_text, now
    audit.record(session, actor, now, "booking.attendance", "booking", booking.id, {"was": raw})
    if raw == "no_show" and booking.purpose == "mediation_session" and booking.consultation_id:
        signals.booking_no_show.send(booking, session=session, actor=actor, now=now)
    return booking


def update_room(session: DbSession, actor: Actor, now: datetime, room: Room, raw: dict) -> None:
    """Seats, opening hours and buffer (coordinators); new bookings and moves use them."""
    if not permissions.may_manage_rooms(actor):
        raise Forbidden()
    errors = FieldErrors()
    settings = check_settings(errors, raw)
    errors.raise_if_any()
    before = {"capacity": room.capacity, "buffer": room.buffer_minutes, "hours": room.opening_hours}
    after = {
        "capacity": settings.capacity,
        "buffer": settings.buffer_minutes,
        "hours": settings.opening_hours,
    }
    changed = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
    if not changed:  # saved as it was: nothing happened, nothing to record
        return
    room.capacity, room.buffer_minutes = settings.capacity, settings.buffer_minutes
    room.opening_hours = settings.opening_hours
    # Before and after, as the other audited changes record them.
    audit.record(session, actor, now, "room.settings", "room", room.id, changed)
