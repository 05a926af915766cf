"""Room names that only look different (the attack pass): "商事調解室一" is "商事调解室一"
in traditional characters, and "商事调解室\u3164一" carries a Hangul filler. The first is
refused as a name in use, the second for its invisible character, at the field."""

from __future__ import annotations

import pytest

FORM = {"kind": "mediation", "capacity": "6", "opening_hours": "08:30-12:00"}


def test_a_traditional_twin_of_a_room_in_use_is_refused_at_the_field(client, login, make):
    make.room("商事调解室一")
    login("admin")
    added = client.post("/rooms/manage", data={**FORM, "name": "商事調解室一", "name_en": ""})
    assert added.status_code == 422
    page = added.get_data(as_text=True)
    assert 'data-for="name"' in page and "在用" in page and 'value="商事調解室一"' in page


@pytest.mark.parametrize("name", ["商事调解室\u3164一", "商事调解室一\u2800", "\u034f商事调解室一"])
def test_invisible_characters_in_a_room_name_are_refused_at_the_field(client, login, name):
    login("admin")
    added = client.post("/rooms/manage", data={**FORM, "name": name, "name_en": ""})
    assert added.status_code == 422
    page = added.get_data(as_text=True)
    assert 'data-for="name"' in page and "不可见字符" in page
