"""How fast the desk answers, in working hours: from receipt to a lawyer's
acceptance and to the first advice (median and 90th percentile), and the rounds
whose drawn lawyer breached the acceptance SLA.

Working time is read off a clock the database joins on (rules.clock_on_days: each
day's number, the office seconds before it, whether it is a working day), so the
quantiles are computed in SQL over every case of the period without fetching them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.cases.models import Advice, Consultation
from legaldesk.db import DbSession
from legaldesk.reports import behind, rules
from legaldesk.reports.behind import Span
from legaldesk.reports.sqltime import day_number, local_seconds, quantiles
from legaldesk.workcal.rules import OFFICE_HOURS

FRACTIONS = (0.5, 0.9)


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
    """The clock's days, as a VALUES table (a CTE: SQLite names no VALUES columns
    otherwise), on the days the moments a report reads fall on (``cover``): a period
    of centuries costs what its cases cost."""

    def __init__(self, session: DbSession, first: date, last: date, zone: ZoneInfo):
        self.session = session
        low = datetime.combine(first - timedelta(days=1), time(), zone)
        high = datetime.combine(last + timedelta(days=2), time(), zone)
        self.offsets = rules.zone_offsets(zone, low, high)
        self.table: Any = None

    def local_day(self, moment: Any) -> Any:
        return day_number(self.session, local_seconds(self.session, moment, self.offsets))

    def cover(self, overrides: dict, readings: list[tuple[sa.Select, Any]], first: date) -> None:
        """Build the table on every local day of the moments ``readings`` names (each a
        query with the moment it reads), or on ``first`` alone when there are none."""
        numbers: set[int] = set()
        for base, moment in readings:
            day = self.local_day(moment)
            numbers.update(self.session.scalars(base.add_columns(day).distinct()))
        days = [rules.EPOCH_DAY + timedelta(days=int(n)) for n in numbers if n is not None]
        self.table = (
            sa.values(
                sa.column("day", sa.Integer),
                sa.column("before", sa.Float),
                sa.column("working", sa.Integer),
                name="workdays",
                literal_binds=True,
            )
            .data(rules.clock_on_days(days or [first], overrides))
            .cte("workdays")
        )

    def reading(self, moment: Any) -> tuple[Any, Any]:
        """(a fresh alias of the clock joined on the moment's day, SQL of its reading)."""
        days = self.table.alias()
        local = local_seconds(self.session, moment, self.offsets)
        number = day_number(self.session, local)
        into_day = local - sa.cast(number, sa.Float) * 86400.0
        value = days.c.before + days.c.working * _office_seconds_into_day(into_day)
        return (days, days.c.day == number), value


def _first_advice() -> Any:
    return (
        sa.select(Advice.consultation_id, sa.func.min(Advice.given_at).label("given_at"))
        .group_by(Advice.consultation_id)
        .subquery()
    )


def _span(session: DbSession, start: date, received: tuple, zone: ZoneInfo, advice: Any) -> date:
    """The last local day any answer to the period's cases fell on (the clock's end)."""
    latest = [
        session.scalar(sa.select(sa.func.max(Consultation.first_response_at)).where(*received)),
        session.scalar(
            sa.select(sa.func.max(advice.c.given_at))
            .join(Consultation, Consultation.id == advice.c.consultation_id)
            .where(*received)
        ),
    ]
    days = [
        (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone).date()
        for moment in latest
        if isinstance(moment, datetime)
    ]
    return max([start, *days])


def _working_hours(
    session: DbSession, clock: WorkingClock, start: Any, end: Any, base: sa.Select
) -> dict[str, Any]:
    (start_days, on_start), started = clock.reading(start)
    (end_days, on_end), ended = clock.reading(end)
    values = (
        base.add_columns(((ended - started) / 3600.0).label("hours"))
        .join(start_days, on_start)
        .join(end_days, on_end)
    )
    count, (middle, ninetieth) = quantiles(session, values, FRACTIONS)
    return {
        "count": count,
        "median": round(middle, 1) if middle is not None else None,
        "p90": round(ninetieth, 1) if ninetieth is not None else None,
    }


def answer_times(
    session: DbSession, start: date, end: date, received: tuple, zone: ZoneInfo, overrides: dict
) -> dict[str, Any]:
    """Working hours from receipt to the first acceptance and to the first advice of
    the period's cases (those answered so far), and the SLA breaches of its rounds."""
    advice = _first_advice()
    clock = WorkingClock(session, start, _span(session, start, received, zone, advice), zone)
    accepted = (
        sa.select()
        .select_from(Consultation)
        .where(*received, Consultation.first_response_at.is_not(None))
    )
    advised = (
        sa.select()
        .select_from(Consultation)
        .join(advice, advice.c.consultation_id == Consultation.id)
        .where(*received)
    )
    clock.cover(
        overrides,
        [
            (sa.select().select_from(Consultation).where(*received), Consultation.created_at),
            (accepted, Consultation.first_response_at),
            (advised, advice.c.given_at),
        ],
        start,
    )
    return {
        "hours_to_acceptance": _working_hours(
            session, clock, Consultation.created_at, Consultation.first_response_at, accepted
        ),
        "hours_to_advice": _working_hours(
            session, clock, Consultation.created_at, advice.c.given_at, advised
        ),
    }


def sla_breaches(session: DbSession, span: Span) -> int:
    """Rounds drawn in the period whose lawyer did not accept in time (behind.breaches)."""
    return session.scalar(sa.select(sa.func.count()).where(*behind.breaches(span))) or 0
