"""Two app servers on one PostgreSQL, as behind a load balancer (docs/deploy.md,
"Several machines"): what one server does, the other honours, with no sticky sessions.

Both gunicorn processes are started once for the module, in a schema of a database of
their own. Each test makes its own users and rooms, and comes from client addresses of
its own (the servers trust one proxy's X-Forwarded-For), so the tests share no
rate-limit counts.
"""

from __future__ import annotations

import http.cookiejar
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from legaldesk import create_app
from legaldesk.auth.models import User
from legaldesk.cases.catalog import ensure_reference_data
from legaldesk.db import db
from tests.conftest import (
    PG_URL,
    Make,
    checkpoints_in,
    database_beside,
    desk_config,
    token_for,
)
from tests.helpers import future_working_day, iso
from tests.servers import DeskServer

pytestmark = pytest.mark.slow

# What every server of one desk shares (tests/servers.py gives both the same secret
# and audit keys): counters in the database, and one proxy in front.
SHARED = {"RATELIMIT_ENABLED": "true", "TRUSTED_PROXIES": "1"}
SCHEMA = "several_servers"


def _schema(url: str, statement: str) -> None:
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(statement)
    engine.dispose()


def _fresh_schema(url: str) -> str:
    """An empty schema in ``url``'s database (emptied this way, not by making the
    database afresh, which costs a checkpoint); answers the URL that works in it alone."""
    _schema(url, f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
    own = sa.make_url(url).update_query_dict({"options": f"-csearch_path={SCHEMA}"})
    return own.render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def desk(tmp_path_factory) -> Iterator[SimpleNamespace]:
    """Servers ``one`` and ``two`` on one database, and ``make`` to add rows to it."""
    if not PG_URL:
        pytest.skip("several servers need PostgreSQL: LEGALDESK_TEST_DATABASE_URL is not set")
    # Its own database: nothing else uses it, so neither another test's emptying of
    # the worker's database nor a backup test's dump of it touches these servers.
    database = database_beside(PG_URL, "_servers")
    url = _fresh_schema(database)
    app = create_app({**desk_config(url), **checkpoints_in(tmp_path_factory.mktemp("several"))})
    with ThreadPoolExecutor(max_workers=2) as pool:
        # Both servers boot while the schema is made (/healthz needs no table).
        starting = [pool.submit(DeskServer, url, 1, None, **SHARED) for _ in range(2)]
        with app.app_context():
            db.create_all()
            ensure_reference_data(db.session)
            db.session.commit()
        servers = [future.result() for future in starting]
    try:
        yield SimpleNamespace(one=servers[0], two=servers[1], make=Make(app))
    finally:
        for server in servers:
            server.kill()  # nothing in flight: a graceful stop would only take longer
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        _schema(database, f"DROP SCHEMA {SCHEMA} CASCADE")


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is the answer we look at


class Browser:
    """One browser whose requests the load balancer sends to either server: its
    cookies (a cookie jar ignores ports) go to both, as to one address."""

    def __init__(self, address: str):
        self.headers = {"X-Forwarded-For": address}  # as nginx would set it
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), _KeepRedirects()
        )

    def request(self, server: DeskServer, path: str, form: dict | None = None):
        """(status, body, Location) of a GET, or of a POST of ``form``."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(server.base + path, data=data, headers=self.headers)
        try:
            with self.opener.open(request, timeout=30) as answer:
                return answer.status, answer.read().decode(), answer.headers.get("Location")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), error.headers.get("Location")

    def csrf_token(self, server: DeskServer, path: str = "/login") -> str:
        _, page, _ = self.request(server, path)
        found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)
        assert found, page[:500]
        return found.group(1)

    def log_in(self, server: DeskServer, email: str, password: str, token: str) -> int | str:
        """The answer's status; "form refused" when the server could not check the
        form's CSRF token and sent the browser back to the login page."""
        form = {"email": email, "password": password, "csrf_token": token}
        status, _, location = self.request(server, "/login", form)
        return "form refused" if status == 302 and "/login" in (location or "") else status

    def signed_in(self, server: DeskServer) -> bool:
        status, _, location = self.request(server, "/notifications")
        assert status == 200 or (status == 302 and "/login" in (location or "")), status
        return status == 200


def test_a_login_on_one_server_holds_on_the_other_until_it_ends_there(desk):
    """No sticky sessions: the cookie is signed with the shared secret key and names a
    session row in the shared database, so either server honours it, and ending it on
    one (logout, or an admin deactivating the account) ends it on both."""
    clerk, admin = desk.make.user("coordinator"), desk.make.user("admin")
    admin_token = desk.make.run(lambda: token_for(db.session.get(User, admin.id)))
    browser = Browser("198.51.100.10")
    # The form from server one is posted to server two: its CSRF token holds there too.
    token = browser.csrf_token(desk.one)
    assert browser.log_in(desk.two, clerk.email, "password123", token) == 302
    assert browser.signed_in(desk.one) and browser.signed_in(desk.two)

    logout_token = browser.csrf_token(desk.one, "/notifications")
    assert browser.request(desk.two, "/logout", {"csrf_token": logout_token})[0] == 302
    assert not browser.signed_in(desk.one)

    again = Browser("198.51.100.11")
    assert again.log_in(desk.one, clerk.email, "password123", again.csrf_token(desk.two)) == 302
    assert again.signed_in(desk.two)
    status, _ = desk.two.request(
        "PATCH", f"/api/v1/users/{clerk.id}", admin_token, {"active": False}
    )
    assert status == 200
    assert not again.signed_in(desk.one) and not again.signed_in(desk.two)


def test_a_login_limit_used_up_on_one_server_holds_on_the_other(desk):
    """Ten wrong passwords a minute per address, counted in the shared database: the
    eleventh is refused by whichever server it reaches."""
    clerk = desk.make.user("intake")
    browser = Browser("198.51.100.20")
    token = browser.csrf_token(desk.one)
    answers = [browser.log_in(desk.one, clerk.email, "wrong-password", token) for _ in range(10)]
    assert answers == [422] * 10
    assert browser.log_in(desk.two, clerk.email, "password123", token) == 429
    assert browser.log_in(desk.one, clerk.email, "password123", token) == 429
    # Another address is counted apart: the limit is per client, as nginx names it.
    other = Browser("198.51.100.21")
    assert other.log_in(desk.two, clerk.email, "password123", other.csrf_token(desk.two)) == 302


def _at_once(calls: list) -> list[tuple[int, dict]]:
    """Run every call at the same moment (a barrier), each in a thread of its own."""
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait()
        return call()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_one_slot_booked_through_both_servers_at_once_is_booked_once(desk):
    """Twelve bookings of one slot, six through each server at the same moment: one
    201, and the database's exclusion constraint refuses the rest on both servers."""
    coordinator = desk.make.user("coordinator")
    token = desk.make.run(lambda: token_for(db.session.get(User, coordinator.id)))
    room_id = desk.make.room(name="多服务器调解室")
    day = future_working_day()
    body = {"room_id": room_id, "starts_at": iso(day, "10:00"), "ends_at": iso(day, "11:00")}
    calls = [
        lambda server=server, i=i: server.request(
            "POST", "/api/v1/bookings", token, {**body, "title": f"调解{i}"}
        )
        for i, server in enumerate([desk.one, desk.two] * 6)
    ]
    statuses = sorted(status for status, _ in _at_once(calls))
    assert statuses == [201] + [409] * 11


def test_one_case_claimed_through_both_servers_at_once_goes_to_one_lawyer(desk):
    """Six lawyers claim one case at once, three through each server: the case row's
    lock, taken by the winner's server, makes the claims through the other server
    wait and then answer 409; both servers then show the one assignee."""
    case = desk.make.case()
    tokens = []
    for _ in range(6):
        lawyer = desk.make.user("lawyer")
        tokens.append(desk.make.run(lambda u=lawyer: token_for(db.session.get(User, u.id))))
    path = f"/api/v1/consultations/{case.reference}/claim"
    calls = [
        lambda server=server, token=token: server.request("POST", path, token)
        for server, token in zip([desk.one, desk.two] * 3, tokens, strict=True)
    ]
    answers = _at_once(calls)
    assert sorted(status for status, _ in answers) == [200] + [409] * 5
    assignee = next(body["assignee"] for status, body in answers if status == 200)
    winner = next(t for (status, _), t in zip(answers, tokens, strict=True) if status == 200)
    for server in (desk.one, desk.two):
        status, shown = server.request("GET", f"/api/v1/consultations/{case.reference}", winner)
        assert status == 200 and shown["assignee"]["id"] == assignee["id"]
