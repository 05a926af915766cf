"""Keeping the rooms in pages (issue 13, item 5): the list with kinds in Chinese,
adding and renaming with field errors, and retiring, which is refused while bookings
lie ahead (listed with links) and then stops new bookings, not old records."""

from __future__ import annotations

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.rooms.models import Room
from tests.helpers import future_working_day, iso

DAY = future_working_day()


def _booking(api, room, start="10:00", end="11:00"):
    answer = api.post(
        "/bookings",
        json={
            "room_id": room,
            "starts_at": iso(DAY, start),
            "ends_at": iso(DAY, end),
            "title": "调解",
        },
    )
    return answer


def test_the_list_names_kinds_in_chinese_with_seats_and_hours(client, login, make):
    make.room("商事调解室一", "mediation", 8)
    make.room("普法多功能室", "legal_education", 40)
    login("coordinator")
    page = client.get("/rooms/manage").get_data(as_text=True)
    assert "商事调解室一" in page and "普法多功能室" in page
    assert "<td>商事调解室</td>" in page and "<td>40</td>" in page
    assert "08:30-12:00 13:30-17:30" in page
    assert "mediation</td>" not in page  # never the stored code


def test_adding_checks_fields_in_chinese_and_names_are_unique(app, client, login, make):
    make.room("商事调解室一")
    login("admin")
    refused = client.post(
        "/rooms/manage",
        data={"name": "", "kind": "ballroom", "capacity": "零", "opening_hours": "9-5"},
    )
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    for name in ("name", "kind", "capacity", "opening_hours"):
        assert f'data-for="{name}"' in page
    assert "必填" in page or "请填写" in page
    taken = client.post(
        "/rooms/manage",
        data={
            "name": "商事调解室一",
            "kind": "mediation",
            "capacity": "6",
            "opening_hours": "08:30-12:00",
        },
    )
    assert taken.status_code == 409 and "已有同名场地" in taken.get_data(as_text=True)
    made = client.post(
        "/rooms/manage",
        data={
            "name": "商事调解室二",
            "name_en": "Mediation room 2",
            "kind": "mediation",
            "capacity": "６",
            "opening_hours": "09:00-12:00",
        },
    )
    assert made.status_code == 302
    with app.app_context():
        room = db.session.scalar(sa.select(Room).where(Room.name == "商事调解室二"))
        assert (room.capacity, room.opening_hours, room.active) == (6, "09:00-12:00", True)


def test_renaming_and_settings_in_one_form_are_audited(app, client, login, make):
    room = make.room("商事调解室一")
    login("coordinator")
    answer = client.post(
        f"/rooms/{room}/settings",
        data={
            "name": "第一调解室",
            "name_en": "Mediation room 1",
            "capacity": "10",
            "buffer_minutes": "15",
            "opening_hours": "08:30-12:00",
        },
    )
    assert answer.status_code == 302
    with app.app_context():
        stored = db.session.get(Room, room)
        assert (stored.name, stored.name_en, stored.capacity) == (
            "第一调解室",
            "Mediation room 1",
            10,
        )
        actions = db.session.scalars(
            sa.select(AuditEntry.action).where(AuditEntry.object_type == "room")
        ).all()
        assert actions == ["room.rename", "room.settings"]


def test_retiring_is_refused_while_bookings_lie_ahead_and_then_stops_new_ones(
    app, client, login, make, api_as
):
    room = make.room("商事调解室一")
    other = make.room("商事调解室二")
    api = api_as("coordinator")
    ahead = _booking(api, room).json
    login("coordinator")
    refused = client.post(f"/rooms/{room}/retire")
    # Refused, and back on the settings page (a reload posts nothing again), which
    # lists the booking in the way with its title.
    assert refused.status_code == 302
    assert refused.headers["Location"].endswith(f"/rooms/{room}/settings#bookings-ahead")
    page = client.get(refused.headers["Location"]).get_data(as_text=True)
    assert f"/rooms/bookings/{ahead['id']}" in page and "改期" in page
    assert ahead["title"] in page
    with app.app_context():
        assert db.session.get(Room, room).active is True

    moved = api.patch(
        f"/bookings/{ahead['id']}",
        json={"room_id": other, "starts_at": ahead["starts_at"], "ends_at": ahead["ends_at"]},
    )
    assert moved.status_code == 200, moved.json
    assert client.post(f"/rooms/{room}/retire").status_code == 302
    with app.app_context():
        assert db.session.get(Room, room).active is False
        assert db.session.scalars(
            sa.select(AuditEntry.action).where(AuditEntry.action == "room.retire")
        ).all() == ["room.retire"]

    again = _booking(api, room, "14:00", "15:00")
    assert again.status_code == 422 and "room_id" in again.json["error"]["fields"]
    back = api.patch(
        f"/bookings/{ahead['id']}",
        json={"room_id": room, "starts_at": ahead["starts_at"], "ends_at": ahead["ends_at"]},
    )
    assert back.status_code == 422
    assert room not in [r["id"] for r in api.get("/rooms").json]
    week = client.get(f"/rooms?week={DAY.isoformat()}").get_data(as_text=True)
    assert f'<option value="{room}"' not in week and f'<option value="{other}"' in week
    assert "已停用" in client.get("/rooms/manage").get_data(as_text=True)

    assert client.post(f"/rooms/{room}/reinstate").status_code == 302
    assert _booking(api, room, "14:00", "15:00").status_code == 201


def test_a_cancelled_or_past_booking_does_not_keep_a_room(app, client, login, make, api_as):
    room = make.room()
    api = api_as("coordinator")
    booking = _booking(api, room).json
    assert api.delete(f"/bookings/{booking['id']}").status_code == 204
    login("admin")
    assert client.post(f"/rooms/{room}/retire").status_code == 302


def test_only_managers_keep_rooms(client, login, make):
    room = make.room()
    login("intake")
    assert client.get("/rooms/manage").status_code == 403
    assert client.post(f"/rooms/{room}/retire").status_code == 403
    assert client.get(f"/rooms/{room}/settings").status_code == 403
