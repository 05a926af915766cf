"""Finding 8: a malformed token id revokes nothing (all only by an explicit form);
user.change entries record old and new values; the pages' words; a deactivated
user's browser is told the account was deactivated."""

from __future__ import annotations

import json

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.auth.models import ApiToken, User
from legaldesk.db import db
from tests.conftest import token_for


def _valid_tokens(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).where(ApiToken.revoked_at.is_(None)))


def test_a_malformed_token_id_revokes_nothing(app, client, login, make):
    clerk = make.user("intake")
    with app.app_context():
        token_for(db.session.get(User, clerk.id))
        token_for(db.session.get(User, clerk.id))
    login("admin")
    for odd in ("abc", "", "-1", "1e3"):
        client.post(f"/admin/users/{clerk.id}/tokens/revoke", data={"token_id": odd})
        assert _valid_tokens(app) == 2
    client.post(f"/admin/users/{clerk.id}/tokens/revoke", data={})
    assert _valid_tokens(app) == 2
    page = client.get(f"/admin/users/{clerk.id}").get_data(as_text=True)
    assert 'name="all" value="1"' in page and "<th>名称</th>" in page
    client.post(f"/admin/users/{clerk.id}/tokens/revoke", data={"all": "1"})
    assert _valid_tokens(app) == 0


def test_changes_are_audited_with_old_and_new_values(app, api_as, make):
    clerk = make.user("intake", name="张三")
    api = api_as("admin")
    answer = api.patch(
        f"/users/{clerk.id}", json={"name": "张三丰", "role": "coordinator", "active": False}
    )
    assert answer.status_code == 200
    with app.app_context():
        change = sa.select(AuditEntry.detail).where(AuditEntry.action == "user.change")
        detail = json.loads(db.session.scalar(change))
    assert detail["role"] == ["intake", "coordinator"]
    assert detail["name"] == ["张三", "张三丰"] and detail["active"] == [True, False]
    assert "password" not in str(detail)


def test_the_pages_words(client, login, make):
    admin = login("admin")
    listed = client.get("/admin/users").get_data(as_text=True)
    assert "已启用" in listed and "在岗" not in listed
    refused = client.post(
        f"/admin/users/{admin.id}/active", data={"active": "0"}, follow_redirects=True
    )
    assert "账户未修改：不能停用" in refused.get_data(as_text=True)


def test_a_deactivated_users_browser_is_told_why(app, client, api_as, login):
    clerk = login("intake")
    assert api_as("admin").patch(f"/users/{clerk.id}", json={"active": False}).status_code == 200
    page = client.get("/cases", follow_redirects=True).get_data(as_text=True)
    assert "您的账户已被停用，请联系管理员" in page and "其他设备" not in page
