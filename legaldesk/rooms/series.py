"""Recurring bookings: every occurrence is booked, or none, and every problem is listed.

A weekly class for ten weeks that meets a holiday or another booking on two of its
dates is refused with both dates named; the user then moves the series or asks for
those dates to be skipped (``skip``), and the answer lists what was skipped. Nothing
is dropped silently.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.errors import Conflict, FieldErrors, Forbidden, ValidationFailed
from legaldesk.messages import N_, Msg
from legaldesk.rooms import access, clash, requests, service
from legaldesk.rooms.models import Booking, BookingSeries, Room
from legaldesk.rooms.rules import MAX_OCCURRENCES, Slot, occurrences
from legaldesk.validation import is_whole


class SeriesConflict(Conflict):
    code = "series_conflict"
    default_message = Msg(N_("Some dates of the series cannot be booked; nothing was booked."))

    def __init__(self, problems: list[tuple[date, Msg]]):
        super().__init__(fields={"occurrences": [why for _, why in problems]})
        self.dates = [day for day, _ in problems]


def _repeat(raw: Any) -> tuple[int, int, set[date]]:
    """(every_days, count, dates to skip) from {"every_days"?, "count", "skip"?}."""
    errors = FieldErrors()
    raw = raw if isinstance(raw, dict) else {}
    every, count, skip = raw.get("every_days", 7), raw.get("count"), raw.get("skip") or []
    if not is_whole(every) or not 1 <= every <= 28:
        errors.add("repeat.every_days", Msg(N_("A number of days from 1 to 28.")))
    if not is_whole(count) or not 2 <= count <= MAX_OCCURRENCES:
        errors.add(
            "repeat.count",
            Msg(N_("A number of occurrences from 2 to %(max)d."), {"max": MAX_OCCURRENCES}),
        )
    skipped: set[date] = set()
    for day in skip if isinstance(skip, list) else [None]:
        try:
            skipped.add(date.fromisoformat(str(day)))
        except (TypeError, ValueError):
            errors.add("repeat.skip", Msg(N_("Dates as YYYY-MM-DD.")))
            break
    errors.raise_if_any()
    return every, count, skipped


def _problems(
    session: Any,
    actor: Actor,
    room: Room,
    slots: list[Slot],
    request: requests.BookingRequest,
    zone: ZoneInfo,
    calendar: dict,
    now: datetime,
) -> list[tuple[date, Msg]]:
    """Each occurrence the room cannot take, with the reason."""
    problems: list[tuple[date, Msg]] = []
    for slot in slots:
        local_day = slot.starts_at.astimezone(zone).date()
        day = local_day.isoformat()
        try:
            service.check_for_room(slot, room, request.attendees, zone, calendar, now)
        except ValidationFailed as invalid:
            why = next(iter(invalid.fields.values()))[0]
            problems.append((local_day, Msg(N_("%(day)s: %(why)s"), {"day": day, "why": why})))
            continue
        taken = clash.find_clash(session, room, slot, request.mediator_id)
        if taken is not None:
            why = Msg(
                N_("%(day)s: clashes with booking %(booking)s."),
                {"day": day, "booking": clash.describe(session, actor, taken, zone)},
            )
            problems.append((local_day, why))
    return problems


def book_series(
    session: Any, actor: Actor, now: datetime, raw: Any, zone: ZoneInfo, calendar: dict
) -> tuple[list[Booking], list[date]]:
    """Book every occurrence not skipped; answers the bookings and the skipped dates."""
    if not permissions.may_book_rooms(actor):
        raise Forbidden()
    request = requests.parse_request(raw)
    every, count, skip = _repeat(raw.get("repeat") if isinstance(raw, dict) else None)
    room = service.load_room(session, request.room_id)
    case = access.case_to_tie(session, actor, request.consultation)
    service.check_references(session, actor, request)
    # The first occurrence's hours, seats, order and start are the series' own: a plain 422.
    service.check_for_room(request.slot, room, request.attendees, zone, calendar, now)
    service.check_start(actor, now, request.slot, request.past_reason)
    planned = occurrences(request.slot, zone, every, count)
    slots = [s for s in planned if s.starts_at.astimezone(zone).date() not in skip]
    skipped = sorted(s.starts_at.astimezone(zone).date() for s in planned if s not in slots)
    if not slots:
        raise ValidationFailed(fields={"repeat.skip": [Msg(N_("Every date is skipped."))]})
    problems = _problems(session, actor, room, slots, request, zone, calendar, now)
    if problems:
        raise SeriesConflict(problems)
    series = BookingSeries(
        title=request.title, every_days=every, count=count, created_by_id=actor.id, created_at=now
    )
    case_id = case.id if case else None
    bookings = [service.new_booking(actor, now, request, room, s, case_id) for s in slots]
    for booking in bookings:
        booking.series = series

    def listed() -> SeriesConflict | None:
        found = _problems(session, actor, room, slots, request, zone, calendar, now)
        return SeriesConflict(found) if found else None

    clash.flush_guarded(session, [series, *bookings], listed)
    audit.record(
        session,
        actor,
        now,
        "booking.series",
        "booking_series",
        series.id,
        service.with_reason(
            {
                "room": room.id,
                "bookings": len(bookings),
                "skipped": [d.isoformat() for d in skipped],
            },
            request.past_reason,
            request.slot.starts_at < now,
        ),
    )
    return bookings, skipped
