"""Booking rules: plain Python; the calendar lookups and the clock come in as arguments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from legaldesk.errors import FieldErrors
from legaldesk.messages import N_, Msg
from legaldesk.workcal.rules import OFFICE_HOURS, Official, is_working_day, official_workday

PURPOSES = ("mediation_session", "appointment", "legal_education", "legislative_hearing")
MAX_LENGTH = timedelta(hours=9)


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime


def overlaps(a: Slot, b: Slot, buffer: timedelta = timedelta(0)) -> bool:
    """Half-open intervals, widened by the room's buffer: 10:00-11:00 and 11:00-12:00
    do not overlap when there is no buffer."""
    return a.starts_at < b.ends_at + buffer and b.starts_at < a.ends_at + buffer


def check_slot(
    slot: Slot,
    zone: ZoneInfo,
    overrides: Mapping[date, bool],
    attendees: int,
    capacity: int,
    official: Official = official_workday,
) -> None:
    """Field errors for a slot the room cannot take (order, hours, day, seats)."""
    errors = FieldErrors()
    if slot.ends_at <= slot.starts_at:
        errors.add("ends_at", Msg(N_("The end is before the start.")))
    elif slot.ends_at - slot.starts_at > MAX_LENGTH:
        errors.add("ends_at", Msg(N_("A booking lasts at most one day.")))
    else:
        start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
        if start.date() != end.date() or not any(
            opens <= start.time() and end.time() <= closes for opens, closes in OFFICE_HOURS
        ):
            errors.add("starts_at", Msg(N_("Outside opening hours (08:30-12:00, 13:30-17:30).")))
        elif not is_working_day(start.date(), overrides, official):
            errors.add("starts_at", Msg(N_("Not a working day.")))
    if attendees > capacity:
        errors.add("attendees", Msg(N_("The room seats %(max)d."), {"max": capacity}))
    errors.raise_if_any()
