"""Logging out ends the session on the server: a copied cookie is worthless after it."""

import re
from datetime import timedelta
from types import SimpleNamespace

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.auth.models import User, UserSession
from legaldesk.auth.rules import may_end_sessions_of
from legaldesk.db import db
from tests.conftest import create_user, fresh_sqlite_app, token_for

ROLES_SEEN = ("lawyer", "admin", "coordinator")


def _log_in(client, user):
    response = client.post("/login", data={"email": user.email, "password": "password123"})
    assert response.status_code == 302, response.get_data(as_text=True)


def _replay(app, cookie):
    """A new browser holding only a copy of the session cookie."""
    thief = app.test_client()
    thief.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
    return thief


def _is_in(client) -> bool:
    response = client.get("/cases")
    if response.status_code == 302:
        assert "/login" in response.headers["Location"]
        return False
    assert response.status_code == 200
    return True


def _two_devices_and_a_colleague(app, make, role):
    """The user logged in on an office PC and a phone; a colleague on their own PC."""
    user, colleague = make.user(role), make.user(role)
    office, phone, theirs = app.test_client(), app.test_client(), app.test_client()
    _log_in(office, user)
    _log_in(phone, user)
    _log_in(theirs, colleague)
    return user, office, phone, theirs


def test_a_cookie_replayed_after_logout_is_refused(app, client, make):
    user = make.user("intake")
    _log_in(client, user)
    cookie = client.get_cookie("session", domain="desk.test")
    assert _is_in(_replay(app, cookie))  # the copy works while the session lasts
    client.post("/logout")
    assert not _is_in(client)
    assert not _is_in(_replay(app, cookie))


def test_logging_out_on_one_device_leaves_the_others_in(app, make):
    user = make.user("lawyer")
    office, phone = app.test_client(), app.test_client()
    _log_in(office, user)
    _log_in(phone, user)
    office.post("/logout")
    assert not _is_in(office) and _is_in(phone)


def test_log_out_everywhere_ends_every_session_of_the_user_only(app, make):
    user, office, phone, theirs = _two_devices_and_a_colleague(app, make, "intake")
    stolen = phone.get_cookie("session", domain="desk.test")
    response = office.post("/logout/everywhere")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert not _is_in(office) and not _is_in(phone) and not _is_in(_replay(app, stolen))
    assert _is_in(theirs)
    with app.app_context():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "auth.logout_everywhere")
        ).one()
        assert entry.actor_id == user.id and entry.object_id == str(user.id)


def test_each_login_is_a_new_session_and_only_a_hash_is_stored(app, client, make):
    user = make.user("intake")
    _log_in(client, user)
    first_cookie = client.get_cookie("session", domain="desk.test")
    _log_in(client, user)  # logging in again on the same browser starts afresh
    assert client.get_cookie("session", domain="desk.test").value != first_cookie.value
    assert not _is_in(_replay(app, first_cookie))  # the session it replaced has ended
    assert _is_in(client)
    with app.app_context():
        rows = db.session.scalars(sa.select(UserSession).order_by(UserSession.id)).all()
    assert len(rows) == 2 and all(len(row.key_hash) == 64 for row in rows)
    assert rows[0].ended_at is not None and rows[1].ended_at is None


def test_a_deactivated_account_is_out_at_once(app, client, make):
    user = make.user("coordinator")
    _log_in(client, user)

    def deactivate():
        db.session.get(User, user.id).active = False
        db.session.commit()

    make.run(deactivate)
    assert not _is_in(client)


def test_old_integer_ids_in_cookies_are_not_sessions(app, client, make):
    """Cookies from before sessions were kept on the server held the bare user id."""
    user = make.user("admin")
    with client.session_transaction() as cookie_session:
        cookie_session["_user_id"] = str(user.id)
        cookie_session["_fresh"] = True
    assert not _is_in(client)


def test_the_admin_command_logs_a_user_out_everywhere(app, make):
    user, office, phone, theirs = _two_devices_and_a_colleague(app, make, "lawyer")
    result = app.test_cli_runner().invoke(args=["desk", "logout-everywhere", user.email.upper()])
    assert result.exit_code == 0, result.output
    assert "2" in result.output
    assert not _is_in(office) and not _is_in(phone) and _is_in(theirs)
    unknown = app.test_cli_runner().invoke(args=["desk", "logout-everywhere", "no@one.test"])
    assert unknown.exit_code != 0 and "Traceback" not in unknown.output


def test_an_admin_ends_a_users_sessions_through_the_api(app, api_as, make):
    user = make.user("intake")
    browser = app.test_client()
    _log_in(browser, user)
    assert api_as("coordinator").post(f"/users/{user.id}/logout").status_code == 403
    assert _is_in(browser)
    admin = api_as("admin")
    assert admin.post("/users/999999/logout").status_code == 404
    response = admin.post(f"/users/{user.id}/logout")
    assert response.status_code == 200 and response.json == {"user_id": user.id, "ended": 1}
    assert not _is_in(browser)
    with app.app_context():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "auth.logout_everywhere")
        ).one()
        assert entry.actor_id == admin.user.id and entry.object_id == str(user.id)


def test_api_tokens_are_not_browser_sessions(app, make):
    """Logging out everywhere ends browser sessions; a token is revoked on its own."""
    user = make.user("intake")
    token = make.run(lambda: token_for(db.session.get(User, user.id)))
    browser = app.test_client()
    _log_in(browser, user)
    browser.post("/logout/everywhere")
    answer = app.test_client().get(
        "/api/v1/consultations", headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def test_with_csrf_on_login_works_and_log_out_everywhere_needs_the_token(tmp_path):
    app = fresh_sqlite_app(tmp_path, WTF_CSRF_ENABLED=True)
    with app.app_context():
        create_user("intake", email="clerk@desk.test")
    client = app.test_client()
    token = _csrf(client.get("/login").get_data(as_text=True))
    credentials = {"email": "clerk@desk.test", "password": "password123", "csrf_token": token}
    assert client.post("/login", data=credentials).status_code == 302
    assert 'href="/logout/everywhere"' in client.get("/cases").get_data(as_text=True)
    page = client.get("/logout/everywhere").get_data(as_text=True)  # asks first
    assert 'action="/logout/everywhere"' in page and "本设备" in page and _is_in(client)
    forged = client.post("/logout/everywhere")  # another site cannot end the sessions
    assert forged.status_code == 302 and _is_in(client)
    done = client.post("/logout/everywhere", data={"csrf_token": _csrf(page)})
    assert done.status_code == 302 and not _is_in(client)


def test_last_use_is_written_at_most_every_few_minutes(app, client, make):
    user = make.user("intake")
    _log_in(client, user)

    def row():
        return db.session.scalars(sa.select(UserSession)).one()

    started = make.run(lambda: row().last_seen_at)
    assert _is_in(client)
    assert make.run(lambda: row().last_seen_at) == started  # no write per page view

    def six_minutes_ago():
        row().last_seen_at = started - timedelta(minutes=6)
        db.session.commit()

    make.run(six_minutes_ago)
    assert _is_in(client)
    assert make.run(lambda: row().last_seen_at) >= started


def test_who_may_end_whose_sessions():
    me, admin, boss = (SimpleNamespace(id=i, role=r) for i, r in enumerate(ROLES_SEEN, 1))
    assert may_end_sessions_of(me, me) and may_end_sessions_of(admin, me)
    assert may_end_sessions_of(None, me)  # the command line, run by the machine's admin
    assert not may_end_sessions_of(boss, me) and not may_end_sessions_of(me, admin)


def test_users_without_a_session_are_not_all_equal(app):
    """UserMixin compares get_id(); without a session it is empty for everyone."""
    with app.app_context():
        one, two = create_user("intake"), create_user("intake")
        assert one != two and one == db.session.get(User, one.id)
