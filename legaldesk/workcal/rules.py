"""Working time: plain Python; the calendar lookups come in as arguments.

A day is a working day by, in order: the center's own entry (a coordinator's
holiday or adjusted working day), the official calendar (chinesecalendar, with 调休),
and for years that calendar does not know, Monday to Friday.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

OFFICE_HOURS = ((time(8, 30), time(12, 0)), (time(13, 30), time(17, 30)))

Official = Callable[[date], bool | None]  # None: the official calendar does not know


def official_workday(day: date) -> bool | None:
    """chinesecalendar's answer, or None for a year it has no data for (it raises)."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def is_working_day(
    day: date, overrides: Mapping[date, bool], official: Official = official_workday
) -> bool:
    if day in overrides:
        return overrides[day]
    known = official(day)
    return known if known is not None else day.weekday() < 5


def working_periods(
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    overrides: Mapping[date, bool],
    official: Official = official_workday,
    hours: tuple = OFFICE_HOURS,
):
    """The office-hour intervals between start and end (aware datetimes), in order."""
    day = start.astimezone(zone).date()
    last = end.astimezone(zone).date()
    while day <= last:
        if is_working_day(day, overrides, official):
            for opens, closes in hours:
                period_start = datetime.combine(day, opens, zone)
                period_end = datetime.combine(day, closes, zone)
                low, high = max(period_start, start), min(period_end, end)
                if low < high:
                    yield low, high
        day += timedelta(days=1)


def working_hours_between(
    start: datetime,
    end: datetime,
    zone: ZoneInfo,
    overrides: Mapping[date, bool],
    official: Official = official_workday,
) -> float:
    return (
        sum(
            (high - low).total_seconds()
            for low, high in working_periods(start, end, zone, overrides, official)
        )
        / 3600
    )


def add_working_hours(
    start: datetime,
    hours: float,
    zone: ZoneInfo,
    overrides: Mapping[date, bool],
    official: Official = official_workday,
    horizon_days: int = 60,
) -> datetime:
    """The moment ``hours`` of office time after ``start`` (e.g. an SLA deadline)."""
    remaining = timedelta(hours=hours)
    horizon = start + timedelta(days=horizon_days)
    for low, high in working_periods(start, horizon, zone, overrides, official):
        if high - low >= remaining:
            return low + remaining
        remaining -= high - low
    raise ValueError("no working time within the horizon")
