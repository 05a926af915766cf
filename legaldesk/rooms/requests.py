"""A booking request read from its JSON (or form) shape: plain Python, no database.

The fields are checked for shape here (a whole-minute time with its offset, a known
purpose, at most 30 participants); the room, the calendar and other bookings are the
service's to check (``rooms.service``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from legaldesk.errors import FieldErrors
from legaldesk.messages import N_, Msg
from legaldesk.rooms.rules import FIRST_YEAR, PURPOSES, Slot
from legaldesk.validation import is_whole, optional_email, row_id, text

CHOOSE = Msg(N_("Choose one of the listed options."))


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
    odd_offset = value.year >= FIRST_YEAR and (value.utcoffset() or timedelta()) % timedelta(
        minutes=1
    )
    if value.second or value.microsecond or odd_offset:
        # A booking of a microsecond, or one shown as 09:00-10:00 that ends at
        # 10:00:00.5 and so clashes with 10:00-11:00, would contradict what people see.
        # Before FIRST_YEAR zones had odd offsets (Shanghai +08:05:43): the horizon
        # refuses those years with its own message.
        errors.add(name, Msg(N_("Bookings start and end on a whole minute.")))
        return None
    return value


def participants(errors: FieldErrors, raw: Any) -> list[dict]:
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
    people = participants(errors, raw.get("participants"))
    past_reason = text(errors, raw.get("past_reason"), "past_reason", 500, required=False)
    errors.raise_if_any()
    assert starts_at is not None and ends_at is not None  # field errors, raised above
    return BookingRequest(
        room_id or 0,  # never 0 here: row_id added an error, raised above
        Slot(starts_at, ends_at),
        title,
        purpose,
        attendees,
        mediator_id,
        consultation or None,
        people,
        past_reason,
    )
