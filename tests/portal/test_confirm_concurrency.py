"""A double submit of the enterprise's confirmation, as real simultaneous requests to
real worker processes: one confirmation is recorded, on every database."""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.audit.service import verify
from legaldesk.auth.models import User
from legaldesk.db import db
from legaldesk.followups.models import LossConfirmation
from tests.advice_helpers import OWN_USCC, claimed_loss
from tests.conftest import token_for
from tests.servers import desk_server

pytestmark = pytest.mark.slow


@pytest.fixture
def url(app):
    return app.config["SQLALCHEMY_DATABASE_URI"]


def recorded(app):
    with app.app_context():
        rows = db.session.scalars(sa.select(LossConfirmation)).all()
        audited = db.session.scalar(
            sa.select(sa.func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.action == "followup.confirm_loss")
        )
        return [(r.amount_cny, r.satisfaction) for r in rows], audited, verify(db.session)[1]


def test_ten_simultaneous_api_confirmations_record_one(app, url, make, api_as):
    case = claimed_loss(make, api_as)
    account = make.user("enterprise", enterprise_uscc=OWN_USCC)
    token = make.run(lambda: token_for(db.session.get(User, account.id)))
    path = f"/api/v1/followups/{case.followup_id}/confirmation"
    start = threading.Barrier(10)

    def confirm(amount):
        start.wait()
        return server.request("POST", path, token, {"amount_cny": amount, "satisfaction": 4})

    with desk_server(url) as server, ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(pool.map(confirm, range(1_000, 11_000, 1_000)))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [201] + [409] * 9, answers
    winner = next(body for status, body in answers if status == 201)
    rows, audited, broken = recorded(app)
    assert rows == [(winner["amount_cny"], 4)] and audited == 1 and broken is None


def test_a_double_click_on_the_page_records_one(app, url, make, api_as):
    """Five posts of the /my form at once, from one logged-in browser session."""
    case = claimed_loss(make, api_as)
    account = make.user("enterprise", enterprise_uscc=OWN_USCC)
    with desk_server(url) as server:
        browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

        def post(path, data):
            body = urllib.parse.urlencode(data).encode()
            request = urllib.request.Request(server.base + path, data=body, method="POST")
            try:
                with browser.open(request, timeout=30) as answer:
                    return answer.status
            except urllib.error.HTTPError as error:
                return error.code

        def csrf(path):
            with browser.open(server.base + path, timeout=30) as answer:
                page = answer.read().decode()
            return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

        credentials = {"email": account.email, "password": "password123"}
        assert post("/login", {**credentials, "csrf_token": csrf("/login")}) == 200
        token = csrf(f"/my/cases/{case.reference}")
        path = f"/my/cases/{case.reference}/losses/{case.followup_id}/confirm"
        start = threading.Barrier(5)

        def submit(_):
            start.wait()
            return post(path, {"csrf_token": token, "answer": "confirm", "satisfaction": "5"})

        with ThreadPoolExecutor(max_workers=5) as pool:
            statuses = list(pool.map(submit, range(5)))
    assert statuses == [200] * 5  # each redirected to the page (one thanks, four "already")
    rows, audited, broken = recorded(app)
    assert rows == [(3_000_000, 5)] and audited == 1 and broken is None
