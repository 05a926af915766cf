"""Who may name a booking's mediator (issue 10, item 1, second attack pass).

Naming a lawyer as mediator blocks their calendar (their real sessions then clash),
and the clash answered whether that lawyer was busy at a time, which tells a
stranger when a confidential mediation meets. A coordinator or an admin names anyone;
a lawyer names only themself; nobody else names a mediator at all. A refused
mediator gets one answer, whether that lawyer is busy, free, or does not exist.
"""

import re

import pytest
import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.rooms.models import Booking
from tests.rooms.days import future_day, slot

ONLY_YOURSELF = "只能指定自己为调解员"
ONLY_COORDINATOR = "只有案件协调员可以指定调解员"


@pytest.fixture
def desk(make, api_as):
    """A room, a lawyer who is busy at 09:00 on a future day (booked by a coordinator)
    and one who is free."""
    room = make.room()
    busy, free = make.lawyer(), make.lawyer()
    day = future_day()
    taken = api_as("coordinator").post(
        "/bookings",
        json={"room_id": room, "title": "保密调解会", "mediator_id": busy.id, **slot(day)},
    )
    assert taken.status_code == 201, taken.json
    other_room = make.room("商事调解室二")

    class Desk:
        pass

    d = Desk()
    d.room, d.other_room, d.busy, d.free, d.day = room, other_room, busy, free, day

    def body(mediator_id, **extra):
        return {
            "room_id": other_room,
            "title": "调解会",
            "mediator_id": mediator_id,
            **slot(day),
            **extra,
        }

    d.body = body
    return d


def bookings(make):
    return make.run(lambda: db.session.scalar(sa.select(sa.func.count()).select_from(Booking)))


@pytest.mark.parametrize("role", ["intake", "lawyer"])
def test_a_refused_mediator_gets_one_answer_busy_free_or_unknown(api_as, make, desk, role):
    api = api_as(role)
    answers = [
        api.post("/bookings", json=desk.body(who)) for who in (desk.busy.id, desk.free.id, 999)
    ]
    assert {a.status_code for a in answers} == {422}
    assert answers[0].json == answers[1].json == answers[2].json
    assert list(answers[0].json["error"]["fields"]) == ["mediator_id"]
    expected = ONLY_YOURSELF if role == "lawyer" else ONLY_COORDINATOR
    assert expected in answers[0].json["error"]["fields"]["mediator_id"][0]
    # a series alike
    series = api.post("/bookings", json=desk.body(desk.busy.id, repeat={"count": 2}))
    assert series.status_code == 422 and series.json == answers[0].json
    assert bookings(make) == 1


def test_the_message_is_in_the_users_language(api_as, desk):
    english = api_as("intake", language="en").post("/bookings", json=desk.body(desk.free.id))
    message = english.json["error"]["fields"]["mediator_id"][0]
    assert "Only a coordinator can name the mediator" in message
    english = api_as("lawyer", language="en").post("/bookings", json=desk.body(desk.free.id))
    assert "only yourself" in english.json["error"]["fields"]["mediator_id"][0]


def test_a_lawyer_names_themself_and_a_coordinator_names_anyone(api_as, make, desk):
    me = make.user("lawyer")
    mine = api_as(me).post("/bookings", json=desk.body(me.lawyer_id))
    assert mine.status_code == 201, mine.json
    assert mine.json["mediator_id"] == me.lawyer_id

    coordinator = api_as("coordinator")
    named = coordinator.post(
        "/bookings", json=desk.body(desk.free.id, **slot(desk.day, "11:00", "12:00"))
    )
    assert named.status_code == 201, named.json
    # the coordinator, who manages mediation, is told of the clash
    clash = coordinator.post("/bookings", json=desk.body(desk.busy.id))
    assert clash.status_code == 409
    late = desk.body(desk.free.id, room_id=desk.room, **slot(desk.day, "14:00", "15:00"))
    admin = api_as("admin").post("/bookings", json=late)
    assert admin.status_code == 201, admin.json


def test_leaving_the_mediator_out_stays_open_to_every_booker(api_as, desk):
    for role, start, end in (("intake", "14:00", "15:00"), ("lawyer", "15:30", "16:30")):
        plain = api_as(role).post("/bookings", json=desk.body(None, **slot(desk.day, start, end)))
        assert plain.status_code == 201, plain.json


def test_the_free_slot_finder_is_no_probe_either(api_as, desk):
    for role, message in (("intake", ONLY_COORDINATOR), ("lawyer", ONLY_YOURSELF)):
        api = api_as(role)
        answers = [
            api.get(f"/rooms/free-slots?mediator_id={who}&minutes=60")
            for who in (desk.busy.id, desk.free.id, 999)
        ]
        assert {a.status_code for a in answers} == {422}, role
        assert answers[0].json == answers[1].json == answers[2].json
        assert message in answers[0].json["error"]["fields"]["mediator_id"][0]
    me_user = api_as("lawyer")
    me = me_user.user.lawyer_id
    assert me_user.get(f"/rooms/free-slots?mediator_id={me}&minutes=60").status_code == 200
    assert api_as("coordinator").get(f"/rooms/free-slots?mediator_id={desk.busy.id}").json


# --- the pages ----------------------------------------------------------------------


def test_the_booking_form_refuses_a_clerk_who_names_a_mediator(client, login, make, desk):
    login("intake")
    form = {
        "room_id": str(desk.other_room),
        "day": desk.day.isoformat(),
        "starts": "09:00",
        "ends": "10:00",
        "title": "调解会",
        "purpose": "mediation_session",
        "attendees": "2",
    }
    answers = [
        client.post("/rooms/book", data={**form, "mediator_id": str(who)}, follow_redirects=True)
        for who in (desk.busy.id, desk.free.id)
    ]
    # the same page but for the CSRF token, which carries the second it was signed in
    texts = [
        re.sub(r'name="csrf_token" value="[^"]*"', "", a.get_data(as_text=True).split("<main")[1])
        for a in answers
    ]
    assert texts[0] == texts[1]
    assert ONLY_COORDINATOR in texts[0]
    assert bookings(make) == 1


def test_the_finder_offers_a_lawyer_only_themself_and_a_clerk_nobody(client, login, make, desk):
    def mediators():
        page = client.get("/rooms/find").get_data(as_text=True)
        if 'name="mediator_id"' not in page:
            return []
        select = page.split('name="mediator_id"')[1].split("</select>")[0]
        return [part.split('"')[0] for part in select.split('value="')[1:] if part[0] != '"']

    login("intake")
    assert mediators() == []
    refused = client.get(f"/rooms/find?mediator_id={desk.busy.id}&minutes=60")
    assert ONLY_COORDINATOR in refused.get_data(as_text=True)
    client.post("/logout")
    me = login("lawyer")
    assert mediators() == [str(me.lawyer_id)]
    client.post("/logout")
    login("coordinator")
    assert {str(desk.busy.id), str(desk.free.id)} <= set(mediators())
