"""Rate limits that hold with several workers: counters in the database (default) or
Redis, never in one worker's memory."""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.ratelimit.models import RateLimitCounter
from legaldesk.ratelimit.storage import DatabaseStorage, purge_expired
from tests.servers import desk_server


def test_counts_are_atomic_and_windows_end(ctx):
    storage = DatabaseStorage()
    assert storage.check()
    assert [storage.incr("k", 60) for _ in range(3)] == [1, 2, 3]
    assert storage.get("k") == 3 and storage.get("other") == 0
    assert time.time() < storage.get_expiry("k") <= time.time() + 60
    assert storage.incr("k", 60, amount=-1) == 2  # a refund
    storage.clear("k")
    assert storage.get("k") == 0
    db.session.add(RateLimitCounter(key="old", count=9, expires_at=time.time() - 1))
    db.session.commit()
    assert storage.get("old") == 0
    assert storage.incr("old", 60) == 1  # a window that ended starts again at one
    db.session.add(RateLimitCounter(key="gone", count=9, expires_at=time.time() - 1))
    db.session.commit()
    with db.engine.begin() as connection:
        assert purge_expired(connection, time.time()) == 1
    assert storage.reset() == 1  # "old"


def test_the_desk_counts_in_its_database_by_default(tmp_path):
    from legaldesk import create_app
    from legaldesk.extensions import limiter

    create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.sqlite3'}"})
    assert isinstance(limiter.storage, DatabaseStorage)


def _login(base: str, email: str) -> int:
    body = urllib.parse.urlencode({"email": email, "password": "wrong-password"}).encode()
    try:
        with urllib.request.urlopen(base + "/login", data=body, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def _forty_logins(app, make, **settings) -> tuple[list[int], int]:
    """Forty wrong logins through four gunicorn workers, twenty one after another
    (they spread over the workers) and twenty at once: the answers, and how many were
    evaluated (audited as failed logins)."""
    user = make.user("intake")
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with (
        desk_server(
            url, workers=4, RATELIMIT_ENABLED="true", WTF_CSRF_ENABLED="false", **settings
        ) as server,
        ThreadPoolExecutor(max_workers=20) as pool,
    ):
        answers = [_login(server.base, user.email) for _ in range(20)]
        answers += pool.map(lambda _: _login(server.base, user.email), range(20))
    with app.app_context():
        evaluated = db.session.scalar(
            sa.select(sa.func.count()).where(AuditEntry.action == "auth.login_failed")
        )
    return sorted(answers), evaluated


@pytest.mark.slow
def test_forty_logins_through_four_workers_evaluate_ten(app, make):
    answers, evaluated = _forty_logins(app, make)
    assert answers == [422] * 10 + [429] * 30
    assert evaluated == 10


@pytest.mark.slow
def test_the_same_limit_holds_through_redis(app, make, backend, redis_url):
    if backend != "sqlite":
        pytest.skip("Redis holds the counts; one database is enough")
    answers, evaluated = _forty_logins(app, make, RATELIMIT_STORAGE_URI=redis_url)
    assert answers == [422] * 10 + [429] * 30
    assert evaluated == 10
