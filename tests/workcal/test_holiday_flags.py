"""A holiday entered on /calendar for a day that already holds bookings: the
coordinator is told (how many, with links), the bookings stay where they are and carry
a mark on the week and on their own page. /calendar shows times in the desk zone."""

from datetime import UTC, datetime, time, timedelta

import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.rooms.models import Booking
from legaldesk.workcal.models import CalendarYear
from legaldesk.workcal.rules import is_working_day, official_years
from tests.helpers import today as local_today


def working_day_ahead(days: int = 6):
    day = local_today()
    while days:
        day += timedelta(days=1)
        if is_working_day(day, {}):
            days -= 1
    return day


def book(api, room, day, starts="10:00", ends="11:00") -> int:
    made = api.post(
        "/bookings",
        json={
            "room_id": room,
            "starts_at": f"{day.isoformat()}T{starts}:00+08:00",
            "ends_at": f"{day.isoformat()}T{ends}:00+08:00",
            "title": "培训",
        },
    )
    assert made.status_code == 201, made.json
    return made.json["id"]


def test_a_holiday_over_bookings_is_told_on_save_and_marked(api_as, make, login, client):
    room = make.room()
    api = api_as("intake")
    day, other = working_day_ahead(), working_day_ahead(8)
    first, second = book(api, room, day), book(api, room, day, "14:00", "15:00")
    elsewhere = book(api, room, other)
    login("coordinator")
    saved = client.post(
        "/calendar", data={"day": day.isoformat(), "working": "0"}, follow_redirects=True
    )
    page = saved.get_data(as_text=True)
    assert "该日已有 2 个预约" in page
    assert f"/rooms/bookings/{first}" in page and f"/rooms/bookings/{second}" in page
    assert f"/rooms/bookings/{elsewhere}" not in page
    # Nothing is moved or cancelled.
    active = make.run(
        lambda: db.session.scalars(
            sa.select(Booking.id).where(Booking.cancelled_at.is_(None)).order_by(Booking.id)
        ).all()
    )
    assert active == [first, second, elsewhere]
    week = client.get(f"/rooms?week={day.isoformat()}").get_data(as_text=True)
    assert week.count("该日已设为节假日") == 2
    assert "该日已设为节假日" in client.get(f"/rooms/bookings/{first}").get_data(as_text=True)
    assert "该日已设为节假日" not in client.get(f"/rooms/bookings/{elsewhere}").get_data(
        as_text=True
    )
    english = client.get(f"/rooms/bookings/{first}", headers={"Accept-Language": "en"})
    assert "This day is now a holiday" in english.get_data(as_text=True)


def test_a_holiday_on_an_empty_day_says_nothing_more(make, login, client):
    login("coordinator")
    day = working_day_ahead()
    page = client.post(
        "/calendar", data={"day": day.isoformat(), "working": "0"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "已保存" in page and "个预约" not in page


def test_the_calendar_shows_when_a_year_was_confirmed_in_the_desk_zone(make, login, client):
    today = local_today()
    year = next(y for y in range(today.year, today.year + 3) if y not in official_years())
    # 17:30 UTC on a day is already the next day in Shanghai.
    confirmed = datetime.combine(today - timedelta(days=3), time(17, 30), UTC)

    def confirm():
        db.session.add(CalendarYear(year=year, confirmed_at=confirmed))
        db.session.commit()

    make.run(confirm)
    login("coordinator")
    page = client.get("/calendar").get_data(as_text=True)
    assert (today - timedelta(days=2)).isoformat() in page
    assert (today - timedelta(days=3)).isoformat() not in page
