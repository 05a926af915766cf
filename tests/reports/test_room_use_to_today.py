"""Room use counts a period only up to today (the desk's zone): open hours on the
working days up to and including today, booked hours of the bookings that start by
the end of today. A booking next week is not use yet, and a period wholly ahead has
no open hours and no share ("—" on the page). The API and the page agree."""

from datetime import timedelta

from legaldesk.reports.rules import working_days
from tests.helpers import future_working_day, is_working, today
from tests.reports.room_tables import book, page_rows

DAY_HOURS = 7.5  # the default opening hours, 08:30-12:00 and 13:30-17:30


def _past_working_day(first):
    day = today() - timedelta(days=1)
    while not is_working(day):
        day -= timedelta(days=1)
    assert day >= first
    return day


def _summary(api_as, first, last) -> dict:
    query = f"from={first.isoformat()}&to={last.isoformat()}"
    return api_as("coordinator").get(f"/reports/summary?{query}").json


def test_a_period_running_past_today_counts_up_to_today(make, api_as):
    room = make.room()
    first, last = today() - timedelta(days=14), today() + timedelta(days=30)
    make.run(book(room, _past_working_day(first), "09:00", "12:00"))
    make.run(book(room, future_working_day(weeks=1), "09:00", "11:00"))  # next week
    (use,) = _summary(api_as, first, last)["room_use"]
    open_hours = working_days(first, today(), {}) * DAY_HOURS
    assert use["open_hours"] == open_hours
    assert use["booked_hours"] == 3.0
    assert use["share"] == round(3 / open_hours, 3)


def test_a_booking_later_today_counts_as_today_is_open(make, api_as):
    """Today's opening hours count whole, so do today's bookings, started or not."""
    room = make.room()
    first = today() - timedelta(days=14)
    make.run(book(room, today(), "23:00", "23:30"))
    (use,) = _summary(api_as, first, today() + timedelta(days=7))["room_use"]
    assert use["booked_hours"] == 0.5


def test_a_period_ahead_has_no_share(make, api_as):
    room = make.room()
    make.run(book(room, future_working_day(weeks=1), "09:00", "11:00"))
    first = today() + timedelta(days=1)
    (use,) = _summary(api_as, first, first + timedelta(days=30))["room_use"]
    assert use["open_hours"] == 0
    assert use["booked_hours"] == 0
    assert use["share"] is None


def test_the_page_agrees_and_says_it_counts_to_today(make, api_as, client, login):
    room = make.room()
    make.run(book(room, future_working_day(weeks=1), "09:00", "11:00"))
    first = today() + timedelta(days=1)
    last = first + timedelta(days=30)
    (use,) = _summary(api_as, first, last)["room_use"]
    login("coordinator")
    page = client.get(f"/reports?from={first.isoformat()}&to={last.isoformat()}")
    text = page.get_data(as_text=True)
    assert page_rows(text)[use["name"]] == ["—", "0.0", "0.0"]
    assert "Room use counts the period up to today" in text or "场地使用只计到今天" in text
