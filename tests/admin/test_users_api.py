"""POST/GET/PATCH /api/v1/users: admins only, field errors, conflicts, and a
deactivated account's session and token stop working at once (both databases)."""

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.auth.models import User
from legaldesk.db import db


def test_only_admins_use_the_users_api(api_as):
    for role in ("intake", "coordinator", "lawyer"):
        api = api_as(role)
        assert api.get("/users").status_code == 403
        assert (
            api.post("/users", json={"email": "a@b.cn", "name": "甲", "role": "intake"}).status_code
            == 403
        )
        assert api.patch(f"/users/{api.user.id}", json={"name": "乙"}).status_code == 403


def test_an_admin_creates_a_lawyer_account_without_a_password(api_as, make, app):
    api = api_as("admin")
    lawyer = make.lawyer(name="王律师")
    response = api.post(
        "/users",
        json={"email": "Wang@Firm.cn", "name": "王律师", "role": "lawyer", "lawyer_id": lawyer.id},
    )
    assert response.status_code == 201, response.json
    body = response.json
    assert body["email"] == "wang@firm.cn" and body["lawyer"] == {"id": lawyer.id, "name": "王律师"}
    assert body["has_password"] is False and "password_link_mailed" in body
    assert "pw_" not in response.get_data(as_text=True)  # the link is never in the answer
    assert api.get(f"/users/{body['id']}").json["role"] == "lawyer"
    with app.app_context():
        actions = db.session.scalars(sa.select(AuditEntry.action)).all()
        assert {"user.create", "user.password_link"} <= set(actions)


def test_field_errors_duplicates_and_unknown_ids(api_as, make):
    api = api_as("admin")
    bad = api.post("/users", json={"email": "nope", "name": "", "role": "lawyer", "lawyer_id": 99})
    assert bad.status_code == 422
    assert {"email", "name"} <= set(bad.json["error"]["fields"])
    no_link = api.post("/users", json={"email": "l@desk.cn", "name": "律师", "role": "lawyer"})
    assert no_link.status_code == 422 and "lawyer_id" in no_link.json["error"]["fields"]
    first = api.post("/users", json={"email": "c@desk.cn", "name": "甲", "role": "intake"})
    assert first.status_code == 201
    again = api.post("/users", json={"email": "C@desk.cn", "name": "乙", "role": "intake"})
    assert again.status_code == 409
    assert api.patch("/users/999999", json={"name": "x"}).status_code == 404
    assert api.get("/users/999999").status_code == 404
    odd = api.patch(f"/users/{first.json['id']}", json={"active": "no", "colour": 1})
    assert odd.status_code == 422 and {"active", "colour"} <= set(odd.json["error"]["fields"])


def test_role_changes_keep_the_links_right(api_as, make):
    api = api_as("admin")
    lawyer_user = make.user("lawyer")
    changed = api.patch(f"/users/{lawyer_user.id}", json={"role": "coordinator"})
    assert changed.status_code == 200 and changed.json["lawyer"] is None
    clerk = make.user("intake")
    wrong = api.patch(f"/users/{clerk.id}", json={"lawyer_id": lawyer_user.lawyer_id})
    assert wrong.status_code == 422
    back = api.patch(
        f"/users/{clerk.id}", json={"role": "lawyer", "lawyer_id": lawyer_user.lawyer_id}
    )
    assert back.status_code == 200 and back.json["lawyer"]["id"] == lawyer_user.lawyer_id


def test_an_admin_cannot_shut_out_themself_nor_the_last_admin(api_as, app):
    api = api_as("admin")
    me = api.user.id
    assert api.patch(f"/users/{me}", json={"active": False}).json["error"]["code"] == "self_lockout"
    assert api.patch(f"/users/{me}", json={"role": "intake"}).status_code == 409
    with app.app_context():
        assert db.session.get(User, me).role == "admin"


def test_a_deactivated_users_session_and_token_stop_at_once(app, client, api_as, make, login):
    clerk = login("intake")
    assert client.get("/cases").status_code == 200
    clerks_api = api_as(clerk)
    assert clerks_api.get("/categories").status_code == 200
    admin = api_as("admin")
    response = admin.patch(f"/users/{clerk.id}", json={"active": False})
    assert response.status_code == 200 and response.json["active"] is False
    assert client.get("/cases").status_code == 302  # to the login page
    assert clerks_api.get("/categories").status_code == 401
    # Let in again, the old session and token stay ended.
    assert admin.patch(f"/users/{clerk.id}", json={"active": True}).status_code == 200
    assert clerks_api.get("/categories").status_code == 401
    assert client.get("/cases").status_code == 302
    with app.app_context():
        actions = db.session.scalars(sa.select(AuditEntry.action)).all()
        assert "user.deactivate" in actions and "user.reactivate" in actions


def test_the_list_searches_and_filters(api_as, make):
    api = api_as("admin")
    make.user("intake", name="林晓", email="lin@desk.cn")
    gone = make.user("intake", name="赵前台", email="zhao@desk.cn")
    api.patch(f"/users/{gone.id}", json={"active": False})
    found = api.get("/users?q=林").json
    assert [u["email"] for u in found["items"]] == ["lin@desk.cn"]
    inactive = api.get("/users?active=false").json
    assert [u["email"] for u in inactive["items"]] == ["zhao@desk.cn"]
    assert api.get("/users?role=intake&per_page=1").json["total"] == 2
    assert api.get("/users?per_page=0").status_code == 422
