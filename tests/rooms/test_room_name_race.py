"""Two room managers adding rooms of one name at once (the attack pass): "商事调解室三"
and "商事 调解室三" are different names to the database's unique key but one name to
the booking form, and on PostgreSQL both passed the clash check. The rooms are locked
for writers first (db.lock_for_writers): one is added, the other sees the field error."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.rooms.models import Room

RACERS = 8
FORM = {"kind": "mediation", "capacity": "6", "opening_hours": "08:30-12:00"}


def _logged_in(app, make, count):
    clients = []
    for _ in range(count):
        user = make.user("admin")
        c = app.test_client()
        answer = c.post("/login", data={"email": user.email, "password": "password123"})
        assert answer.status_code == 302
        clients.append(c)
    return clients


def test_eight_adds_of_one_room_name_spelled_apart_one_wins(app, make):
    clients = _logged_in(app, make, RACERS)
    start = threading.Barrier(RACERS)

    def add(pair):
        n, c = pair
        start.wait()
        name = "商事" + " " * n + "调解室三"
        return c.post("/rooms/manage", data={**FORM, "name": name, "name_en": ""}).status_code

    with ThreadPoolExecutor(RACERS) as pool:
        statuses = sorted(pool.map(add, enumerate(clients)))
    assert statuses == [302] + [422] * (RACERS - 1), statuses
    with app.app_context():
        names = db.session.scalars(
            sa.select(Room.name).where(Room.name.like("商事%调解室三"))
        ).all()
        assert len(names) == 1
