"""Series, moves, cancellation of the rest of a series, attendance, the finder API."""

from datetime import timedelta

import sqlalchemy as sa
from icalendar import Calendar

from legaldesk.db import db
from legaldesk.rooms.models import Booking
from tests.helpers import future_working_day, past_working_day

# Ten working Tuesdays in a row (a weekly series), and a Tuesday to Friday of working days
SERIES = future_working_day(weekday=1, count=10)
TAKEN, CLOSED, LAST = (str(SERIES + timedelta(weeks=n)) for n in (2, 4, 9))
TUE = future_working_day(weekday=1, count=4, every_days=1)
WED, THU, FRI = (TUE + timedelta(days=n) for n in (1, 2, 3))
PAST = past_working_day()


def on(day, start, end, room, **extra):
    return {
        "room_id": room,
        "starts_at": f"{day}T{start}:00+08:00",
        "ends_at": f"{day}T{end}:00+08:00",
        "title": "出口管制讲座",
        **extra,
    }


def active(make, **where):
    return make.run(
        lambda: db.session.scalars(
            sa.select(Booking)
            .filter_by(**where)
            .where(Booking.cancelled_at.is_(None))
            .order_by(Booking.starts_at)
        ).all()
    )


def test_a_series_with_clashes_books_nothing_and_lists_every_problem_date(api_as, make):
    room = make.room("普法多功能室", kind="legal_education", capacity=40)
    api = api_as("coordinator")
    taken = api.post("/bookings", json=on(TAKEN, "15:00", "16:00", room)).json
    # Ten Tuesdays; the third is taken, the fifth is a center holiday.
    make.run(lambda: _holiday(CLOSED))
    series = on(SERIES, "14:00", "16:00", room, repeat={"count": 10})
    refused = api.post("/bookings", json=series)
    assert refused.status_code == 409
    assert refused.json["error"]["code"] == "series_conflict"
    problems = refused.json["error"]["fields"]["occurrences"]
    assert len(problems) == 2
    assert problems[0].startswith(TAKEN) and f"#{taken['id']}" in problems[0]
    assert problems[1].startswith(CLOSED)
    assert len(active(make, room_id=room)) == 1  # nothing of the series was kept

    series["repeat"]["skip"] = [TAKEN, CLOSED]
    booked = api.post("/bookings", json=series)
    assert booked.status_code == 201, booked.json
    assert booked.json["series"]["skipped"] == [TAKEN, CLOSED]
    dates = [b["starts_at"][:10] for b in booked.json["series"]["bookings"]]
    assert len(dates) == 8 and dates[-1] == LAST

    # cancel from the sixth date on: five stay, the others are free again
    sixth = booked.json["series"]["bookings"][5]
    assert api.delete(f"/bookings/{sixth['id']}?following=true").status_code == 204
    left = active(make, series_id=booked.json["series_id"])
    assert [b.starts_at.date().isoformat() for b in left][-1] == dates[4]
    assert len(left) == 5


def _holiday(day):
    from datetime import date

    from legaldesk.workcal.models import CalendarDay
    from tests.conftest import NOW

    db.session.add(CalendarDay(day=date.fromisoformat(day), working=False, created_at=NOW))
    db.session.commit()


def test_bad_series_are_422(api_as, make):
    room = make.room()
    api = api_as("coordinator")
    for repeat in (
        {"count": 1},
        {"count": 99},
        {"count": 3, "every_days": 0},
        {"count": 3, "skip": ["soon"]},
    ):
        answer = api.post("/bookings", json=on(TUE, "09:00", "10:00", room, repeat=repeat))
        assert answer.status_code == 422, repeat
        assert any(f.startswith("repeat.") for f in answer.json["error"]["fields"])


def test_a_move_is_all_or_nothing(api_as, make):
    room = make.room()
    api = api_as("coordinator")
    first = api.post("/bookings", json=on(TUE, "09:00", "10:00", room)).json
    other = api.post("/bookings", json=on(TUE, "14:00", "15:00", room)).json
    moved = api.patch(f"/bookings/{first['id']}", json=on(WED, "09:00", "10:30", room))
    assert moved.status_code == 200
    assert moved.json["starts_at"] == f"{WED}T09:00:00+08:00" and moved.json["sequence"] == 1
    # onto the other booking: refused, named, and the booking stays where it was
    clash = api.patch(f"/bookings/{first['id']}", json=on(TUE, "14:30", "15:30", room))
    assert clash.status_code == 409 and f"#{other['id']}" in clash.json["error"]["message"]
    holiday = api.patch(f"/bookings/{first['id']}", json=on("2026-10-02", "09:00", "10:00", room))
    assert holiday.status_code == 422
    kept = api.get(f"/bookings/{first['id']}").json
    assert kept["starts_at"] == f"{WED}T09:00:00+08:00" and kept["sequence"] == 1
    # moving within its own time (a shorter session) never clashes with itself
    assert (
        api.patch(f"/bookings/{first['id']}", json=on(WED, "09:30", "10:00", room)).status_code
        == 200
    )


def test_only_coordinators_the_booker_or_the_mediator_change_a_booking(api_as, make):
    room = make.room()
    clerk = api_as("intake")
    booking = clerk.post("/bookings", json=on(TUE, "09:00", "10:00", room)).json
    stranger = api_as("intake")
    assert stranger.delete(f"/bookings/{booking['id']}").status_code == 403
    assert (
        stranger.patch(
            f"/bookings/{booking['id']}", json=on(TUE, "10:00", "11:00", room)
        ).status_code
        == 403
    )
    assert clerk.patch("/bookings/99999", json={}).status_code == 404
    assert clerk.delete(f"/bookings/{booking['id']}").status_code == 204


def test_attendance_is_for_sessions_that_began(api_as, make):
    room = make.room()
    api = api_as("coordinator")
    future = api.post("/bookings", json=on(TUE, "09:00", "10:00", room)).json
    early = api.patch(f"/bookings/{future['id']}", json={"attendance": "held"})
    assert early.status_code == 409
    past = api.post("/bookings", json=on(PAST, "09:00", "10:00", room, past_reason="补录")).json
    assert api.patch(f"/bookings/{past['id']}", json={"attendance": "maybe"}).status_code == 422
    done = api.patch(
        f"/bookings/{past['id']}", json={"attendance": "excused", "attendance_note": "病假"}
    )
    assert done.status_code == 200 and done.json["attendance"] == "excused"


def test_the_finder_api_answers_slots_in_mediation_rooms_only(api_as, make):
    make.room("普法多功能室", kind="legal_education", capacity=40)
    room = make.room()
    mediator = make.lawyer()
    api = api_as("coordinator")
    answer = api.get(
        f"/rooms/free-slots?mediator_id={mediator.id}&applicant_days=1,3&respondent_days=3"
    )
    assert answer.status_code == 200 and answer.json
    assert {s["room_id"] for s in answer.json} == {room}
    from datetime import datetime

    assert all(datetime.fromisoformat(s["starts_at"]).isoweekday() == 3 for s in answer.json)
    for bad in (
        "mediator_id=abc",
        "minutes=45",
        "applicant_days=8",
        "applicant_days=1&respondent_days=2",
    ):
        assert api.get(f"/rooms/free-slots?{bad}").status_code == 422, bad


def test_a_lawyers_secret_feed_shows_their_sessions_in_shanghai_time(client, login, make, api_as):
    room = make.room()
    mediator = make.lawyer()
    lawyer_user = make.user("lawyer", lawyer_id=mediator.id)
    api = api_as("coordinator")
    kept = api.post("/bookings", json=on(TUE, "09:00", "10:00", room, mediator_id=mediator.id)).json
    moved = api.post(
        "/bookings", json=on(WED, "09:00", "10:00", room, mediator_id=mediator.id)
    ).json
    api.patch(f"/bookings/{moved['id']}", json=on(THU, "14:00", "15:00", room))
    gone = api.post("/bookings", json=on(FRI, "09:00", "10:00", room, mediator_id=mediator.id)).json
    api.delete(f"/bookings/{gone['id']}")
    api.post("/bookings", json=on(FRI, "11:00", "12:00", room))  # not theirs

    login(lawyer_user)
    page = client.post("/rooms/my-calendar-link").get_data(as_text=True)
    url = page.split('readonly value="')[1].split('"')[0]
    path = url.split("://", 1)[1].split("/", 1)[1]
    client.post("/logout")
    feed = client.get("/" + path)
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    calendar = Calendar.from_ical(feed.data)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    events = {str(e["uid"]).split("@")[0]: e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"booking-{kept['id']}",
        f"booking-{moved['id']}",
        f"booking-{gone['id']}",
    }
    first = events[f"booking-{kept['id']}"]
    assert first.decoded("dtstart").isoformat() == f"{TUE}T09:00:00+08:00"
    assert first.decoded("dtstart").utcoffset().total_seconds() == 8 * 3600
    assert int(events[f"booking-{moved['id']}"]["sequence"]) == 1
    assert (
        events[f"booking-{moved['id']}"].decoded("dtstart").isoformat() == f"{THU}T14:00:00+08:00"
    )
    assert str(events[f"booking-{gone['id']}"]["status"]) == "CANCELLED"

    # a new link retires the old one; a made-up one is a 404
    login(lawyer_user)
    client.post("/rooms/my-calendar-link")
    assert client.get("/" + path).status_code == 404
    assert client.get("/calendar/" + "x" * 32 + ".ics").status_code == 404


def test_a_room_feed_for_calendar_apps_has_a_secret_address(client, login, make, api_as):
    room = make.room()
    api = api_as("coordinator")
    api.post("/bookings", json=on(TUE, "09:00", "10:00", room))
    login("intake")
    assert client.post(f"/rooms/{room}/calendar-link").status_code in (403, 404)
    client.post("/logout")
    login("coordinator")
    page = client.post(f"/rooms/{room}/calendar-link").get_data(as_text=True)
    path = "/" + page.split('readonly value="')[1].split('"')[0].split("://", 1)[1].split("/", 1)[1]
    client.post("/logout")
    feed = client.get(path)
    assert feed.status_code == 200 and feed.mimetype == "text/calendar"
    (event,) = Calendar.from_ical(feed.data).walk("VEVENT")
    assert event.decoded("dtstart").isoformat() == f"{TUE}T09:00:00+08:00"
    login("coordinator")
    client.post(f"/rooms/{room}/calendar-link")
    assert client.get(path).status_code == 404  # the old address stopped working
