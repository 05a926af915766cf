"""Bookings through the API: half-open slots, opening hours, cancellation, the feed."""

import pytest
from icalendar import Calendar

from tests.helpers import day_in_unconfirmed_year, future_working_day, iso

DAY = future_working_day()


@pytest.fixture
def room(make):
    return make.room()


def slot(room, start, end, **extra):
    return {
        "room_id": room,
        "starts_at": iso(DAY, start),
        "ends_at": iso(DAY, end),
        "title": "调解",
        **extra,
    }


def test_half_open_slots_and_a_named_clash(api_as, room):
    api = api_as("coordinator")
    first = api.post("/bookings", json=slot(room, "10:00", "11:00"))
    assert first.status_code == 201
    assert api.post("/bookings", json=slot(room, "11:00", "12:00")).status_code == 201
    clash = api.post("/bookings", json=slot(room, "10:30", "11:30"))
    assert clash.status_code == 409
    assert clash.json["error"]["code"] == "booking_conflict"
    assert f"#{first.json['id']}" in clash.json["error"]["message"]


def test_cancelling_frees_the_slot(api_as, room):
    api = api_as("coordinator")
    booking = api.post("/bookings", json=slot(room, "09:00", "10:00")).json
    assert api.delete(f"/bookings/{booking['id']}").status_code == 204
    assert api.post("/bookings", json=slot(room, "09:00", "10:00")).status_code == 201
    assert api.delete("/bookings/999999").status_code == 404


@pytest.mark.parametrize(
    "body,field",
    [
        (lambda r: slot(r, "11:00", "10:00"), "ends_at"),
        (lambda r: slot(r, "12:00", "13:00"), "starts_at"),  # lunch
        (
            lambda r: {
                **slot(r, "10:00", "11:00"),
                "starts_at": "2026-10-01T10:00:00+08:00",
                "ends_at": "2026-10-01T11:00:00+08:00",
            },
            "starts_at",
        ),  # National Day
        (lambda r: slot(r, "10:00", "11:00", attendees=30), "attendees"),
        (lambda r: {**slot(r, "10:00", "11:00"), "starts_at": "tomorrow"}, "starts_at"),
        (lambda r: {**slot(r, "10:00", "11:00"), "title": ""}, "title"),
    ],
)
def test_bad_bookings_are_422_with_the_field(api_as, room, body, field):
    response = api_as("coordinator").post("/bookings", json=body(room))
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_unknown_room_is_a_field_error_and_far_future_works(api_as, room):
    api = api_as("coordinator")
    unknown = api.post("/bookings", json=slot(99999, "10:00", "11:00"))
    assert unknown.status_code == 422 and "room_id" in unknown.json["error"]["fields"]
    future = {
        **slot(room, "10:00", "11:00"),
        "starts_at": iso(day_in_unconfirmed_year(), "10:00"),
        "ends_at": iso(day_in_unconfirmed_year(), "11:00"),
    }
    assert api.post("/bookings", json=future).status_code == 201


def test_a_mediator_cannot_be_in_two_rooms_at_once(api_as, room, make):
    other = make.room("商事调解室二", capacity=6)
    mediator = make.lawyer()
    api = api_as("coordinator")
    assert (
        api.post(
            "/bookings", json=slot(room, "14:00", "15:00", mediator_id=mediator.id)
        ).status_code
        == 201
    )
    assert (
        api.post(
            "/bookings", json=slot(other, "14:30", "15:30", mediator_id=mediator.id)
        ).status_code
        == 409
    )


def test_the_feed_reads_back_with_the_right_instants(api_as, room):
    api = api_as("coordinator")
    kept = api.post("/bookings", json=slot(room, "10:00", "11:00")).json
    gone = api.post("/bookings", json=slot(room, "14:00", "15:00")).json
    api.delete(f"/bookings/{gone['id']}")
    response = api.get(f"/rooms/{room}/calendar.ics")
    assert response.mimetype == "text/calendar"
    events = {str(e["uid"]): e for e in Calendar.from_ical(response.data).walk("VEVENT")}
    assert len(events) == 2
    first = next(e for uid, e in events.items() if uid.startswith(f"booking-{kept['id']}@"))
    assert first.decoded("dtstart").isoformat() == iso(DAY, "10:00")
    cancelled = next(e for uid, e in events.items() if uid.startswith(f"booking-{gone['id']}@"))
    assert str(cancelled["status"]) == "CANCELLED" and int(cancelled["sequence"]) == 1
