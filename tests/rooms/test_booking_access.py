"""Bookings are no back door to cases (issue 10, item 1).

A booking is tied to a case, moved, cancelled, or its attendance recorded, only by
someone who manages the case's mediation (its mediator, a coordinator, an admin); its
case, participants and title are shown only to those who may read the case; a booking
cannot start in the past, unless a coordinator records a past session with a reason.
"""

import json
import re

import pytest
import sqlalchemy as sa
from icalendar import Calendar

from legaldesk.audit.models import AuditEntry
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.mediation.models import Mediation
from legaldesk.rooms.models import Booking
from tests.helpers import future_working_day, mediation_in_progress, past_working_day

FUTURE, PAST = future_working_day().isoformat(), past_working_day().isoformat()
SECRET_TITLE = "远航物流 对 Steppe Trade 调解"
INTRUDER = "attacker@evil.example"


def at(day, start="09:00", end="11:00", **extra):
    return {
        "starts_at": f"{day}T{start}:00+08:00",
        "ends_at": f"{day}T{end}:00+08:00",
        "title": SECRET_TITLE,
        **extra,
    }


@pytest.fixture
def desk(make):
    """A case in mediation, its mediator (a lawyer account), a coordinator, a room."""
    coordinator = make.user("coordinator")
    case = make.case()
    mediator = make.user("lawyer")
    room = make.room()

    def setup():
        mediation_in_progress(coordinator.id, case.id, mediator.lawyer_id, utcnow())
        db.session.commit()

    make.run(setup)

    class Desk:
        pass

    d = Desk()
    d.coordinator, d.case, d.mediator, d.room = coordinator, case, mediator, room

    def session(day=FUTURE, **extra):
        return {
            "room_id": room,
            "purpose": "mediation_session",
            "consultation": case.reference,
            "mediator_id": mediator.lawyer_id,
            "participants": [{"name": "周经理", "email": "zhou@example.com"}],
            **at(day, **extra),
        }

    d.session = session
    return d


def bookings_of(make, case):
    return make.run(
        lambda: (
            db.session.scalars(sa.select(Booking).where(Booking.consultation_id == case.id))
            .unique()
            .all()
        )
    )


def status_of(make, case):
    return make.run(
        lambda: db.session.scalar(
            sa.select(Mediation.status).where(Mediation.consultation_id == case.id)
        )
    )


def legacy(desk, booker, named_lawyer, day):
    """A booking made before this rule: someone's booking tied to the case (in an app
    context)."""
    from datetime import datetime

    start = datetime.fromisoformat(f"{day}T14:00:00+08:00")
    end = datetime.fromisoformat(f"{day}T15:00:00+08:00")
    booking = Booking(
        room_id=desk.room,
        starts_at=start,
        ends_at=end,
        blocked_until=end,
        title=SECRET_TITLE,
        purpose="mediation_session",
        consultation_id=desk.case.id,
        mediator_id=named_lawyer.lawyer_id,
        created_by_id=booker.id,
        created_at=utcnow(),
    )
    db.session.add(booking)
    db.session.commit()
    return booking.id


def test_a_clerk_cannot_tie_a_booking_to_a_case_nor_fail_its_mediation(api_as, make, desk):
    clerk = api_as("intake")
    for body in (
        desk.session(PAST, participants=[{"name": "x", "email": INTRUDER}]),
        desk.session(FUTURE, participants=[{"name": "x", "email": INTRUDER}]),
        {**desk.session(FUTURE), "repeat": {"count": 3}},
    ):
        refused = clerk.post("/bookings", json=body)
        assert refused.status_code == 422, refused.json
        assert "consultation" in refused.json["error"]["fields"]
    assert bookings_of(make, desk.case) == []
    assert status_of(make, desk.case) == "in_mediation"


def test_unknown_and_unreadable_references_answer_alike(api_as, make, desk):
    """A lawyer who is not the mediator cannot tell a real reference from a made-up one."""
    outsider = api_as("lawyer")
    real = outsider.post("/bookings", json=desk.session())
    made_up = outsider.post("/bookings", json={**desk.session(), "consultation": "LD-2026-99999"})
    assert real.status_code == made_up.status_code == 422
    assert real.json == made_up.json
    assert bookings_of(make, desk.case) == []


def test_unknown_and_unreadable_references_answer_alike_on_the_form(client, login, make, desk):
    login("lawyer")

    def book(reference):
        form = {
            "room_id": str(desk.room),
            "day": FUTURE,
            "starts": "09:00",
            "ends": "11:00",
            "title": "x",
            "purpose": "mediation_session",
            "consultation": reference,
            "attendees": "2",
        }
        page = client.post("/rooms/book", data=form, follow_redirects=True)
        main = page.get_data(as_text=True).split("<main")[1]
        # The forms' CSRF tokens carry the second they were made: not part of the answer.
        return page.status_code, re.sub(r'name="csrf_token" value="[^"]*"', "", main)

    real, made_up = book(desk.case.reference), book("LD-2026-99999")
    assert real == made_up
    assert "没有找到" in real[1]
    assert bookings_of(make, desk.case) == []


def test_past_bookings_are_refused_and_a_coordinator_records_one_with_a_reason(api_as, make, desk):
    clerk = api_as("intake")
    past = {"room_id": desk.room, **at(PAST)}
    refused = clerk.post("/bookings", json=past)
    assert refused.status_code == 422 and "starts_at" in refused.json["error"]["fields"]
    refused = clerk.post("/bookings", json={**past, "past_reason": "补录"})
    assert refused.status_code == 422 and "starts_at" in refused.json["error"]["fields"]

    coordinator = api_as(desk.coordinator)
    bare = coordinator.post("/bookings", json=desk.session(PAST))
    assert bare.status_code == 422 and "past_reason" in bare.json["error"]["fields"]
    recorded = coordinator.post(
        "/bookings", json=desk.session(PAST, past_reason="调解会已于当日举行，补录")
    )
    assert recorded.status_code == 201, recorded.json
    detail = make.run(
        lambda: db.session.scalar(
            sa.select(AuditEntry.detail).where(
                AuditEntry.action == "booking.create",
                AuditEntry.object_id == str(recorded.json["id"]),
            )
        )
    )
    assert json.loads(detail)["past_reason"] == "调解会已于当日举行，补录"

    # a move into the past is refused alike
    future = clerk.post("/bookings", json={"room_id": desk.room, **at(FUTURE, "14:00", "15:00")})
    moved = clerk.patch(f"/bookings/{future.json['id']}", json=at(PAST, "14:00", "15:00"))
    assert moved.status_code == 422 and "starts_at" in moved.json["error"]["fields"]


def test_only_the_mediator_or_a_coordinator_records_attendance(api_as, make, desk):
    recorded = api_as(desk.coordinator).post(
        "/bookings", json=desk.session(PAST, past_reason="补录")
    )
    booking = recorded.json["id"]
    for who in ("intake", "lawyer"):
        attack = api_as(who).patch(f"/bookings/{booking}", json={"attendance": "no_show"})
        assert attack.status_code == 403, who
    assert status_of(make, desk.case) == "in_mediation"
    # nor does having booked it, or being named on it, once it is the case's
    clerk, stranger_lawyer = make.user("intake"), make.user("lawyer")
    old = make.run(legacy, desk, clerk, stranger_lawyer, PAST)
    for who in (clerk, stranger_lawyer):
        attack = api_as(who).patch(f"/bookings/{old}", json={"attendance": "no_show"})
        assert attack.status_code == 403
    assert status_of(make, desk.case) == "in_mediation"
    mediator = api_as(desk.mediator)
    done = mediator.patch(f"/bookings/{booking}", json={"attendance": "excused"})
    assert done.status_code == 200 and status_of(make, desk.case) == "in_mediation"


def test_moving_or_cancelling_a_case_booking_needs_the_right_to_tie_it(api_as, make, desk):
    """Its booker and the lawyer named on it no longer suffice once it is a case's."""
    clerk, stranger_lawyer = make.user("intake"), make.user("lawyer")

    booking = make.run(legacy, desk, clerk, stranger_lawyer, FUTURE)
    for who in (clerk, stranger_lawyer):
        api = api_as(who)
        move = api.patch(f"/bookings/{booking}", json=at(FUTURE, "15:00", "16:00"))
        assert move.status_code == 403
        assert api.delete(f"/bookings/{booking}").status_code == 403
    moved = api_as(desk.mediator).patch(f"/bookings/{booking}", json=at(FUTURE, "15:00", "16:00"))
    assert moved.status_code == 200


def test_a_case_booking_shows_booked_to_those_who_may_not_read_the_case(
    api_as, client, login, make, desk
):
    made = api_as(desk.coordinator).post("/bookings", json=desk.session())
    assert made.status_code == 201, made.json
    booking = made.json["id"]
    assert made.json["consultation"] == desk.case.reference

    for who in (desk.coordinator, desk.mediator, make.user("intake")):
        full = api_as(who).get(f"/bookings/{booking}").json
        assert full["title"] == SECRET_TITLE and full["participants"], who.role
    outsider_user = make.user("lawyer")
    outsider = api_as(outsider_user)
    seen = outsider.get(f"/bookings/{booking}")
    assert seen.status_code == 200
    assert SECRET_TITLE not in seen.get_data(as_text=True)
    assert "zhou@example.com" not in seen.get_data(as_text=True)
    assert desk.case.reference not in seen.get_data(as_text=True)
    assert seen.json["starts_at"] == f"{FUTURE}T09:00:00+08:00"

    # a clash names the booking, not its title
    clash = outsider.post("/bookings", json={"room_id": desk.room, **at(FUTURE, "10:00", "12:00")})
    assert clash.status_code == 409 and SECRET_TITLE not in clash.get_data(as_text=True)
    assert f"#{booking}" in clash.json["error"]["message"]

    # the room's feed through the API
    feed = outsider.get(f"/rooms/{desk.room}/calendar.ics")
    (event,) = Calendar.from_ical(feed.data).walk("VEVENT")
    assert SECRET_TITLE not in feed.get_data(as_text=True)
    assert str(event["summary"]) == "已预约"

    # the pages
    login(outsider_user)
    week = client.get(f"/rooms?week={FUTURE}").get_data(as_text=True)
    assert SECRET_TITLE not in week and "已预约" in week
    page = client.get(f"/rooms/bookings/{booking}").get_data(as_text=True)
    for secret in (SECRET_TITLE, "zhou@example.com", "周经理", desk.case.reference):
        assert secret not in page
    assert "09:00" in page
    client.post("/logout")
    login(desk.mediator)
    page = client.get(f"/rooms/bookings/{booking}").get_data(as_text=True)
    assert SECRET_TITLE in page and "zhou@example.com" in page
    client.post("/logout")


def test_secret_feeds_hide_case_bookings_from_whoever_holds_the_link(
    api_as, client, login, make, desk
):
    api_as(desk.coordinator).post("/bookings", json=desk.session())
    api_as(desk.coordinator).post(
        "/bookings", json={"room_id": desk.room, **at(FUTURE, "14:00", "15:00"), "title": "普法课"}
    )

    def secret_path(who, url):
        login(who)
        page = client.post(url).get_data(as_text=True)
        client.post("/logout")
        return (
            "/" + page.split('readonly value="')[1].split('"')[0].split("://")[1].split("/", 1)[1]
        )

    room_feed = client.get(secret_path(desk.coordinator, f"/rooms/{desk.room}/calendar-link"))
    summaries = sorted(str(e["summary"]) for e in Calendar.from_ical(room_feed.data).walk("VEVENT"))
    assert summaries == ["已预约", "普法课"]  # a door tablet is nobody who may read the case

    # the mediator's own feed shows their session in full
    mediator_feed = client.get(secret_path(desk.mediator, "/rooms/my-calendar-link"))
    assert SECRET_TITLE in mediator_feed.get_data(as_text=True)


def test_the_pages_refuse_the_clerk_and_ask_the_coordinator_why(client, login, make, desk):
    def form(day, **extra):
        data = {
            "room_id": str(desk.room),
            "day": day,
            "starts": "09:00",
            "ends": "11:00",
            "title": SECRET_TITLE,
            "purpose": "mediation_session",
            "attendees": "2",
            **extra,
        }
        page = client.post("/rooms/book", data=data, follow_redirects=True)
        return page.get_data(as_text=True)

    clerk = login("intake")
    refused = form(PAST, consultation=desk.case.reference)
    assert "只有本案的调解员或案件协调员可以为本案预约调解会" in refused
    assert "开始时间不能早于现在" in form(PAST)
    old = make.run(legacy, desk, clerk, make.user("lawyer"), PAST)
    client.post(f"/rooms/bookings/{old}/attendance", data={"attendance": "no_show"})
    assert status_of(make, desk.case) == "in_mediation"
    assert make.run(lambda: db.session.get(Booking, old).attendance) is None
    client.post("/logout")

    login(desk.coordinator)
    assert "请说明为何在开始之后补录" in form(PAST, consultation=desk.case.reference)
    booked = form(PAST, consultation=desk.case.reference, past_reason="补录当日调解会")
    assert "已预约。" in booked and "Steppe Trade LLP" in booked  # both sides are reminded
    assert len(bookings_of(make, desk.case)) == 2  # the old one and this one
