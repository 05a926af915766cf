"""Times at the edges of the calendar and below a minute are field errors, never a 500
or a booking that means something other than it shows (found by the attack pass)."""

import pytest

from tests.rooms.days import future_day, moment, slot

EDGES = [
    ("0001-01-01T00:00:00+08:00", "0001-01-01T01:00:00+08:00"),
    ("9999-12-31T23:00:00-08:00", "9999-12-31T23:30:00-08:00"),
]


@pytest.fixture
def booker(make, api_as):
    room = make.room()
    return room, api_as("coordinator")


@pytest.mark.parametrize(("starts", "ends"), EDGES)
def test_years_at_the_edge_are_refused_on_the_starting_time(booker, starts, ends):
    room, api = booker
    answer = api.post(
        "/bookings", json={"room_id": room, "starts_at": starts, "ends_at": ends, "title": "x"}
    )
    assert answer.status_code == 422, answer.json
    assert "starts_at" in answer.json["error"]["fields"]
    series = {
        "room_id": room,
        "starts_at": starts,
        "ends_at": ends,
        "title": "x",
        "repeat": {"every_days": 7, "count": 2},
    }
    assert api.post("/bookings", json=series).status_code == 422


def test_a_move_to_the_edge_is_refused(booker):
    room, api = booker
    made = api.post("/bookings", json={"room_id": room, "title": "x", **slot(future_day())})
    assert made.status_code == 201, made.json
    starts, ends = EDGES[1]
    moved = api.patch(f"/bookings/{made.json['id']}", json={"starts_at": starts, "ends_at": ends})
    assert moved.status_code == 422, moved.json


@pytest.mark.parametrize(
    ("starts", "ends", "field"),
    [
        ("09:00:00", "09:00:00.000001", "ends_at"),
        ("09:00:00", "10:00:00.5", "ends_at"),
        ("09:00:30", "10:00:00", "starts_at"),
    ],
)
def test_times_below_a_minute_are_refused(booker, starts, ends, field):
    room, api = booker
    day = future_day().isoformat()
    body = {
        "room_id": room,
        "title": "x",
        "starts_at": f"{day}T{starts}+08:00",
        "ends_at": f"{day}T{ends}+08:00",
    }
    answer = api.post("/bookings", json=body)
    assert answer.status_code == 422 and field in answer.json["error"]["fields"], answer.json


def test_an_offset_with_seconds_is_refused(booker):
    room, api = booker
    day = future_day()
    body = {
        "room_id": room,
        "title": "x",
        "starts_at": moment(day, "09:00").replace("+08:00", "+08:00:30"),
        "ends_at": moment(day, "10:00"),
    }
    assert api.post("/bookings", json=body).status_code == 422
