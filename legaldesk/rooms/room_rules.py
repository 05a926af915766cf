"""Checking a room as a manager adds or changes it: plain Python. Kinds are the
center's four areas (DOMAIN.md); a retired room takes no new bookings, and is only
retired once no booking of it lies ahead."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from legaldesk.errors import Conflict, FieldErrors
from legaldesk.messages import N_, Msg
from legaldesk.rooms.rules import Hours, format_hours, parse_hours
from legaldesk.validation import is_whole, visible_text

ROOM_KINDS = ("consultation_window", "mediation", "legal_education", "legislative_contact")
ROOM_KIND_LABELS = {
    "consultation_window": N_("Consultation window"),
    "mediation": N_("Commercial mediation room"),
    "legal_education": N_("Legal-education room"),
    "legislative_contact": N_("Legislative contact point"),
}
NAME_MAX = 100
ROOM_RETIRED = N_("This room is retired and takes no new bookings.")


@dataclass(frozen=True)
class Settings:
    capacity: int
    buffer_minutes: int
    opening_hours: str


def check_settings(errors: FieldErrors, raw: dict[str, Any]) -> Settings:
    """Seats, the buffer after each booking and the opening hours, as a form or the
    API sends them (whole numbers already parsed)."""
    capacity, buffer = raw.get("capacity"), raw.get("buffer_minutes", 0)
    if not is_whole(capacity) or not 1 <= capacity <= 1000:
        errors.add("capacity", Msg(N_("Enter a whole number.")))
    if not is_whole(buffer) or not 0 <= buffer <= 240:
        errors.add("buffer_minutes", Msg(N_("A number of minutes from 0 to 240.")))
    hours: Hours = ()
    try:
        hours = parse_hours(raw.get("opening_hours") or "")
    except ValueError:
        errors.add(
            "opening_hours",
            Msg(N_("Periods such as 08:30-12:00,13:30-17:30, in order, not overlapping.")),
        )
    return Settings(
        capacity if is_whole(capacity) else 0,
        buffer if is_whole(buffer) else 0,
        format_hours(hours, ","),
    )


def check_names(errors: FieldErrors, raw: dict[str, Any]) -> tuple[str, str]:
    """The Chinese name (required, unique: the desk checks that) and the English one,
    without hidden characters (validation.visible_text)."""
    name = visible_text(errors, raw.get("name"), "name", NAME_MAX, required=True)
    name_en = visible_text(errors, raw.get("name_en"), "name_en", NAME_MAX, required=False)
    return name, name_en


def check_kind(errors: FieldErrors, raw: Any) -> str:
    if raw not in ROOM_KINDS:
        errors.add("kind", Msg(N_("Choose one of the listed options.")))
        return ""
    return str(raw)


class RoomStillBooked(Conflict):
    """A room with bookings ahead is not retired: they are moved or cancelled first
    (``bookings`` lists them, so the page links each one)."""

    code = "room_still_booked"
    default_message = Msg(
        N_("This room still has bookings ahead: move or cancel them first, then retire it.")
    )

    def __init__(self, bookings: list[Any]):
        super().__init__()
        self.bookings = bookings


class NameTaken(Conflict):
    code = "name_taken"
    default_message = Msg(N_("Another room already has this name."))


def name_taken() -> NameTaken:
    message = NameTaken.default_message
    return NameTaken(message, fields={"name": [message]})
