"""The booking form on /rooms, as a new clerk meets it: a refusal keeps what was typed
and says, next to the field concerned and in the clerk's language, what is wrong; the
date starts on the next working day; full-width digits are read right or refused."""

import re
from datetime import date, timedelta

import sqlalchemy as sa

from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.rooms.models import Booking, Room
from legaldesk.workcal.models import CalendarDay
from legaldesk.workcal.rules import is_working_day
from tests.helpers import today as local_today


def working_day(after: date, days: int = 1) -> date:
    """The ``days``-th working day after ``after`` (official calendar, weekdays beyond)."""
    day = after
    while days:
        day += timedelta(days=1)
        if is_working_day(day, {}):
            days -= 1
    return day


def soon() -> date:
    return working_day(local_today(), 5)


def form(room: int, day: date, **extra) -> dict:
    return {
        "room_id": str(room),
        "day": day.isoformat(),
        "starts": "10:00",
        "ends": "11:00",
        "title": "远航物流 咨询",
        "attendees": "3",
        **extra,
    }


def field_errors(page: str, name: str) -> list[str]:
    """The error texts shown with the form field ``name``."""
    return re.findall(rf'<p class="error" role="alert" data-for="{name}">([^<]*)</p>', page)


def value_of(page: str, name: str) -> str | None:
    found = re.search(rf'<input[^>]* name="{name}"[^>]* value="([^"]*)"', page)
    return found.group(1) if found else None


def bookings(make) -> list[tuple[str, int]]:
    return make.run(lambda: db.session.execute(sa.select(Booking.title, Booking.attendees)).all())


def test_a_clash_keeps_the_input_and_names_the_time(client, login, make):
    room = make.room()
    login("intake")
    day = soon()
    assert client.post("/rooms/book", data=form(room, day)).status_code == 302
    again = client.post("/rooms/book", data=form(room, day, title="第二场", starts="10:30"))
    page = again.get_data(as_text=True)
    assert again.status_code == 409
    assert value_of(page, "title") == "第二场" and value_of(page, "starts") == "10:30"
    assert value_of(page, "day") == day.isoformat() and value_of(page, "attendees") == "3"
    assert any("冲突" in e for e in field_errors(page, "starts"))


def test_outside_hours_a_holiday_and_the_past_are_told_at_their_field(client, login, make):
    room = make.room()
    login("intake")
    day = soon()
    late = client.post("/rooms/book", data=form(room, day, starts="18:00", ends="19:00"))
    assert late.status_code == 422
    assert any("开放时间" in e for e in field_errors(late.text, "starts"))
    assert value_of(late.text, "ends") == "19:00"

    def holiday():
        db.session.add(CalendarDay(day=day, working=False, note="", created_at=utcnow()))
        db.session.commit()

    make.run(holiday)
    closed = client.post("/rooms/book", data=form(room, day))
    assert closed.status_code == 422
    assert any("不是工作日" in e for e in field_errors(closed.text, "day"))
    past = working_day(local_today() - timedelta(days=10))
    gone = client.post("/rooms/book", data=form(room, past))
    assert any("过去" in e or "早于现在" in e for e in field_errors(gone.text, "day"))
    assert bookings(make) == []


def test_the_message_is_in_the_clerks_language(client, login, make):
    room = make.room()
    login("intake")
    page = client.post(
        "/rooms/book",
        data=form(room, soon(), starts="18:00", ends="19:00"),
        headers={"Accept-Language": "en"},
    ).get_data(as_text=True)
    assert any("opening hours" in e for e in field_errors(page, "starts"))


def test_the_date_starts_on_the_next_working_day(client, login, make):
    make.room()
    login("intake")
    today = local_today()
    first = working_day(today)

    def page_default() -> str | None:
        return value_of(client.get("/rooms").get_data(as_text=True), "day")

    assert page_default() == first.isoformat()

    def holiday():
        db.session.add(CalendarDay(day=first, working=False, note="", created_at=utcnow()))
        db.session.commit()

    make.run(holiday)  # a holiday entered on /calendar counts too
    assert page_default() == working_day(first).isoformat()
    # A later week offers its own first working day.
    later = today + timedelta(days=28)
    monday = later - timedelta(days=later.weekday())
    shown = value_of(client.get(f"/rooms?week={monday}").get_data(as_text=True), "day")
    assert shown == working_day(monday - timedelta(days=1)).isoformat()


def test_full_width_digits_are_read_as_the_number_they_show(client, login, make):
    room = make.room(capacity=20)
    login("intake")
    made = client.post("/rooms/book", data=form(room, soon(), attendees="１２"))
    assert made.status_code == 302
    assert bookings(make) == [("远航物流 咨询", 12)]


def test_a_number_that_is_no_number_is_a_field_error_not_a_default(client, login, make):
    room = make.room(capacity=20)
    login("intake")
    for bad in ("十二", "0", "-3", "1.5", "12人", "¹²"):
        page = client.post("/rooms/book", data=form(room, soon(), attendees=bad))
        assert page.status_code == 422, bad
        assert field_errors(page.text, "attendees"), bad
        assert value_of(page.text, "attendees") == bad
    weeks = client.post("/rooms/book", data=form(room, soon(), repeat_count="三"))
    assert weeks.status_code == 422 and field_errors(weeks.text, "repeat_count")
    assert bookings(make) == []


def test_room_settings_read_full_width_digits(client, login, make):
    room = make.room()
    login("coordinator")
    client.post(
        f"/rooms/{room}/settings",
        data={"capacity": "１５", "buffer_minutes": "１０", "opening_hours": "08:30-12:00"},
    )
    saved = make.run(lambda: db.session.get(Room, room))
    assert (saved.capacity, saved.buffer_minutes) == (15, 10)
