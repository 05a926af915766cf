"""App-wide behaviour: login required unless public, CSRF, health, error pages."""

import re

import pytest

from tests.conftest import create_user, dummy_intake, fresh_sqlite_app, token_for

PUBLIC = {
    "auth.login",
    "auth.set_language",
    "portal.status_page",
    "desk.healthz",
    "api.openapi_document",
    "api.portal.status",
    "bookings.lawyer_feed",  # the secret URL is the key (calendar apps cannot log in)
    "bookings.room_feed",
    "static",
    "passwords.set_password",  # a one-time link (?token=): its token is the key
    "draws.record_json",  # a draw's public record: no case content (issue 15)
    "draws.witness_sheet",
    "draws.verifier",  # the standalone verifier anyone runs on the record
}


def test_only_the_listed_views_are_public(app, client):
    from legaldesk.publicity import is_public

    public = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule.endpoint == "static" or is_public(app.view_functions[rule.endpoint])
    }
    assert public == PUBLIC


def test_every_private_page_sends_anonymous_users_to_login(app, client):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC or rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:int|id):\w+>", "1", rule.rule)
        path = re.sub(r"<any\(([\w-]+)[^>]*>", r"\1", path)  # the first of the choices
        path = path.replace("<reference>", "LD-2026-AAAAAA").replace("<code>", "en")
        method = "GET" if "GET" in rule.methods else "POST"
        response = client.open(path, method=method)
        assert response.status_code == 302, path
        assert "/login" in response.headers["Location"], path


def test_every_private_api_endpoint_needs_a_token(app, client):
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC or not rule.rule.startswith("/api/"):
            continue
        path = re.sub(r"<(?:int|id):\w+>", "1", rule.rule).replace("<reference>", "LD-2026-AAAAAA")
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            response = client.open(path, method=method, json={})
            assert response.status_code == 401, (method, path)


def test_login_form_is_csrf_protected(tmp_path):
    app = fresh_sqlite_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        create_user("intake", email="clerk@desk.test")
    client = app.test_client()
    credentials = {"email": "clerk@desk.test", "password": "password123"}
    refused = client.post("/login", data=credentials)
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]
    assert client.get("/cases").status_code == 302  # still not logged in
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    accepted = client.post("/login", data={**credentials, "csrf_token": token})
    assert accepted.status_code == 302 and accepted.headers["Location"] == "/"
    assert client.get("/cases").status_code == 200


def test_wrong_password_stays_on_the_login_page(client, make):
    user = make.user("intake")
    response = client.post("/login", data={"email": user.email, "password": "nope-nope"})
    assert response.status_code == 422
    assert "邮箱地址或密码错误。" in response.get_data(as_text=True)


def test_login_redirect_stays_on_site(client, make):
    user = make.user("intake")
    response = client.post(
        "/login?next=https://evil.example/", data={"email": user.email, "password": "password123"}
    )
    assert response.headers["Location"] == "/"


def test_healthz(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.json == {"status": "ok"}


def test_unknown_page_is_a_friendly_404(client, login):
    login("intake")
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "返回工作台" in response.get_data(as_text=True)


@pytest.mark.parametrize("role,sees_intake_button", [("intake", True), ("lawyer", False)])
def test_home_is_the_users_own_desk(client, login, role, sees_intake_button):
    login(role)
    page = client.get("/").get_data(as_text=True)
    assert ("登记新咨询" in page) is sees_intake_button


def test_password_guessing_is_rate_limited(tmp_path):
    client = fresh_sqlite_app(tmp_path, RATELIMIT_ENABLED=True).test_client()
    guesses = [
        client.post("/login", data={"email": "a@b.test", "password": f"guess{i}"}).status_code
        for i in range(11)
    ]
    assert guesses[:10] == [422] * 10
    assert guesses[10] == 429
    page = client.post("/login", data={"email": "a@b.test", "password": "x"})
    assert "请求过于频繁" in page.get_data(as_text=True)
    assert client.get("/login").status_code == 200  # reading the form is never limited


def test_behind_a_trusted_proxy_receipts_link_to_the_public_address(tmp_path):
    app = fresh_sqlite_app(tmp_path, TRUSTED_PROXIES=1, SERVER_NAME=None)
    with app.app_context():
        user = create_user("intake", email="clerk@desk.test")
        token = token_for(user)
    response = app.test_client().post(
        "/api/v1/consultations",
        json=dummy_intake(),
        headers={
            "Authorization": f"Bearer {token}",
            "X-Forwarded-Proto": "https",
            "X-Forwarded-Host": "desk.center.example",
        },
    )
    assert response.json["status_url"].startswith("https://desk.center.example/status?")


def test_ids_beyond_the_database_range_are_404_not_overflow(api_as):
    api = api_as("coordinator")
    response = api.post("/lawyers/99999999999999999999/conflicts", json={"party": "x"})
    assert response.status_code == 404
    assert api.post("/lawyers/0/conflicts", json={"party": "x"}).status_code == 404
