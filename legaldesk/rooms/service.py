"""Bookings that cannot clash: the database has the last word on both engines.

Every write (a booking, a series, a move) flushes inside a savepoint: on PostgreSQL
the exclusion constraints refuse a clash that a concurrent request slipped in after
our check, and the clash is then looked up and named; on SQLite the whole
transaction is an immediate write transaction, so the check cannot be overtaken.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from legaldesk.audit import service as audit
from legaldesk.auth.rules import may_book_in_the_past
from legaldesk.errors import Conflict, FieldErrors, Forbidden, field_error
from legaldesk.messages import N_, Msg
from legaldesk.rooms import access
from legaldesk.rooms.models import Booking, Room
from legaldesk.rooms.rules import (
    ATTENDANCE,
    FIRST_YEAR,
    PURPOSES,
    Slot,
    check_horizon,
    check_no_attendance,
    check_not_past,
    check_slot,
    format_hours,
    has_started,
    parse_hours,
    room_hours,
)
from legaldesk.routing.models import Lawyer
from legaldesk.validation import MAX_ROW_ID, is_whole, optional_email, row_id, text

BOOKERS = ("intake", "lawyer", "coordinator", "admin")
MANAGERS = ("coordinator", "admin")
CHOOSE = Msg(N_("Choose one of the listed options."))


class BookingConflict(Conflict):
    code = "booking_conflict"
    default_message = Msg(N_("This time clashes with another booking."))


@dataclass
class BookingRequest:
    """A booking's fields, checked for shape (not yet against the room or others)."""

    room_id: int
    slot: Slot
    title: str
    purpose: str
    attendees: int
    mediator_id: int | None
    consultation: str | None
    participants: list[dict]
    past_reason: str  # why a manager records a session that has begun (audited)


def parse_when(errors: FieldErrors, raw: Any, name: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        errors.add(
            name, Msg(N_("A date and time with its offset, e.g. 2026-11-30T10:00:00+08:00."))
        )
        return None
    odd_offset = value.year >= FIRST_YEAR and value.utcoffset() % timedelta(minutes=1)
    if value.second or value.microsecond or odd_offset:
        # A booking of a microsecond, or one shown as 09:00-10:00 that ends at
        # 10:00:00.5 and so clashes with 10:00-11:00, would contradict what people see.
        # Before FIRST_YEAR zones had odd offsets (Shanghai +08:05:43): the horizon
        # refuses those years with its own message.
        errors.add(name, Msg(N_("Bookings start and end on a whole minute.")))
        return None
    return value


def _participants(errors: FieldErrors, raw: Any) -> list[dict]:
    """[{"name", "email"?}]: the people reminded the day before."""
    if raw is None:
        return []
    if not isinstance(raw, list) or len(raw) > 30:
        errors.add("participants", Msg(N_("A list of at most 30 people.")))
        return []
    people = []
    for person in raw:
        person = person if isinstance(person, dict) else {}
        name = text(errors, person.get("name"), "participants", 100, required=True)
        email = optional_email(errors, person.get("email"), "participants")
        people.append({"name": name, "email": email})
    return people


def parse_request(raw: Any) -> BookingRequest:
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    room_id = row_id(errors, raw.get("room_id"), "room_id")
    starts_at = parse_when(errors, raw.get("starts_at"), "starts_at")
    ends_at = parse_when(errors, raw.get("ends_at"), "ends_at")
    title = text(errors, raw.get("title"), "title", 200, required=True)
    purpose = raw.get("purpose") or "appointment"
    if purpose not in PURPOSES:
        errors.add("purpose", CHOOSE)
    attendees = raw.get("attendees", 1)
    if not is_whole(attendees) or not 1 <= attendees <= 10_000:
        errors.add("attendees", Msg(N_("Enter a whole number.")))
    mediator_id = row_id(errors, raw.get("mediator_id"), "mediator_id", required=False)
    consultation = raw.get("consultation")
    if consultation is not None and not isinstance(consultation, str):
        errors.add("consultation", CHOOSE)
    participants = _participants(errors, raw.get("participants"))
    past_reason = text(errors, raw.get("past_reason"), "past_reason", 500, required=False)
    errors.raise_if_any()
    return BookingRequest(
        room_id or 0,  # never 0 here: row_id added an error, raised above
        Slot(starts_at, ends_at),
        title,
        purpose,
        attendees,
        mediator_id,
        consultation or None,
        participants,
        past_reason,
    )


def load_room(session: Session, room_id: int) -> Room:
    """The room a body names: an unknown one is a field error (422), not a 404."""
    room = session.get(Room, room_id) if 0 < room_id <= MAX_ROW_ID else None
    if room is None:
        raise field_error("room_id", CHOOSE)
    return room


def check_references(session: Session, actor: Any, request: BookingRequest) -> None:
    """The mediator a booking names is one the actor may name, and exists: 422 naming
    the field, never the database's foreign-key error. (The case is checked by
    ``access.case_to_tie``, which answers an unknown and an unreadable reference alike.)"""
    access.check_mediator(actor, request.mediator_id)
    if request.mediator_id is not None and session.get(Lawyer, request.mediator_id) is None:
        raise field_error("mediator_id", CHOOSE)


def check_for_room(
    slot: Slot, room: Room, attendees: int, zone: ZoneInfo, calendar: dict, now: datetime
) -> None:
    check_horizon(slot, now.astimezone(zone).date(), zone)
    check_slot(slot, zone, calendar, attendees, room.capacity, hours=room_hours(room.opening_hours))


def check_start(actor: Any, now: datetime, slot: Slot, reason: str) -> None:
    check_not_past(slot, now, may_book_in_the_past(actor), reason)


def find_clash(
    session: Session,
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


def describe(session: Session, actor: Any, booking: Booking, zone: ZoneInfo) -> str:
    """The booking's number, title and time; no title for one whose case the actor
    may not read (a clash must not tell them what the other booking is about)."""
    start = booking.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    title = f" {booking.title}" if access.may_see(session, actor, booking) else ""
    return f"#{booking.id}{title} {start}-{booking.ends_at.astimezone(zone):%H:%M}"


def clash_error(session: Session, actor: Any, clash: Booking, zone: ZoneInfo) -> BookingConflict:
    named = describe(session, actor, clash, zone)
    return BookingConflict(
        Msg(N_("This time clashes with booking %(booking)s."), {"booking": named}),
        fields={"booking": [Msg(named)]},
    )


def flush_guarded(session: Session, rows: list[Any], on_clash: Any, change: Any = None) -> None:
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


def new_booking(
    actor: Any,
    now: datetime,
    request: BookingRequest,
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
    session: Session, actor: Any, now: datetime, raw: Any, zone: ZoneInfo, calendar: dict
) -> Booking:
    """One booking, or BookingConflict naming the booking it would clash with."""
    if actor.role not in BOOKERS:
        raise Forbidden()
    request = parse_request(raw)
    room = load_room(session, request.room_id)
    case = access.case_to_tie(session, actor, request.consultation)
    check_references(session, actor, request)
    check_for_room(request.slot, room, request.attendees, zone, calendar, now)
    check_start(actor, now, request.slot, request.past_reason)
    clash = find_clash(session, room, request.slot, request.mediator_id)
    if clash is not None:
        raise clash_error(session, actor, clash, zone)
    booking = new_booking(actor, now, request, room, request.slot, case.id if case else None)

    def named_clash() -> BookingConflict | None:
        found = find_clash(session, room, request.slot, request.mediator_id)
        return clash_error(session, actor, found, zone) if found else None

    flush_guarded(session, [booking], named_clash)
    detail = with_reason({"room": room.id}, request.past_reason, request.slot.starts_at < now)
    audit.record(session, actor, now, "booking.create", "booking", booking.id, detail)
    return booking


def with_reason(detail: dict, reason: str, needed: bool) -> dict:
    """An audit detail, with why a session that had begun was booked, moved or
    cancelled (``needed``: it had)."""
    return {**detail, "past_reason": reason} if needed else detail


def cancel(
    session: Session,
    actor: Any,
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
    session: Session,
    actor: Any,
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
    starts_at = parse_when(errors, raw.get("starts_at"), "starts_at")
    ends_at = parse_when(errors, raw.get("ends_at"), "ends_at")
    room_id = row_id(errors, raw.get("room_id", booking.room_id), "room_id")
    errors.raise_if_any()
    room = load_room(session, room_id or 0)  # None raised above
    slot = Slot(starts_at, ends_at)
    check_for_room(slot, room, booking.attendees, zone, calendar, now)
    check_start(actor, now, slot, reason)
    clash = find_clash(session, room, slot, booking.mediator_id, excluding=booking.id)
    if clash is not None:
        raise clash_error(session, actor, clash, zone)
    before, booking_id, mediator_id = booking.starts_at.isoformat(), booking.id, booking.mediator_id

    def change() -> None:
        booking.room_id, booking.starts_at, booking.ends_at = room.id, starts_at, ends_at
        booking.blocked_until = ends_at + timedelta(minutes=room.buffer_minutes)
        booking.sequence += 1
        booking.updated_at = now

    def named_clash() -> BookingConflict | None:
        found = find_clash(session, room, slot, mediator_id, excluding=booking_id)
        return clash_error(session, actor, found, zone) if found else None

    flush_guarded(session, [booking], named_clash, change)
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
    session: Session, actor: Any, now: datetime, booking: Booking, raw: Any, note: Any = ""
) -> Booking:
    """After a session has begun: held, no_show (unexcused) or excused.

    An unexcused no-show at a mediation session fails that mediation.
    """
    errors = FieldErrors()
    if raw not in ATTENDANCE:
        errors.add("attendance", CHOOSE)
    note_text = text(errors, note, "attendance_note", 500, required=False)
    errors.raise_if_any()
    if booking.cancelled_at is not None:
        raise Conflict(Msg(N_("This booking was cancelled.")))
    if now < booking.starts_at:
        raise Conflict(Msg(N_("Attendance can be recorded once the booking has begun.")))
    booking.attendance, booking.attendance_note, booking.updated_at = raw, note_text, now
    audit.record(session, actor, now, "booking.attendance", "booking", booking.id, {"was": raw})
    if raw == "no_show" and booking.purpose == "mediation_session" and booking.consultation_id:
        from legaldesk.mediation import service as cases

        cases.fail_for_no_show(session, actor, now, booking)
    return booking


def update_room(session: Session, actor: Any, now: datetime, room: Room, raw: dict) -> None:
    """Seats, opening hours and buffer (coordinators); new bookings and moves use them."""
    if actor.role not in MANAGERS:
        raise Forbidden()
    errors = FieldErrors()
    capacity, buffer = raw.get("capacity"), raw.get("buffer_minutes")
    if not is_whole(capacity) or not 1 <= capacity <= 1000:
        errors.add("capacity", Msg(N_("Enter a whole number.")))
    if not is_whole(buffer) or not 0 <= buffer <= 240:
        errors.add("buffer_minutes", Msg(N_("A number of minutes from 0 to 240.")))
    try:
        hours = parse_hours(raw.get("opening_hours") or "")
    except ValueError:
        errors.add(
            "opening_hours",
            Msg(N_("Periods such as 08:30-12:00,13:30-17:30, in order, not overlapping.")),
        )
    errors.raise_if_any()
    room.capacity, room.buffer_minutes = capacity, buffer
    room.opening_hours = format_hours(hours, ",")
    audit.record(
        session,
        actor,
        now,
        "room.settings",
        "room",
        room.id,
        {"capacity": room.capacity, "buffer": room.buffer_minutes, "hours": room.opening_hours},
    )
