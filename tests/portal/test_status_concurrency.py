"""Guesses at one case's access code through real gunicorn workers, all at once."""

from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from tests.conftest import NOW, create_user, dummy_intake
from tests.servers import desk_server

pytestmark = pytest.mark.slow


def test_thirty_simultaneous_wrong_codes_evaluate_ten(app):
    """Thirty wrong codes from one address at once, through four workers: each guess is
    counted before its code is checked, so ten are evaluated and twenty refused (before,
    every one was checked: the count was tested first and added after the answer).
    The enterprise, at another address, still gets in with its code in a header."""
    from legaldesk.cases.service import record_intake

    with app.app_context():
        case, code, _ = record_intake(db.session, create_user("intake"), NOW, dummy_intake())
        db.session.commit()
        reference = case.reference
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    attacker = {"X-Forwarded-For": "203.0.113.7"}
    with (
        desk_server(url, workers=4, RATELIMIT_ENABLED="true", TRUSTED_PROXIES="1") as server,
        ThreadPoolExecutor(max_workers=30) as pool,
    ):
        answers = list(
            pool.map(
                lambda _: server.request(
                    "GET", f"/api/v1/status/{reference}?code=AAAAAAAAAA", headers=attacker
                )[0],
                range(30),
            )
        )
        owner = server.request(
            "POST",
            f"/api/v1/status/{reference}",
            headers={"X-Forwarded-For": "198.51.100.2", "X-Access-Code": code},
        )
        refused = server.request(
            "POST", f"/api/v1/status/{reference}", body={"code": code}, headers=attacker
        )
    assert sorted(answers) == [404] * 10 + [429] * 20
    assert owner[0] == 200 and owner[1]["reference"] == reference
    assert refused[0] == 429
    with app.app_context():
        evaluated = db.session.scalar(
            sa.select(sa.func.count()).where(AuditEntry.action == "status.lookup_failed")
        )
    assert evaluated == 10
