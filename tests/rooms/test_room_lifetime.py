"""A room keeps when it was added and when it was retired (issue 13 item 1: room use
counts its hours open in between): adding stamps created_at, retiring stamps
retired_at with the retirement's audit time, reinstating clears it."""

from __future__ import annotations

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.rooms.models import Room


def _room(app, name: str) -> Room:
    with app.app_context():
        room = db.session.scalar(sa.select(Room).where(Room.name == name))
        db.session.expunge(room)
        return room


def _audited(app, action: str):
    with app.app_context():
        return db.session.scalar(
            sa.select(AuditEntry.at)
            .where(AuditEntry.action == action)
            .order_by(AuditEntry.seq.desc())
        )


def test_adding_stamps_the_time_it_was_added(app, client, login):
    login("coordinator")
    before = utcnow()
    answer = client.post(
        "/rooms/manage",
        data={
            "name": "商事调解室三",
            "kind": "mediation",
            "capacity": "6",
            "opening_hours": "08:30-12:00",
        },
    )
    assert answer.status_code == 302
    room = _room(app, "商事调解室三")
    assert before <= room.created_at <= utcnow() and room.retired_at is None
    assert room.created_at == _audited(app, "room.add")


def test_retiring_then_reinstating_keeps_retired_at_in_step(app, client, login, make):
    room_id = make.room("商事调解室二")
    login("coordinator")
    assert client.post(f"/rooms/{room_id}/retire").status_code == 302
    retired = _room(app, "商事调解室二")
    assert not retired.active and retired.retired_at == _audited(app, "room.retire")
    assert client.post(f"/rooms/{room_id}/retire").status_code == 302  # twice: unchanged
    assert _room(app, "商事调解室二").retired_at == retired.retired_at
    assert client.post(f"/rooms/{room_id}/reinstate").status_code == 302
    back = _room(app, "商事调解室二")
    assert back.active and back.retired_at is None
    assert back.created_at == retired.created_at  # still the room it always was
