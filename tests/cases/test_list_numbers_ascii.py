"""Review finding 6 (nit): the list's number parameters (lawyer, page, per_page) take
ASCII digits only: "3_0" and a full-width "３" are 422 like any other bad value."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("value", ["3_0", "３", " 3", "+3", "٣"])
@pytest.mark.parametrize("name", ["lawyer", "page", "per_page"])
def test_only_ascii_digits(client, login, name, value):
    login("coordinator")
    assert client.get("/cases", query_string={name: value}).status_code == 422
    assert client.get("/cases", query_string={name: "1"}).status_code == 200
