"""Finding 2: one check of e-mail addresses for the pages, the API and the command
line (the API's pattern, after NFKC, plain printable ASCII only), and names without
text-direction or zero-width characters; field errors in Chinese."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from legaldesk.admin import service
from legaldesk.auth.models import User
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import Conflict, ValidationFailed

BAD_EMAILS = [
    "@",
    "a b@c.cn",
    "x@y@z.cn",
    "<script>@x",
    "\u200bclerk@legaldesk.local",
    "clerk\u202e@legaldesk.local",
    "İclerk@legaldesk.local",
    "clerk@legaldesk.lo\u00adcal",
]
BAD_NAMES = ["张\u202e三", "李\u2066四", "\u200b王五", "赵\u200d六", "钱\ufeff七"]


def _new(client, email, name="张三"):
    return client.post(
        "/admin/users/new", data={"email": email, "name": name, "account_role": "intake"}
    )


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_the_page_refuses_a_malformed_email_at_its_field(client, login, email, app):
    login("admin")
    answer = _new(client, email)
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422 and "请输入有效的电子邮箱地址" in page, page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1


@pytest.mark.parametrize("email", BAD_EMAILS)
def test_the_api_refuses_the_same_addresses(api_as, email):
    answer = api_as("admin").post("/users", json={"email": email, "name": "张三", "role": "intake"})
    assert answer.status_code == 422 and "email" in answer.json["error"]["fields"], answer.json


def test_a_full_width_lookalike_is_the_same_address(api_as, make, app):
    make.user("intake", email="intake@legaldesk.local")
    api = api_as("admin")
    answer = api.post(
        "/users", json={"email": "ｉntake@legaldesk.local", "name": "假", "role": "intake"}
    )
    assert answer.status_code == 409, answer.json
    with app.app_context():
        emails = db.session.scalars(sa.select(User.email)).all()
        assert all(e.isascii() for e in emails) and emails.count("intake@legaldesk.local") == 1


def test_the_command_line_path_checks_alike(app):
    with app.app_context():
        for email in ("a b@c.cn", "ｉntake@x.cn"):
            try:
                user = service.create_user(db.session, None, utcnow(), email, "甲", "intake")
            except (ValidationFailed, Conflict):
                continue
            assert user.email == "intake@x.cn"
        db.session.rollback()


@pytest.mark.parametrize("name", BAD_NAMES)
def test_names_refuse_direction_and_zero_width_characters(client, login, api_as, make, name):
    admin = api_as("admin")
    answer = admin.post("/users", json={"email": "n@x.cn", "name": name, "role": "intake"})
    assert answer.status_code == 422 and "name" in answer.json["error"]["fields"]
    clerk = make.user("intake")
    assert admin.patch(f"/users/{clerk.id}", json={"name": name}).status_code == 422
    login("admin")
    page = _new(client, "n@x.cn", name)
    assert page.status_code == 422 and "不可见字符" in page.get_data(as_text=True)
    changed = client.post(f"/admin/users/{clerk.id}", data={"name": name, "account_role": "intake"})
    assert changed.status_code == 422 and "不可见字符" in changed.get_data(as_text=True)
