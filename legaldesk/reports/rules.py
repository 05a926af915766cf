"""Report arithmetic: plain Python."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from functools import cache
from typing import Any

from legaldesk.errors import ValidationFailed
from legaldesk.messages import N_, Msg
from legaldesk.validation import EARLIEST_DAY, LATEST_DAY, calendar_day, day_span
from legaldesk.workcal.rules import (
    OFFICE_HOURS,
    Official,
    is_working_day,
    official_workday,
    official_years,
)

EARLIEST = EARLIEST_DAY
LATEST = LATEST_DAY
EPOCH_DAY = date(1970, 1, 1)


def period(raw_from: Any, raw_to: Any, today: date) -> tuple[date, date]:
    """[from, to] as local dates, both included; by default the year so far."""
    start, end = day_span(raw_from, raw_to, date(today.year, 1, 1), today)
    assert start is not None and end is not None  # defaulted
    return start, end


# The periods a report covers: a month, a quarter, a half year, a year, or any span.
PERIOD_KINDS = ("month", "quarter", "half", "year", "custom")
_MONTHS = {"month": 1, "quarter": 3, "half": 6, "year": 12}


@dataclass(frozen=True)
class Period:
    """A report's period: its kind, first and last day (both included), and for a
    month, quarter or half year its number within the year (1-based; 1 for a year)."""

    kind: str
    start: date
    end: date

    @property
    def number(self) -> int:
        return (self.start.month - 1) // _MONTHS.get(self.kind, 12) + 1


def period_containing(kind: str, day: date) -> Period:
    """The month, quarter, half year or year that ``day`` falls in."""
    months = _MONTHS[kind]
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    return Period(kind, start, _add_months(start, months) - timedelta(days=1))


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def shifted(period: Period, steps: int) -> Period | None:
    """The period ``steps`` before (negative) or after a standard one; None for a
    custom span or beyond the years the desk counts."""
    if period.kind not in _MONTHS:
        return None
    start = _add_months(period.start, steps * _MONTHS[period.kind])
    if not EARLIEST <= start <= LATEST:
        return None
    return period_containing(period.kind, start)


def recognised(start: date, end: date) -> Period:
    """A span that is exactly a month, quarter, half year or year is named so."""
    for kind in ("month", "quarter", "half", "year"):
        standard = period_containing(kind, start)
        if (standard.start, standard.end) == (start, end):
            return standard
    return Period("custom", start, end)


def _kind(args: Mapping[str, Any]) -> str:
    kind = args.get("kind") or ""
    if kind not in PERIOD_KINDS:
        kind = "custom" if args.get("from") or args.get("to") else "half"
    return kind


def picked(args: Mapping[str, Any]) -> dict[str, str]:
    """The picker as the user filled it in (to show again beside its errors)."""
    return {
        "kind": _kind(args),
        **{name: str(args.get(name) or "") for name in ("on", "from", "to")},
    }


def pick(args: Mapping[str, Any], today: date) -> Period:
    """The page's period from its picker: ``kind`` with ``on`` (a month, YYYY-MM, in
    the period), or ``from``/``to``; by default the current half year (the center
    reports upward every half year)."""
    kind = _kind(args)
    if kind == "custom":
        current = period_containing("half", today)
        start, end = period(
            args.get("from") or current.start.isoformat(),
            args.get("to") or current.end.isoformat(),
            today,
        )
        return recognised(start, end)
    raw = args.get("on") or ""
    try:
        day = calendar_day(raw + "-01" if len(raw) == 7 else raw) if raw else today
    except ValueError:
        raise ValidationFailed(fields={"on": [Msg(N_("Enter a month as YYYY-MM."))]}) from None
    if not EARLIEST <= day <= LATEST:
        raise ValidationFailed(fields={"on": [Msg(N_("A date from 2000 to 2999."))]})
    return period_containing(kind, day)


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` as 0..1 (three decimals), None when there is no whole."""
    return round(part / whole, 3) if whole else None


def quantile_rows(count: int, fraction: float) -> tuple[int, float]:
    """Where the ``fraction`` quantile lies among ``count`` sorted values: the offset of
    the value below and the weight of the next one (linear interpolation, as
    PostgreSQL's percentile_cont and numpy's default)."""
    position = (count - 1) * fraction
    below = int(position)
    return below, position - below


def histogram_quantiles(
    counts: Mapping[int, int], fractions: Sequence[float], unit: float
) -> tuple[int, list[float | None]]:
    """How many values ``counts`` holds (value / ``unit`` -> how many) and their
    quantiles, interpolated as ``quantile_rows`` says (as percentile_cont would over
    the values themselves)."""
    ordered = sorted((value, n) for value, n in counts.items() if n > 0)
    total = sum(n for _, n in ordered)
    if not total:
        return 0, [None for _ in fractions]

    def at(place: int) -> float:
        seen = 0
        for value, n in ordered:
            seen += n
            if place < seen:
                return value * unit
        return ordered[-1][0] * unit

    found: list[float | None] = []
    for fraction in fractions:
        below, weight = quantile_rows(total, fraction)
        low = at(below)
        found.append(low + (at(below + 1) - low) * weight if weight else low)
    return total, found


def _quick(official: Official) -> Official:
    """The official calendar, asked only for the years it knows: chinesecalendar
    raises (slowly) for the others, and a report may span centuries of them."""
    if official is not official_workday:
        return official
    known = official_years()
    return lambda day: official_workday(day) if day.year in known else None


def working_clock(
    first: date, last: date, overrides: Mapping[date, bool], official: Official = official_workday
) -> list[tuple[int, float, int]]:
    """For each day from ``first`` to ``last``: its number (days since 1970-01-01), the
    office seconds of the days before it since ``first``, and 1 if it is a working
    day. Working time between two moments is then the difference of their readings
    of this clock, which a database can join on (see reports/times.py)."""
    official = _quick(official)
    days = []
    before = 0.0
    per_day = sum(
        (datetime.combine(first, high) - datetime.combine(first, low)).total_seconds()
        for low, high in OFFICE_HOURS
    )
    day = first
    while day <= last:
        working = is_working_day(day, overrides, official)
        days.append(((day - EPOCH_DAY).days, before, int(working)))
        before += per_day if working else 0.0
        day += timedelta(days=1)
    return days


def clock_on_days(
    days: Iterable[date], overrides: Mapping[date, bool], official: Official = official_workday
) -> list[tuple[int, float, int]]:
    """``working_clock`` from the first of ``days``, read on those days alone: the rows
    a report's moments fall on. The days between are counted by ``working_days``
    (arithmetic for years the official calendar does not know), so the table is as
    long as the days holding cases, however long the period asked for."""
    quick = _quick(official)
    per_day = sum(
        (datetime.combine(EPOCH_DAY, high) - datetime.combine(EPOCH_DAY, low)).total_seconds()
        for low, high in OFFICE_HOURS
    )
    rows: list[tuple[int, float, int]] = []
    before, previous = 0.0, None
    for day in sorted(set(days)):
        if previous is not None:
            before += per_day * working_days(previous, day - timedelta(days=1), overrides, official)
        rows.append(((day - EPOCH_DAY).days, before, int(is_working_day(day, overrides, quick))))
        previous = day
    return rows


def zone_offsets(zone: tzinfo, low: datetime, high: datetime) -> list[tuple[float, int]]:
    """The zone's UTC offsets (seconds) between two moments, as (from this Unix time on,
    offset), the first from ``low``: one entry for a zone without daylight saving.
    Each change is found to the second by halving the week it happens in (no zone
    changes twice in a week)."""

    def offset(moment: float) -> int:
        shift = datetime.fromtimestamp(moment, zone).utcoffset()
        return int(shift.total_seconds()) if shift is not None else 0

    start, stop = low.timestamp(), high.timestamp()
    found = [(start, offset(start))]
    moment = start
    while moment < stop:
        after = min(moment + 7 * 86400, stop)
        if offset(after) != found[-1][1]:
            before_change, changed = moment, after
            while changed - before_change > 1:
                middle = (before_change + changed) // 2
                if offset(middle) == found[-1][1]:
                    before_change = middle
                else:
                    changed = middle
            found.append((changed, offset(changed)))
        moment = after
    return found


def _weekdays(first: date, last: date) -> int:
    weeks, rest = divmod((last - first).days + 1, 7)
    start = first + timedelta(days=weeks * 7)
    return weeks * 5 + sum((start + timedelta(days=i)).weekday() < 5 for i in range(rest))


def working_days(
    first: date, last: date, overrides: Mapping[date, bool], official: Official = official_workday
) -> int:
    """How many working days from ``first`` to ``last``, both included, by arithmetic:
    Monday to Friday, plus the days that are not as Monday to Friday would have them
    (``clock_exceptions``), so a span of centuries costs no more than its exceptions
    (asking the calendar day by day cost a report 50 ms for five rooms' half year)."""
    if first > last:
        return 0
    if official is not official_workday:
        days = (first + timedelta(days=n) for n in range((last - first).days + 1))
        return sum(is_working_day(day, overrides, official) for day in days)
    return _weekdays(first, last) + sum(
        sign for _, sign in clock_exceptions(first, last, overrides)
    )


@cache
def _official_exceptions(year: int) -> tuple[tuple[date, bool], ...]:
    """The days of a year the official calendar knows that are not as Monday to
    Friday would have them (holidays on weekdays, weekend days worked), read off
    chinesecalendar's lists of them: asking it day by day for its twenty-odd years
    took 0.8 s, on the first report of a long period in each process."""
    return tuple(sorted(_official_lists().get(year, ())))


@cache
def _official_lists() -> dict[int, list[tuple[date, bool]]]:
    """chinesecalendar's holidays on weekdays and weekend days worked, by year (its
    ``is_workday``: a day in ``workdays`` is worked, one in ``holidays`` is not, any
    other as Monday to Friday)."""
    from chinese_calendar.constants import holidays, workdays

    found: dict[int, list[tuple[date, bool]]] = {}
    for day in holidays:
        if day.weekday() < 5 and day not in workdays:
            found.setdefault(day.year, []).append((day, False))
    for day in workdays:
        if day.weekday() >= 5:
            found.setdefault(day.year, []).append((day, True))
    return found


def clock_exceptions(
    first: date, last: date, overrides: Mapping[date, bool], official: Official = official_workday
) -> list[tuple[int, int]]:
    """The days from ``first`` to ``last`` whose working status is not Monday to
    Friday's, in order, as (day number, +1 for a day worked / -1 for a day off).

    With these, ``working_clock``'s reading of any day is arithmetic (times.py): the
    office seconds before day n are those of the weekdays since ``first`` plus the
    exceptions before n, so the database reads the clock without joining a table of
    days (a join SQLite nests the wrong way round)."""
    quick = _quick(official)
    if official is official_workday:
        known = official_years()
        candidates = [
            day
            for year in range(first.year, last.year + 1)
            if year in known
            for day, _ in _official_exceptions(year)
        ]
    else:
        candidates = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    days = {day for day in [*candidates, *overrides] if first <= day <= last}
    found = []
    for day in sorted(days):
        working = is_working_day(day, overrides, quick)
        if working != (day.weekday() < 5):
            found.append(((day - EPOCH_DAY).days, 1 if working else -1))
    return found


def office_seconds_a_day() -> float:
    """The office seconds of a working day (OFFICE_HOURS)."""
    return sum(
        (datetime.combine(EPOCH_DAY, high) - datetime.combine(EPOCH_DAY, low)).total_seconds()
        for low, high in OFFICE_HOURS
    )
