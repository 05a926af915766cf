"""Finding 7: the one-time link shown to the admin and mailed is on the address the
desk was reached at (the request's own root), unless a public address is configured."""

from __future__ import annotations

import re

import pytest

from tests.mail import SmtpServer


@pytest.fixture
def smtp(app):
    with SmtpServer() as server:
        app.config.update(server.settings())
        yield server


def _new_account(client, make, host: str) -> str:
    """An admin, logged in at ``host``, makes an account there."""
    admin = make.user("admin")
    base = f"http://{host}"
    data = {"email": admin.email, "password": "password123"}
    assert client.post("/login", data=data, base_url=base).status_code == 302
    answer = client.post(
        "/admin/users/new",
        data={"email": "new@desk.cn", "name": "新同事", "account_role": "intake"},
        base_url=base,
    )
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return re.search(r'value="(http[^"]*/set-password[^"]+)"', answer.get_data(as_text=True))[1]


def test_the_link_is_on_the_address_the_admin_used(client, make, smtp):
    link = _new_account(client, make, "desk.example.cn:8080")
    assert link.startswith("http://desk.example.cn:8080/set-password?token=pw_"), link
    [mail] = smtp.sink.wait_for(1)
    assert link in mail.get_content()


def test_a_configured_public_address_wins(app, client, make, smtp):
    app.config["PUBLIC_URL"] = "https://legaldesk.example.org/"
    link = _new_account(client, make, "10.0.0.5:8000")
    assert link.startswith("https://legaldesk.example.org/set-password?token=pw_"), link
