"""The report's pure arithmetic: periods of the picker, quantiles, the working-hour
clock the database joins on, and a zone's offsets (daylight saving included)."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legaldesk.errors import ValidationFailed
from legaldesk.reports import rules
from legaldesk.workcal.rules import is_working_day, working_hours_between

TODAY = date(2026, 11, 27)


def test_periods_containing_a_day():
    day = date(2026, 8, 15)
    assert rules.period_containing("month", day) == rules.Period(
        "month", date(2026, 8, 1), date(2026, 8, 31)
    )
    assert rules.period_containing("quarter", day).start == date(2026, 7, 1)
    assert rules.period_containing("quarter", day).end == date(2026, 9, 30)
    half = rules.period_containing("half", day)
    assert (half.start, half.end, half.number) == (date(2026, 7, 1), date(2026, 12, 31), 2)
    assert rules.period_containing("year", day).end == date(2026, 12, 31)
    assert rules.period_containing("month", date(2028, 2, 10)).end == date(2028, 2, 29)


def test_earlier_and_later_periods():
    half = rules.period_containing("half", date(2026, 7, 1))
    assert rules.shifted(half, -1) == rules.Period("half", date(2026, 1, 1), date(2026, 6, 30))
    assert rules.shifted(half, 1).start == date(2027, 1, 1)
    december = rules.period_containing("month", date(2026, 12, 5))
    assert rules.shifted(december, 1).start == date(2027, 1, 1)
    assert rules.shifted(rules.Period("custom", TODAY, TODAY), 1) is None
    assert rules.shifted(rules.period_containing("year", date(2000, 5, 1)), -1) is None


def test_the_picker_defaults_to_the_current_half_year():
    assert rules.pick({}, TODAY) == rules.Period("half", date(2026, 7, 1), date(2026, 12, 31))
    assert rules.pick({"kind": "quarter", "on": "2026-02"}, TODAY).end == date(2026, 3, 31)
    custom = rules.pick({"from": "2026-03-03", "to": "2026-04-04"}, TODAY)
    assert custom == rules.Period("custom", date(2026, 3, 3), date(2026, 4, 4))
    assert (
        rules.pick({"kind": "custom", "from": "2026-01-01", "to": "2026-12-31"}, TODAY).kind
        == "year"
    )
    assert rules.pick({"kind": "nonsense"}, TODAY).kind == "half"
    for bad in ({"kind": "month", "on": "2026-13"}, {"kind": "month", "on": "1999-12"}):
        with pytest.raises(ValidationFailed) as failed:
            rules.pick(bad, TODAY)
        assert "on" in failed.value.fields
    with pytest.raises(ValidationFailed):
        rules.pick({"from": "2026-05-01", "to": "2026-04-01"}, TODAY)


def test_quantile_rows_interpolate():
    assert rules.quantile_rows(1, 0.9) == (0, 0.0)
    assert rules.quantile_rows(3, 0.5) == (1, 0.0)
    below, weight = rules.quantile_rows(3, 0.9)
    assert below == 1 and weight == pytest.approx(0.8)
    assert rules.share(1, 3) == 0.333 and rules.share(1, 0) is None


def test_a_zone_with_daylight_saving_has_its_changes_to_the_second():
    berlin = ZoneInfo("Europe/Berlin")
    low, high = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC)
    offsets = rules.zone_offsets(berlin, low, high)
    assert [offset for _, offset in offsets] == [3600, 7200, 3600]
    assert datetime.fromtimestamp(offsets[1][0], UTC) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert datetime.fromtimestamp(offsets[2][0], UTC) == datetime(2026, 10, 25, 1, 0, tzinfo=UTC)
    assert rules.zone_offsets(ZoneInfo("Asia/Shanghai"), low, high) == [(low.timestamp(), 28800)]


SHANGHAI = ZoneInfo("Asia/Shanghai")
FIRST = date(2026, 9, 1)
moments = st.integers(0, 60 * 24 * 60).map(
    lambda minutes: datetime(2026, 9, 1, tzinfo=SHANGHAI) + timedelta(minutes=minutes)
)


@settings(max_examples=60, deadline=None)
@given(moments, moments)
def test_the_clock_reads_the_working_hours_the_calendar_counts(a, b):
    start, end = min(a, b), max(a, b)
    clock = {
        number: (before, working)
        for number, before, working in rules.working_clock(FIRST, date(2026, 11, 30), {})
    }

    def reading(moment):
        local = moment.astimezone(SHANGHAI)
        before, working = clock[(local.date() - rules.EPOCH_DAY).days]
        into = local.hour * 3600 + local.minute * 60
        office = sum(max(0, min(into, hi) - lo) for lo, hi in ((30600, 43200), (48600, 63000)))
        return before + working * office

    expected = working_hours_between(start, end, SHANGHAI, {})
    assert (reading(end) - reading(start)) / 3600 == pytest.approx(expected)


def test_working_days_across_a_year_the_official_calendar_does_not_know():
    entries = {date(2027, 1, 9): True, date(2027, 1, 11): False}  # a Saturday, a Monday
    first, last = date(2026, 12, 20), date(2027, 2, 10)
    expected = sum(
        is_working_day(first + timedelta(days=n), entries) for n in range((last - first).days + 1)
    )
    assert rules.working_days(first, last, entries) == expected
    assert (
        rules.working_days(date(2026, 10, 1), date(2026, 10, 10), {}) == 3
    )  # 国庆 to the 7th, then 8, 9 and Saturday 10 (调休)
    assert rules.working_days(date(2000, 1, 1), date(2999, 12, 31), {}) > 250_000  # quickly


@settings(max_examples=60, deadline=None)
@given(
    st.dates(date(2024, 1, 1), date(2028, 12, 31)),
    st.integers(0, 500),
    st.dictionaries(st.dates(date(2024, 1, 1), date(2029, 6, 30)), st.booleans(), max_size=8),
)
def test_working_days_by_arithmetic_counts_as_the_calendar_day_by_day(first, length, entries):
    last = first + timedelta(days=length)
    expected = sum(
        is_working_day(first + timedelta(days=n), entries) for n in range((last - first).days + 1)
    )
    assert rules.working_days(first, last, entries) == expected


@given(st.lists(st.integers(0, 400), min_size=1, max_size=60), st.sampled_from([0.1, 0.5, 0.9]))
def test_quantiles_read_off_counts_equal_those_of_the_values(tenths, fraction):
    """rules.histogram_quantiles over counts of tenths of an hour gives what
    percentile_cont gives over the values themselves."""
    values = sorted(t / 10 for t in tenths)
    below, weight = rules.quantile_rows(len(values), fraction)
    expected = values[below] + (values[min(below + 1, len(values) - 1)] - values[below]) * weight
    total, (found,) = rules.histogram_quantiles(Counter(tenths), (fraction,), 0.1)
    assert total == len(values) and found == pytest.approx(expected)
    assert rules.histogram_quantiles({}, (fraction,), 0.1) == (0, [None])
