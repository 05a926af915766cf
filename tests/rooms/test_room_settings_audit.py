"""Room settings in the audit log: before and after of what changed, and nothing at
all when the form is saved unchanged (the attack pass saw an entry per save, holding
only the new values)."""

import json

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.rooms.models import Room


def _save(client, room, **changes):
    with client.application.app_context():
        stored = db.session.get(Room, room)
        form = {
            "name": stored.name,
            "name_en": stored.name_en or "",
            "capacity": str(stored.capacity),
            "buffer_minutes": str(stored.buffer_minutes),
            "opening_hours": stored.opening_hours,
        }
    return client.post(f"/rooms/{room}/settings", data={**form, **changes})


def _entries(app):
    with app.app_context():
        rows = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "room.settings")
        ).all()
        return [json.loads(row.detail) for row in rows]


def test_an_unchanged_save_records_nothing_and_a_change_records_before_and_after(
    app, client, login, make
):
    room = make.room("商事调解室一")
    login("coordinator")
    assert _save(client, room).status_code == 302
    assert _entries(app) == []
    assert _save(client, room, capacity="12").status_code == 302
    (detail,) = _entries(app)
    assert list(detail) == ["capacity"] and detail["capacity"][1] == 12
