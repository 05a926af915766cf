"""Issue 13: "overdue" defined once (cases/overdue_rules.py), and the SLA cutoff that
turns "past the acceptance SLA" into one comparison (workcal.subtract_working_hours)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from legaldesk.cases.overdue_rules import followup_past_due, is_overdue, late_to_accept
from legaldesk.workcal.rules import add_working_hours, subtract_working_hours

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=SHANGHAI)


def test_the_cutoff_walks_back_over_lunch_nights_and_weekends():
    # 4 working hours before Monday 14:30 is Monday 09:00 (lunch 12:00-13:30 skipped)
    assert subtract_working_hours(MONDAY.replace(hour=14, minute=30), 4, SHANGHAI, {}) == MONDAY
    # before Monday 10:00: 1.5 hours on Monday, 2.5 back from Friday 17:30
    friday = datetime(2026, 11, 13, 15, 0, tzinfo=SHANGHAI)
    assert subtract_working_hours(MONDAY.replace(hour=10), 4, SHANGHAI, {}) == friday
    # a holiday the center entered does not count
    holiday = {date(2026, 11, 13): False}
    thursday = datetime(2026, 11, 12, 15, 0, tzinfo=SHANGHAI)
    assert subtract_working_hours(MONDAY.replace(hour=10), 4, SHANGHAI, holiday) == thursday


@settings(max_examples=150, deadline=None)
@given(
    drawn=st.datetimes(min_value=datetime(2026, 1, 5), max_value=datetime(2026, 12, 20)),
    later=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=6)),
    hours=st.sampled_from([0.5, 1, 4, 7.5, 16]),
)
def test_late_exactly_when_the_deadline_has_passed(drawn, later, hours):
    """drawn <= cutoff(now)  <=>  add_working_hours(drawn) <= now: the list's WHERE
    clause and the scheduler's escalation agree on every case."""
    drawn = drawn.replace(tzinfo=UTC)
    now = drawn + later
    cutoff = subtract_working_hours(now, hours, SHANGHAI, {})
    assert (drawn <= cutoff) == (add_working_hours(drawn, hours, SHANGHAI, {}) <= now)


def test_what_counts_as_overdue():
    now = MONDAY
    cutoff = subtract_working_hours(now, 4, SHANGHAI, {})
    today = now.date()
    late = now - timedelta(days=3)
    assert late_to_accept("routed", late, cutoff)
    assert not late_to_accept("routed", now, cutoff)  # drawn just now
    assert not late_to_accept("accepted", late, cutoff)  # accepted in the end
    assert not late_to_accept("routed", None, cutoff)  # no drawn round
    assert followup_past_due("following_up", today - timedelta(days=1), False, today)
    assert not followup_past_due("following_up", today, False, today)  # due today: not yet
    assert not followup_past_due("following_up", today - timedelta(days=1), True, today)
    assert not followup_past_due("closed", today - timedelta(days=1), False, today)
    assert is_overdue("advised", None, cutoff, [today, today - timedelta(days=5)], today)
    assert is_overdue("routed", late, cutoff, [], today)
    assert not is_overdue("withdrawn", late, cutoff, [today - timedelta(days=5)], today)
