"""Issue 12 item 9: a refused booking or move keeps everything typed and says at the
field what is wrong. The move form on a booking's page used to redirect and lose it."""

import re

from tests.rooms.test_booking_form import field_errors, form, soon, value_of


def _booked(client, room, day, **extra) -> int:
    answer = client.post("/rooms/book", data=form(room, day, **extra))
    assert answer.status_code == 302, answer.text
    return int(re.search(r"/rooms/bookings/(\d+)", answer.headers["Location"]).group(1))


def _move(client, booking, room, when, **extra):
    data = {"room_id": str(room), "day": when.isoformat(), "starts": "14:00", "ends": "15:00"}
    return client.post(f"/rooms/bookings/{booking}/move", data={**data, **extra})


def test_a_move_onto_another_booking_keeps_what_was_typed(client, login, make):
    room, other_room = make.room(), make.room("商事调解室二")
    login("intake")
    day = soon()
    _booked(client, room, day)  # 10:00-11:00
    mine = _booked(client, other_room, day, title="第二场", starts="15:00", ends="16:00")
    refused = _move(client, mine, room, day, starts="10:30", ends="11:30")
    page = refused.text
    assert refused.status_code == 409
    assert value_of(page, "starts") == "10:30" and value_of(page, "ends") == "11:30"
    assert f'<option value="{room}" selected>' in page  # the room chosen, not the booking's
    assert any("冲突" in e for e in field_errors(page, "starts"))
    assert "预约未改期" in page or "未改期" in page


def test_a_move_outside_opening_hours_is_told_at_the_time(client, login, make):
    room = make.room()
    login("intake")
    day = soon()
    mine = _booked(client, room, day)
    refused = _move(client, mine, room, day, starts="18:00", ends="19:00")
    assert refused.status_code == 422
    assert any("开放时间" in e for e in field_errors(refused.text, "starts"))
    assert value_of(refused.text, "ends") == "19:00"


def test_a_date_or_time_that_is_none_is_told_at_its_field(client, login, make):
    room = make.room()
    login("intake")
    day = soon()
    mine = _booked(client, room, day)
    bad_day = _move(client, mine, room, day, day="2026-13-45")
    assert bad_day.status_code == 422
    assert field_errors(bad_day.text, "day") and value_of(bad_day.text, "day") == "2026-13-45"
    bad_time = _move(client, mine, room, day, starts="25:00")
    assert field_errors(bad_time.text, "starts") and value_of(bad_time.text, "starts") == "25:00"


def test_a_refused_booking_keeps_every_field(client, login, make):
    room = make.room()
    login("intake")
    day = soon()
    _booked(client, room, day)
    typed = form(room, day, title="第二场", starts="10:30", purpose="legal_education")
    refused = client.post("/rooms/book", data={**typed, "repeat_count": "x"})
    page = refused.text
    assert refused.status_code == 422
    assert value_of(page, "title") == "第二场" and value_of(page, "repeat_count") == "x"
    assert '<option value="legal_education" selected>' in page
    assert field_errors(page, "repeat_count")
    assert '<div class="field  has-error">' in page  # the desk's layout, error at the field


def test_a_move_that_works_still_redirects(client, login, make):
    room = make.room()
    login("intake")
    day = soon()
    mine = _booked(client, room, day)
    moved = _move(client, mine, room, day)
    assert moved.status_code == 302
