"""/rooms: the week of every room, and booking from the page."""

from datetime import timedelta

from legaldesk.db import db
from legaldesk.rooms.models import Booking
from tests.helpers import future_working_day

MONDAY = future_working_day(weekday=0)
SUNDAY = MONDAY + timedelta(days=6)


def book(client, room, starts, ends, title="x"):
    data = {
        "room_id": room,
        "day": MONDAY.isoformat(),
        "starts": starts,
        "ends": ends,
        "title": title,
        "attendees": "3",
    }
    return client.post("/rooms/book", data=data, follow_redirects=True).get_data(as_text=True)


def test_book_from_the_week_page_and_see_it(client, login, make):
    room = make.room()
    login("intake")
    empty = client.get(f"/rooms?week={MONDAY}").get_data(as_text=True)
    assert "商事调解室一" in empty and f"{MONDAY:%m-%d}" in empty and f"{SUNDAY:%m-%d}" in empty
    page = book(client, room, "10:00", "11:00", "远航物流 调解")
    assert "已预约。" in page and "远航物流 调解" in page
    week = client.get(f"/rooms?week={MONDAY}").get_data(as_text=True)
    assert "10:00–11:00</time> 远航物流 调解" in week
    assert "冲突" in book(client, room, "10:30", "11:30")
    assert "不在开放时间内" in book(client, room, "12:00", "13:00")
    assert make.run(lambda: db.session.query(Booking).count()) == 1


def test_a_bad_week_falls_back_to_this_week(client, login):
    login("intake")
    assert client.get("/rooms?week=yesterday").status_code == 200
    assert client.get("/rooms?week=0001-01-01").status_code == 200
