"""Finding 1: the one-time set-password link carries its token in the query string,
which the access log of `make run` (scripts/gunicorn.conf.py) never records; the
page the link opens still sends no Referer."""

from __future__ import annotations

import http.client

import pytest

from legaldesk.admin import handover, resets
from legaldesk.auth.models import User
from legaldesk.clock import utcnow
from legaldesk.db import db
from tests.servers import desk_server

pytestmark = pytest.mark.slow


def _issue(app, make) -> tuple[str, str]:
    clerk = make.user("intake")
    with app.test_request_context():
        token = resets.issue_link(db.session, None, utcnow(), db.session.get(User, clerk.id))
        db.session.commit()
        link = handover.link_address(token)
    return token, link[link.index("/set-password") :]


def test_the_link_keeps_its_token_out_of_the_path(app, make, client):
    token, path = _issue(app, make)
    assert path == f"/set-password?token={token}"
    opened = client.get(path)
    assert opened.status_code == 303 and token not in opened.headers["Location"]
    assert opened.headers["Referrer-Policy"] == "no-referrer"
    page = client.get(opened.headers["Location"])
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"


def test_the_access_log_of_a_real_server_holds_no_token(app, make, tmp_path):
    token, path = _issue(app, make)
    log = tmp_path / "access.log"
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with desk_server(url, workers=1, access_log=str(log)) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request("GET", path)
        answer = connection.getresponse()
        answer.read()
        connection.close()
        assert answer.status == 303
    lines = log.read_text().splitlines()
    assert any("GET /set-password " in line for line in lines), lines
    assert not any(token in line or "pw_" in line for line in lines), lines
