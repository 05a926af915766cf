"""The report reads working time off an arithmetic clock in SQL (times.WorkingClock:
weekdays plus the calendar's exceptions, no table of days joined): it must agree
with the Python calendar on every kind of day, on both engines."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from legaldesk.db import UTCDateTime, db
from legaldesk.reports import rules
from legaldesk.reports.working_clock import WorkingClock
from legaldesk.workcal.rules import working_hours_between

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A center holiday on a weekday and a Saturday worked, beside the official calendar.
OVERRIDES = {date(2026, 6, 3): False, date(2026, 6, 6): True, date(2031, 3, 5): False}


def _moment(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), SHANGHAI).astimezone(UTC)


def _moments(first: date, days: int, step: int) -> list[datetime]:
    """Moments before, inside, between and after office hours, ``step`` days apart."""
    clocks = [(7, 0), (9, 15), (12, 40), (16, 5), (20, 30)]
    return [
        _moment(first + timedelta(days=n), *clocks[n % len(clocks)]) for n in range(0, days, step)
    ]


@pytest.mark.parametrize(
    "first, days, step",
    [
        (date(2026, 1, 20), 160, 3),  # the Spring Festival, its Sundays worked, Qingming...
        (date(2030, 12, 20), 120, 3),  # a year chinesecalendar does not know yet
        (date(2021, 12, 20), 1500, 61),  # four years: more exceptions than CASEs take
    ],
)
def test_the_sql_clock_reads_as_the_python_calendar(ctx, first, days, step):
    moments = _moments(first, days, step)
    last = moments[-1].astimezone(SHANGHAI).date()
    clock = WorkingClock(db.session, first, last, SHANGHAI)
    clock.start_at((first - rules.EPOCH_DAY).days, OVERRIDES, first)
    start = moments[0]
    for end in moments[1:]:
        readings = [clock.reading(*clock.local(sa.literal(m, UTCDateTime))) for m in (start, end)]
        hours = db.session.scalar(sa.select((readings[1] - readings[0]) / 3600.0))
        expected = working_hours_between(start, end, SHANGHAI, OVERRIDES)
        assert hours == pytest.approx(expected, abs=1e-6), (start, end)


def test_the_exceptions_are_the_days_not_as_monday_to_friday():
    found = dict(rules.clock_exceptions(date(2026, 5, 30), date(2026, 6, 7), OVERRIDES))
    assert found == {
        (date(2026, 6, 3) - rules.EPOCH_DAY).days: -1,
        (date(2026, 6, 6) - rules.EPOCH_DAY).days: 1,
    }
