"""The desk's working clock as arithmetic in SQL, so the database computes every
case's working time in its own row (working.py stores them).

A reading is the office seconds from day ``origin`` to a moment: those of the
weekdays since then, plus the calendar's exceptions before the moment's day
(rules.clock_exceptions), plus the office time of its day before it; no table of
days is joined (a join SQLite nests the wrong way round).
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.reports import rules
from legaldesk.reports.sqltime import day_number, local_seconds
from legaldesk.workcal.rules import OFFICE_HOURS

FEW_EXCEPTIONS = 64


def _office_seconds_into_day(seconds_of_day: Any) -> Any:
    """SQL for the office time of a working day before a time of day (in seconds)."""
    total: Any = sa.literal(0.0)
    for opens, closes in OFFICE_HOURS:
        low = opens.hour * 3600 + opens.minute * 60
        high = closes.hour * 3600 + closes.minute * 60
        total = total + sa.case(
            (seconds_of_day <= low, 0.0),
            (seconds_of_day >= high, float(high - low)),
            else_=seconds_of_day - low,
        )
    return total


class WorkingClock:
    """The working clock (rules.working_clock) read by arithmetic in SQL: the office
    seconds before a day are those of the weekdays since ``origin`` plus the calendar's
    exceptions before it (rules.clock_exceptions), so every case's working time is
    computed in its own row, without joining a table of days."""

    def __init__(self, session: DbSession, first: date, last: date, zone: ZoneInfo):
        self.session = session
        low = datetime.combine(first - timedelta(days=1), time(), zone)
        high = datetime.combine(last + timedelta(days=2), time(), zone)
        self.offsets = rules.zone_offsets(zone, low, high)
        self.last = last
        self.origin: int = 0
        self.exceptions: list[tuple[int, int]] = []

    def local_day(self, moment: Any) -> Any:
        return day_number(self.session, local_seconds(self.session, moment, self.offsets))

    def start_at(self, origin: int | None, overrides: dict, first: date) -> None:
        """Count the clock from day number ``origin`` (the first day any reading falls
        on; ``first`` when there is none), with the calendar's exceptions up to the
        clock's last day."""
        self.origin = origin if origin is not None else (first - rules.EPOCH_DAY).days
        since = rules.EPOCH_DAY + timedelta(days=self.origin)
        self.exceptions = rules.clock_exceptions(since, max(since, self.last), overrides)

    def _days(self) -> tuple[int, int, str, int, int]:
        """The clock's exceptions as text, one fixed-width cell a day from the day
        before ``origin`` to the day after the last: a flag (1: the day is an
        exception) and the sum of the exceptions before the day (plus ``bias``, so no
        sign). SQL reads a day's cell with substr, whatever the number of exceptions
        (a CASE per exception made a report of many years slow to compile)."""
        low = self.origin - 1
        high = max(self.origin, (self.last - rules.EPOCH_DAY).days) + 1
        bias = len(self.exceptions)
        width = len(str(2 * bias))
        signs = dict(self.exceptions)
        cells, before = [], 0
        for number in range(low, high + 1):
            cells.append(f"{int(number in signs)}{before + bias:0{width}d}")
            before += signs.get(number, 0)
        return low, high, "".join(cells), width, bias

    def _exceptions_before(self, number: Any, found: list[tuple[int, int]], below: int) -> Any:
        """SQL for the sum of the exceptions before day ``number`` (``below``: the sum
        of those before ``found``), by halving the ordered list."""
        if not found:
            return sa.literal(below)
        middle = len(found) // 2
        day, _ = found[middle]
        before_middle = below + sum(sign for _, sign in found[:middle])
        return sa.case(
            (number <= day, self._exceptions_before(number, found[:middle], below)),
            else_=self._exceptions_before(
                number, found[middle + 1 :], before_middle + found[middle][1]
            ),
        )

    def _cell(self, number: Any) -> tuple[Any, Any]:
        """SQL for (whether day ``number`` is an exception, the exceptions before it):
        for a few exceptions (a year has some thirty) a search in CASEs, a little
        quicker a row than reading text; for more, the cell of ``_days``."""
        if len(self.exceptions) <= FEW_EXCEPTIONS:
            special = [day for day, _ in self.exceptions]
            flag = number.in_(special) if special else sa.false()
            return flag, self._exceptions_before(number, self.exceptions, 0)
        low, high, text, width, bias = self._days()
        inside = sa.case((number < low, low), (number > high, high), else_=number)
        at = (inside - low) * (width + 1) + 1
        cells = sa.literal(text, sa.Text)
        flag = sa.func.substr(cells, at, 1) == "1"
        before = sa.cast(sa.func.substr(cells, at + 1, width), sa.Integer) - bias
        return flag, before

    def _weekdays_since_epoch(self, number: Any) -> Any:
        """SQL for the weekdays before day ``number`` since 1970-01-01 (a Thursday)."""
        week = number // 7
        into_week = sa.case(
            *((number % 7 == n, count) for n, count in enumerate((0, 1, 2, 2, 2, 3, 4))),
        )
        return week * 5 + into_week

    def local(self, moment: Any) -> tuple[Any, Any]:
        """SQL for (the moment in local seconds, its local day number)."""
        local = local_seconds(self.session, moment, self.offsets)
        return local, day_number(self.session, local)

    def reading(self, local: Any, number: Any) -> Any:
        """SQL of the clock's reading (seconds) at a moment given as ``local``'s pair
        (columns of a subquery: the long expression of the day stays written once)."""
        into_day = local - sa.cast(number, sa.Float) * 86400.0
        exception, exceptions_before = self._cell(number)
        days_worked = (
            self._weekdays_since_epoch(number)
            - self._weekdays_since_epoch(sa.literal(self.origin))
            + exceptions_before
        )
        weekday = sa.case(((number + 3) % 7 < 5, 1), else_=0)
        working = sa.case((exception, 1 - weekday), else_=weekday)
        before = sa.cast(days_worked, sa.Float) * rules.office_seconds_a_day()
        return before + working * _office_seconds_into_day(into_day)
