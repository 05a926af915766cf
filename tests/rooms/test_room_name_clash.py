"""Two rooms in use may not read the same in either language (the booking form's room
picker would offer two alike): a new or renamed name equal to another ACTIVE room's,
after NFKC, case folding and dropping spaces, is refused at its field in the user's
language with the form kept as typed; a retired room does not block, but reinstating
it while its name clashes is refused."""

from __future__ import annotations

import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.rooms.models import Room

FORM = {"kind": "mediation", "capacity": "6", "opening_hours": "08:30-12:00"}


def test_adding_or_renaming_to_a_name_in_use_is_refused_at_the_field(app, client, login, make):
    first = make.room("商事调解室一")
    second = make.room("商事调解室二")
    with app.app_context():
        db.session.get(Room, first).name_en = "Mediation Room 1"
        db.session.commit()
    login("admin")
    added = client.post("/rooms/manage", data={**FORM, "name": "商事 调解室一", "name_en": "X"})
    assert added.status_code == 422
    page = added.get_data(as_text=True)
    assert 'data-for="name"' in page and 'value="商事 调解室一"' in page and "在用" in page
    english = client.post(
        "/rooms/manage", data={**FORM, "name": "调解室三", "name_en": "mediation room１"}
    )
    assert english.status_code == 422 and 'data-for="name_en"' in english.get_data(as_text=True)
    renamed = client.post(
        f"/rooms/{second}/settings",
        data={
            "name": "商事 调解室一",
            "name_en": "",
            "capacity": "9",
            "buffer_minutes": "0",
            "opening_hours": "08:30-12:00",
        },
    )
    assert renamed.status_code == 422
    page = renamed.get_data(as_text=True)
    assert 'data-for="name"' in page and 'value="商事 调解室一"' in page and 'value="9"' in page


def test_a_retired_room_does_not_block_but_is_not_reinstated_into_a_clash(app, client, login, make):
    old = make.room("普法室")
    login("admin")
    assert client.post(f"/rooms/{old}/retire").status_code == 302
    made = client.post("/rooms/manage", data={**FORM, "name": "普法 室", "name_en": ""})
    assert made.status_code == 302
    back = client.post(f"/rooms/{old}/reinstate", follow_redirects=True)
    assert "在用" in back.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(Room.active).where(Room.id == old)) is False
