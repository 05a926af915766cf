"""Finding 6: deactivating an account cancels its outstanding set-password links (so
reactivating brings none back); no link is issued for a deactivated account; a
deactivated account's link says the account is deactivated, not "check the copy"."""

from __future__ import annotations

from legaldesk.admin import resets
from legaldesk.auth.models import User
from legaldesk.clock import utcnow
from legaldesk.db import db


def _issue(app, user_id) -> str:
    with app.test_request_context():
        token = resets.issue_link(db.session, None, utcnow(), db.session.get(User, user_id))
        db.session.commit()
    return token


def _open(client, token):
    client.get(f"/set-password?token={token}")
    return client.get("/set-password")


def test_reactivating_does_not_bring_an_old_link_back(app, api_as, client, make):
    clerk = make.user("intake")
    token = _issue(app, clerk.id)
    api = api_as("admin")
    assert api.patch(f"/users/{clerk.id}", json={"active": False}).status_code == 200
    assert api.patch(f"/users/{clerk.id}", json={"active": True}).status_code == 200
    assert _open(client, token).status_code == 410


def test_a_deactivated_accounts_link_says_so(app, api_as, client, make):
    clerk = make.user("intake")
    token = _issue(app, clerk.id)
    with app.app_context():
        db.session.get(User, clerk.id).active = False  # deactivated by the command line
        db.session.commit()
    page = _open(client, token).get_data(as_text=True)
    assert "请检查是否完整复制" not in page and "已停用" in page, page


def test_no_link_for_a_deactivated_account(app, client, login, make):
    clerk = make.user("intake")
    login("admin")
    client.post(f"/admin/users/{clerk.id}/active", data={"active": "0"})
    answer = client.post(f"/admin/users/{clerk.id}/password-link", follow_redirects=True)
    page = answer.get_data(as_text=True)
    assert "先启用该账户" in page and "/set-password?token=" not in page, page
    page = client.get(f"/admin/users/{clerk.id}").get_data(as_text=True)
    assert 'id="reset-password"' not in page
