"""The booking form on /rooms: its fields in the API's shape, and the service's
refusals put back next to the form field they concern.

A clerk who is refused (a clash, a holiday, after hours, in the past) gets the form
back as typed, with the reason beside the date, the time or the number concerned.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from werkzeug.datastructures import MultiDict

from legaldesk.errors import DeskError, FieldErrors
from legaldesk.messages import N_, Msg, render
from legaldesk.rooms.rules import ABOUT_THE_DAY
from legaldesk.validation import number_from_form, whole_from_form

# The service's (and API's) field names as the form calls them.
FORM_FIELDS = {
    "starts_at": "starts",
    "ends_at": "ends",
    "booking": "starts",
    "repeat.count": "repeat_count",
    "repeat.every_days": "repeat_count",
    "repeat.skip": "repeat_count",
}


def _moment(day: date | None, raw: str | None, zone: ZoneInfo) -> str | None:
    try:
        clock = time.fromisoformat(raw or "")
    except ValueError:
        return None
    if day is None or clock.tzinfo is not None:
        return None
    return datetime.combine(day, clock, zone).isoformat()


def booking_fields(form: MultiDict, zone: ZoneInfo) -> tuple[dict[str, Any], FieldErrors]:
    """The form as the service's ``raw`` dict, and what is wrong with its shape (a date
    or time that is none, a number that is none) under the form's own field names."""
    shape = FieldErrors()
    try:
        day: date | None = date.fromisoformat(form.get("day", ""))
    except ValueError:
        day = None
        shape.add("day", Msg(N_("Enter a date as YYYY-MM-DD.")))
    raw: dict[str, Any] = {
        "room_id": whole_from_form(form.get("room_id")),
        "title": form.get("title"),
        "purpose": form.get("purpose") or "appointment",
        "mediator_id": whole_from_form(form.get("mediator_id")),
        "consultation": form.get("consultation") or None,
        "past_reason": form.get("past_reason") or None,
    }
    for name in ("starts", "ends"):
        raw[f"{name}_at"] = _moment(day, form.get(name), zone)
        if raw[f"{name}_at"] is None and day is not None:
            shape.add(name, Msg(N_("Enter a time as HH:MM.")))
    attendees = number_from_form(form.get("attendees"))
    raw["attendees"] = 1 if attendees is None else attendees
    count = number_from_form(form.get("repeat_count"))
    if isinstance(count, str):
        shape.add("repeat_count", Msg(N_("Enter a whole number.")))
    elif count is not None and count != 1:
        raw["repeat"] = {"count": count, "every_days": 7, "skip": form.getlist("skip")}
    return raw, shape


def shown_errors(error: DeskError) -> dict[str, list[str]]:
    """The error's field messages in the user's language, by form field. A start
    refused for its day (holiday, past, too far) is shown at the date; a clash at the
    start time, with the whole sentence naming the other booking."""
    shown: dict[str, list[str]] = {}
    for field, messages in error.fields.items():
        for message in messages:
            name = FORM_FIELDS.get(field, field)
            if field == "starts_at" and message.text in ABOUT_THE_DAY:
                name = "day"
            text = render(error.message) if field == "booking" else render(message)
            shown.setdefault(name, []).append(text)
    return shown
