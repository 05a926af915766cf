"""Pure rules: room hours, series dates, the free-slot finder."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from legaldesk.rooms.finder import RoomPlan, Search, next_free, shared_days
from legaldesk.rooms.rules import Slot, occurrences, parse_hours, within_hours

SH = ZoneInfo("Asia/Shanghai")
HOURS = parse_hours("08:30-12:00,13:30-17:30")
TWO_HOURS = timedelta(hours=2)


def at(day: str, clock: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), SH)


def test_opening_hours_are_read_strictly():
    assert parse_hours(" 09:00-12:00 ，14:00-18:00") == (
        (time(9), time(12)),
        (time(14), time(18)),
    )
    for bad in ("", "9-12", "12:00-09:00", "08:30-12:00,11:00-13:00", "08:30-12:00;x"):
        with pytest.raises(ValueError):
            parse_hours(bad)


def test_a_weekly_series_keeps_its_local_clock_time():
    first = Slot(at("2026-12-01", "14:00"), at("2026-12-01", "16:00"))
    dates = occurrences(first, SH, 7, 10)
    assert len(dates) == 10
    assert dates[-1].starts_at == at("2027-02-02", "14:00")
    assert all(s.ends_at - s.starts_at == timedelta(hours=2) for s in dates)


def test_the_finder_skips_lunch_holidays_and_busy_times():
    busy_room = [(at("2026-09-30", "08:30"), at("2026-09-30", "11:00"))]
    mediator = [(at("2026-09-30", "13:30"), at("2026-09-30", "15:00"))]
    room = RoomPlan(1, HOURS, timedelta(minutes=30), busy_room)
    found = next_free([room], mediator, Search(at("2026-09-30", "08:00"), TWO_HOURS, SH))
    # 11:30 is taken by the buffer, the afternoon by the mediator until 15:00:
    assert found[0].slot.starts_at == at("2026-09-30", "15:00")
    # from the evening of 30 September the next working day is 8 October (National Day)
    found = next_free([room], [], Search(at("2026-09-30", "17:00"), TWO_HOURS, SH))
    assert found[0].slot.starts_at == at("2026-10-08", "08:30")


def test_the_finder_takes_both_parties_days_and_the_centers_own_holidays():
    room = RoomPlan(1, HOURS)
    days = shared_days([1, 3, 5], [3, 4])
    assert days == {3}
    start = at("2027-03-01", "08:00")  # a Monday in a year chinesecalendar does not know
    found = next_free([room], [], Search(start, TWO_HOURS, SH, weekdays=days))
    assert found[0].slot.starts_at == at("2027-03-03", "08:30")
    closed = {date(2027, 3, 3): False}
    found = next_free([room], [], Search(start, TWO_HOURS, SH, closed, weekdays=days))
    assert found[0].slot.starts_at == at("2027-03-10", "08:30")
    assert shared_days([], [2]) == {2} and shared_days([], []) == set(range(1, 8))


def test_the_earliest_room_wins_and_ties_go_to_the_first_room():
    one = RoomPlan(1, HOURS, busy=[(at("2026-12-01", "08:30"), at("2026-12-01", "12:00"))])
    two = RoomPlan(2, parse_hours("09:00-12:00"))
    found = next_free([one, two], [], Search(at("2026-12-01", "08:00"), TWO_HOURS, SH), limit=3)
    assert [(f.room_id, f.slot.starts_at.astimezone(SH).strftime("%H:%M")) for f in found] == [
        (2, "09:00"),
        (2, "09:30"),
        (2, "10:00"),
    ]


@settings(max_examples=150, deadline=None)
@given(
    busy=st.lists(st.tuples(st.integers(0, 20 * 48), st.integers(1, 12)), max_size=25),
    after=st.integers(0, 5 * 48),
    half_hours=st.integers(1, 7),
    buffer=st.sampled_from([0, 15, 30]),
    days=st.sets(st.integers(1, 7), min_size=1),
)
def test_a_found_slot_never_clashes_and_fits_the_rules(busy, after, half_hours, buffer, days):
    origin = at("2026-11-02", "00:00")
    spans = [
        (origin + timedelta(minutes=30 * s), origin + timedelta(minutes=30 * (s + n)))
        for s, n in busy
    ]
    room = RoomPlan(1, HOURS, timedelta(minutes=buffer), spans)
    length = timedelta(minutes=30 * half_hours)
    start = origin + timedelta(minutes=30 * after)
    search = Search(start, length, SH, weekdays=frozenset(days))
    for found in next_free([room], [], search, limit=3):
        slot = found.slot
        assert slot.starts_at >= start and slot.ends_at - slot.starts_at == length
        assert within_hours(slot, SH, HOURS)
        assert slot.starts_at.astimezone(SH).isoweekday() in days
        blocked = slot.ends_at + timedelta(minutes=buffer)
        assert all(not (slot.starts_at < until and begins < blocked) for begins, until in spans)


@pytest.mark.parametrize("raw", ["0001-01-01", "08:30-12:00+08", "08:30+08:00-12:00"])
def test_hours_with_an_offset_are_refused_not_compared(raw):
    """Found by an attacker: "01-01" parsed as a time with an offset made a 500."""
    with pytest.raises(ValueError):
        parse_hours(raw)
