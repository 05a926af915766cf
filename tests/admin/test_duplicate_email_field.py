"""Finding 3: a new account with an address that has one already is a field error at
邮箱 with everything typed kept (the API answers 409 as before)."""

from __future__ import annotations

import re


def test_a_taken_address_is_an_error_at_its_field(client, login, make):
    taken = make.user("intake", email="taken@desk.cn")
    login("admin")
    answer = client.post(
        "/admin/users/new",
        data={"email": "Taken@desk.cn", "name": "新同事", "account_role": "coordinator"},
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422, page
    assert "该邮箱地址已有用户" in page and 'value="新同事"' in page
    assert re.search(r'<option selected value="coordinator">', page) and "Taken@desk.cn" in page
    assert taken.email == "taken@desk.cn"


def test_the_api_keeps_its_409(api_as, make):
    make.user("intake", email="taken@desk.cn")
    answer = api_as("admin").post(
        "/users", json={"email": "taken@desk.cn", "name": "甲", "role": "intake"}
    )
    assert answer.status_code == 409
