"""Booking rules: plain Python; the calendar lookups and the clock come in as arguments."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from legaldesk.errors import Conflict, FieldErrors, field_error
from legaldesk.messages import N_, Msg
from legaldesk.workcal.rules import OFFICE_HOURS, Official, is_working_day, official_workday

PURPOSES = ("mediation_session", "appointment", "legal_education", "legislative_hearing")
ATTENDANCE = ("held", "no_show", "excused")
PURPOSE_LABELS = {
    "mediation_session": N_("Mediation session"),
    "appointment": N_("Appointment"),
    "legal_education": N_("Legal-education class"),
    "legislative_hearing": N_("Legislative hearing"),
}
ATTENDANCE_LABELS = {
    "held": N_("Held, everyone attended"),
    "no_show": N_("A party did not come, without excuse"),
    "excused": N_("A party could not come, with an excuse"),
}
NOT_A_WORKING_DAY = N_("Not a working day.")
IN_THE_PAST = N_("A booking cannot start in the past.")
BEYOND_HORIZON = N_("Bookings can start from %(first)d up to the end of next year (%(last)s).")
# Refusals of a start that concern its day rather than its clock time (a form shows
# them at the date field; the API keeps them under starts_at).
ABOUT_THE_DAY = frozenset({NOT_A_WORKING_DAY, IN_THE_PAST, BEYOND_HORIZON})
MAX_LENGTH = timedelta(hours=9)
MAX_OCCURRENCES = 52
FIRST_YEAR = 2000

Hours = tuple[tuple[time, time], ...]


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime


def parse_hours(raw: str) -> Hours:
    """ "08:30-12:00,13:30-17:30" as ordered periods; ValueError for anything else."""
    periods: list[tuple[time, time]] = []
    for part in raw.replace("，", ",").split(","):
        opens, _, closes = part.strip().partition("-")
        period = (_clock_time(opens), _clock_time(closes))
        if period[0] >= period[1] or (periods and period[0] < periods[-1][1]):
            raise ValueError(raw)
        periods.append(period)
    if not periods:
        raise ValueError(raw)
    return tuple(periods)


def _clock_time(raw: str) -> time:
    """HH:MM only: ``time.fromisoformat`` also takes "01-01" as a time with an offset,
    which then cannot be compared with the others."""
    parsed = time.fromisoformat(raw.strip())
    if parsed.tzinfo is not None:
        raise ValueError(raw)
    return parsed


def room_hours(raw: str | None) -> Hours:
    """A room's stored hours; the center's defaults if they were ever unreadable."""
    try:
        return parse_hours(raw or "")
    except ValueError:
        return OFFICE_HOURS


def format_hours(hours: Hours, separator: str = ", ") -> str:
    """Hours as people write them (and, with "," as separator, as a room keeps them)."""
    return separator.join(f"{a:%H:%M}-{b:%H:%M}" for a, b in hours)


def within_hours(slot: Slot, zone: ZoneInfo, hours: Hours) -> bool:
    start, end = slot.starts_at.astimezone(zone), slot.ends_at.astimezone(zone)
    return start.date() == end.date() and any(
        opens <= start.time() and end.time() <= closes for opens, closes in hours
    )


def check_horizon(slot: Slot, today: date, zone: ZoneInfo) -> None:
    """Refuse a start before 2000 or after the end of next year: no official calendar
    exists that far ahead, and such dates are typing mistakes (year 1, 2062). The day
    counts in the desk's zone, not in the offset the caller wrote the time with."""
    last = date(today.year + 1, 12, 31)
    try:
        day = slot.starts_at.astimezone(zone).date()
    except OverflowError:  # year 1 or 9999 moved across midnight into no year at all
        day = None
    if day is None or not date(FIRST_YEAR, 1, 1) <= day <= last:
        raise field_error(
            "starts_at",
            Msg(BEYOND_HORIZON, {"first": FIRST_YEAR, "last": last.isoformat()}),
        )


def check_slot(
    slot: Slot,
    zone: ZoneInfo,
    overrides: Mapping[date, bool],
    attendees: int,
    capacity: int,
    official: Official = official_workday,
    hours: Hours = OFFICE_HOURS,
) -> None:
    """Field errors for a slot the room cannot take (order, hours, day, seats)."""
    errors = FieldErrors()
    if slot.ends_at <= slot.starts_at:
        errors.add("ends_at", Msg(N_("The end time is before the start time.")))
    elif slot.ends_at - slot.starts_at > MAX_LENGTH:
        errors.add("ends_at", Msg(N_("A booking lasts at most one day.")))
    elif not within_hours(slot, zone, hours):
        errors.add(
            "starts_at",
            Msg(
                N_("Outside the room's opening hours (%(hours)s)."), {"hours": format_hours(hours)}
            ),
        )
    elif not is_working_day(slot.starts_at.astimezone(zone).date(), overrides, official):
        errors.add("starts_at", Msg(NOT_A_WORKING_DAY))
    if attendees > capacity:
        errors.add("attendees", Msg(N_("The room seats %(max)d."), {"max": capacity}))
    errors.raise_if_any()


def check_not_past(slot: Slot, now: datetime, may_backdate: bool, reason: str) -> None:
    """A booking starts from now on; a manager may record a past session, saying why
    (the reason is audited)."""
    if slot.starts_at >= now:
        return
    if not may_backdate:
        raise field_error("starts_at", Msg(IN_THE_PAST))
    if not reason:
        raise field_error(
            "past_reason", Msg(N_("Say why this session is recorded after it began."))
        )


class BookingStarted(Conflict):
    code = "booking_started"
    default_message = Msg(
        N_(
            "This booking has already begun: only a coordinator can move or cancel it, "
            "giving a reason."
        )
    )


class AttendanceRecorded(Conflict):
    code = "attendance_recorded"
    default_message = Msg(
        N_(
            "Attendance has been recorded for this booking, so it cannot be moved. To "
            "correct its time, cancel it with a reason and record the session again."
        )
    )


def has_started(starts_at: datetime, now: datetime) -> bool:
    return starts_at <= now


def check_not_started(starts_at: datetime, now: datetime, may_override: bool, reason: str) -> None:
    """A booking that has begun is a record of what took place: its attendance (a
    no-show fails a mediation) belongs to that time. Nobody moves, shortens or
    cancels it, except a manager who says why (the reason is audited)."""
    if not has_started(starts_at, now):
        return
    if not may_override:
        raise BookingStarted()
    if not reason:
        raise field_error("past_reason", Msg(N_("Say why this booking is changed after it began.")))


def check_no_attendance(attendance: str | None) -> None:
    """Refuse to move a booking whose attendance is recorded, rather than keep or clear
    the record. Cleared, a no-show that already failed the mediation would vanish from
    the session that decided it; kept, it would claim that people came (or did not) at
    a time they were never asked to come. A wrong time is corrected openly instead: the
    session is cancelled with a reason (its attendance stays on it) and recorded anew."""
    if attendance is not None:
        raise AttendanceRecorded()


def occurrences(first: Slot, zone: ZoneInfo, every_days: int, count: int) -> list[Slot]:
    """The slots of a series at the same local clock time, ``every_days`` apart."""
    start, end = first.starts_at.astimezone(zone), first.ends_at.astimezone(zone)
    slots = []
    for n in range(count):
        shift = timedelta(days=every_days * n)
        slots.append(
            Slot(
                datetime.combine(start.date() + shift, start.time(), zone),
                datetime.combine(end.date() + shift, end.time(), zone),
            )
        )
    return slots
