"""/admin/users and /set-password: admins only, the one-time link by mail (a real
SMTP server) and on screen, used once even by two requests at once."""

import re
import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa
from werkzeug.security import check_password_hash

from legaldesk.admin import resets
from legaldesk.admin.models import PasswordReset
from legaldesk.auth.models import ApiToken, User
from legaldesk.clock import utcnow
from legaldesk.db import db
from tests.conftest import token_for
from tests.mail import SmtpServer


@pytest.fixture
def smtp(app):
    with SmtpServer() as server:
        app.config.update(server.settings())
        yield server


def _link(html: str) -> str:
    return re.search(r'value="(http[^"]*/set-password\?token=pw_[^"]+)"', html).group(1)


def _path(link: str) -> str:
    return link[link.index("/set-password") :]


def test_only_admins_see_the_users_pages(client, login, make):
    login("coordinator")
    assert client.get("/admin/users").status_code == 403
    assert "用户管理" not in client.get("/cases").get_data(as_text=True)
    admin = make.user("admin")
    login(admin)
    page = client.get("/admin/users").get_data(as_text=True)
    assert "用户管理" in page and admin.email in page and "系统管理员" in page


def test_a_new_account_gets_its_link_by_mail_and_on_screen(app, client, login, make, smtp):
    login("admin")
    lawyer = make.lawyer(name="周律师")
    response = client.post(
        "/admin/users/new",
        data={
            "email": "zhou@firm.cn",
            "name": "周律师",
            "account_role": "lawyer",
            "lawyer_id": lawyer.id,
        },
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    link = _link(response.get_data(as_text=True))
    [mail] = smtp.sink.wait_for(1)
    assert mail["To"] == "zhou@firm.cn" and link in mail.get_content()
    with app.app_context():
        stored = db.session.scalars(sa.select(PasswordReset.token_hash)).all()
        token = link.rsplit("=", 1)[1]
        assert token not in stored and len(stored) == 1  # only its hash
        user = db.session.scalar(sa.select(User).where(User.email == "zhou@firm.cn"))
        assert user.lawyer_id == lawyer.id and user.password_hash is None
    listed = client.get("/admin/users?q=周").get_data(as_text=True)
    assert "周律师" in listed and "律师" in listed


def test_setting_a_password_with_the_link(app, client, make):
    clerk = make.user("intake")
    with app.test_request_context():
        token = resets.issue_link(db.session, None, utcnow(), db.session.get(User, clerk.id))
        db.session.commit()
    opened = client.get(f"/set-password?token={token}")
    assert opened.status_code == 303 and token not in opened.headers["Location"]
    page = client.get("/set-password")
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    short = client.post("/set-password", data={"password": "short", "confirm": "short"})
    assert short.status_code == 422 and "至少" in short.get_data(as_text=True)
    done = client.post(
        "/set-password", data={"password": "new secret 1", "confirm": "new secret 1"}
    )
    assert done.status_code == 302 and done.headers["Location"].endswith("/login")
    login = client.post("/login", data={"email": clerk.email, "password": "new secret 1"})
    assert login.status_code == 302
    client.get(f"/set-password?token={token}")
    again = client.get("/set-password")
    assert again.status_code == 410 and "已经用过" in again.get_data(as_text=True)


def test_unknown_and_expired_links_say_so(app, client, make):
    client.get("/set-password?token=pw_nothing")
    assert "链接无效" in client.get("/set-password").get_data(as_text=True)
    clerk = make.user("intake")
    with app.test_request_context():
        token = resets.issue_link(
            db.session, None, utcnow() - timedelta(days=2), db.session.get(User, clerk.id)
        )
        db.session.commit()
    client.get(f"/set-password?token={token}")
    expired = client.get("/set-password")
    assert expired.status_code == 410 and "已过期" in expired.get_data(as_text=True)


def test_two_simultaneous_uses_of_one_link_set_one_password(app, make):
    clerk = make.user("intake")
    with app.test_request_context():
        token = resets.issue_link(db.session, None, utcnow(), db.session.get(User, clerk.id))
        db.session.commit()
    clients = [app.test_client(), app.test_client()]
    for c in clients:
        c.get(f"/set-password?token={token}")
    start = threading.Barrier(2)
    answers = []

    def use(c, password):
        start.wait()
        answers.append(
            (
                c.post(
                    "/set-password", data={"password": password, "confirm": password}
                ).status_code,
                password,
            )
        )

    threads = [
        threading.Thread(target=use, args=(c, p))
        for c, p in zip(clients, ("first pass 1", "other pass 2"), strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(code for code, _ in answers) == [302, 410], answers
    winner = next(p for code, p in answers if code == 302)
    loser = next(p for code, p in answers if code == 410)
    with app.app_context():
        stored = db.session.get(User, clerk.id).password_hash
        assert check_password_hash(stored, winner) and not check_password_hash(stored, loser)


def test_deactivation_tokens_and_logout_from_the_account_page(app, client, login, make):
    clerk = make.user("intake")
    with app.app_context():
        token_for(db.session.get(User, clerk.id))
        token_for(db.session.get(User, clerk.id))
    admin = login("admin")
    page = client.get(f"/admin/users/{clerk.id}").get_data(as_text=True)
    assert "data-confirm=" in page and "吊销全部令牌" in page
    one = re.search(r'name="token_id" value="(\d+)"', page).group(1)
    client.post(f"/admin/users/{clerk.id}/tokens/revoke", data={"token_id": one})
    with app.app_context():
        left = db.session.scalar(sa.select(sa.func.count()).where(ApiToken.revoked_at.is_(None)))
        assert left == 1
    client.post(f"/admin/users/{clerk.id}/active", data={"active": "0"})
    with app.app_context():
        user = db.session.get(User, clerk.id)
        assert not user.active
        left = db.session.scalar(sa.select(sa.func.count()).where(ApiToken.revoked_at.is_(None)))
        assert left == 0
    refused = client.post(
        f"/admin/users/{admin.id}/active", data={"active": "0"}, follow_redirects=True
    )
    assert "不能停用" in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, admin.id).active
