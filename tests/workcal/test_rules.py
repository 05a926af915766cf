"""Working time with China's calendar, its adjusted days and the center's own days."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from legaldesk.workcal.rules import (
    add_working_hours,
    is_working_day,
    official_workday,
    working_hours_between,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(*parts):
    return datetime(*parts, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    "day,working",
    [
        (date(2026, 10, 1), False),
        (date(2026, 10, 7), False),  # National Day holidays
        (date(2026, 10, 10), True),  # Saturday made a working day (调休)
        (date(2026, 10, 11), False),
        (date(2026, 10, 12), True),
    ],
)
def test_the_official_calendar_with_adjusted_days(day, working):
    assert is_working_day(day, {}) is working


def test_years_the_official_calendar_does_not_know_fall_back_to_weekdays():
    assert official_workday(date(2027, 1, 4)) is None  # chinesecalendar raises for 2027
    assert is_working_day(date(2027, 1, 4), {}) is True  # a Monday
    assert is_working_day(date(2027, 1, 9), {}) is False  # a Saturday


def test_the_centers_own_days_win():
    assert is_working_day(date(2026, 10, 12), {date(2026, 10, 12): False}) is False
    assert is_working_day(date(2027, 2, 6), {date(2027, 2, 6): True}) is True


def test_deadlines_skip_lunch_nights_and_holidays():
    assert add_working_hours(at(2026, 10, 12, 11, 0), 2, SHANGHAI, {}) == at(2026, 10, 12, 14, 30)
    # Routed on the afternoon before National Day: the clock resumes on 8 October.
    assert add_working_hours(at(2026, 9, 30, 16, 0), 4, SHANGHAI, {}) == at(2026, 10, 8, 11, 0)
    # Outside office hours the clock starts at the next opening.
    assert add_working_hours(at(2026, 10, 12, 20, 0), 1, SHANGHAI, {}) == at(2026, 10, 13, 9, 30)
    # 2027 and later: weekdays.
    assert add_working_hours(at(2027, 1, 8, 17, 0), 1, SHANGHAI, {}) == at(2027, 1, 11, 9, 0)


def test_hours_between_count_office_time_only():
    assert (
        working_hours_between(at(2026, 10, 12, 8, 0), at(2026, 10, 12, 18, 0), SHANGHAI, {}) == 7.5
    )
    assert working_hours_between(at(2026, 10, 1, 9, 0), at(2026, 10, 4, 9, 0), SHANGHAI, {}) == 0
