"""Working time: plain Python; the calendar lookups come in as arguments.

A day is a working day by, in order: the center's own entry (a coordinator's
holiday or adjusted working day), the official calendar (chinesecalendar, with 调休),
and for years that calendar does not know, Monday to Friday.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

OFFICE_HOURS = ((time(8, 30), time(12, 0)), (time(13, 30), time(17, 30)))
# The weekdays as ISO numbers (1 = Monday), as forms offer them and models keep them.
ISO_WEEKDAYS = range(1, 8)

Official = Callable[[date], bool | None]  # None: the official calendar does not know


def official_workday(day: date) -> bool | None:
    """chinesecalendar's answer, or None for a year it has no data for (it raises)."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return None


def official_years() -> frozenset[int]:
    """The years chinesecalendar has the State Council's holidays for."""
    from chinese_calendar.constants import holidays

    return frozenset(day.year for day in holidays)


def year_is_confirmed(
    year: int, known_years: Iterable[int], confirmed_years: Iterable[int]
) -> bool:
    """A year's working days are trustworthy once chinesecalendar knows it or a
    coordinator has entered its official holidays."""
    return year in known_years or year in confirmed_years


def unconfirmed_years(
    days: Iterable[date | None], known_years: Iterable[int], confirmed_years: Iterable[int]
) -> list[int]:
    """The years among ``days`` whose official calendar nobody has entered yet."""
    known, confirmed = set(known_years), set(confirmed_years)
    years = {day.year for day in days if day is not None}
    return sorted(y for y in years if not year_is_confirmed(y, known, confirmed))


def year_to_remind(
    today: date, known_years: Iterable[int], confirmed_years: Iterable[int]
) -> tuple[int, int] | None:
    """(year, week of the reminder) while a year's holidays are missing: this year at
    once (a desk running past chinesecalendar's last year), else next year from 1 November.

    The State Council publishes next year's holidays around November; coordinators
    are reminded once a week (week 0 from 1 January, or from 1 November for next year)
    until they enter them.
    """
    if not year_is_confirmed(today.year, known_years, confirmed_years):
        return today.year, (today - date(today.year, 1, 1)).days // 7
    following = today.year + 1
    if today.month < 11 or year_is_confirmed(following, known_years, confirmed_years):
        return None
    return following, (today - date(today.year, 11, 1)).days // 7


def is_working_day(
    day: date, overrides: Mapping[date, bool], official: Official = official_workday
) -> bool:
    if day in overrides:
        return overrides[day]
    known = official(day)
    return known if known is not None else day.weekday() < 5


def next_working_day(
    day: date, overrides: Mapping[date, bool], official: Official = official_workday
) -> date:
    """``day`` itself if it is a working day, else the first working day after it."""
    for _ in range(366):  # a year without one is a calendar typed wrong: stop looking
        if is_working_day(day, overrides, official):
            return day
        day += timedelta(days=1)
    return day


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


def subtract_working_hours(
    end: datetime,
    hours: float,
    zone: ZoneInfo,
    overrides: Mapping[date, bool],
    official: Official = official_workday,
    horizon_days: int = 60,
) -> datetime:
    """The latest start from which ``hours`` of office time have passed by ``end``:
    ``add_working_hours(start, hours, ...) <= end`` exactly when ``start`` is at or
    before it. One moment to compare a column with, so "past the SLA" is a WHERE
    clause instead of a loop over every waiting case."""
    remaining = timedelta(hours=hours)
    day = end.astimezone(zone).date()
    for _ in range(horizon_days + 1):
        if is_working_day(day, overrides, official):
            for opens, closes in reversed(OFFICE_HOURS):
                low = datetime.combine(day, opens, zone)
                high = min(datetime.combine(day, closes, zone), end)
                if low < high:
                    if high - low >= remaining:
                        return high - remaining
                    remaining -= high - low
        day -= timedelta(days=1)
    raise ValueError("no working time within the horizon")
