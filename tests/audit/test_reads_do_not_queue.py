"""On PostgreSQL a read takes neither the audit chain's lock nor its head: sixteen case
reads at once finish while another transaction holds the chain lock (before, each
read waited for it, so reads queued behind each other and behind every change). A
change still takes the lock and is sealed into the chain at once."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.auth.models import User
from legaldesk.db import db
from tests.conftest import token_for

CHAIN_LOCK = 0x1E6A1DE5  # legaldesk.audit.service._CHAIN_LOCK
READERS = 16


@pytest.fixture
def postgres_app(backend, request):
    if backend != "postgresql":
        pytest.skip("the chain lock is PostgreSQL's advisory lock; SQLite has one writer")
    return request.getfixturevalue("app")


@contextmanager
def chain_locked(app):
    """Another transaction holding the chain lock, as a change being saved does."""
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHAIN_LOCK})
        try:
            yield
        finally:
            transaction.rollback()
            connection.close()


def _token(make, role: str) -> dict[str, str]:
    user = make.user(role)
    token = make.run(lambda: token_for(db.session.get(User, user.id)))
    return {"Authorization": f"Bearer {token}"}


def _waiting_for_the_lock(app) -> int:
    """How many sessions wait for an advisory lock right now."""
    with app.app_context(), db.engine.connect() as connection:
        return connection.scalar(
            sa.text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted "
                "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            )
        )


def test_case_reads_finish_while_the_chain_lock_is_held(postgres_app, make):
    app = postgres_app
    case = make.case()
    headers = _token(make, "coordinator")
    path = f"/api/v1/consultations/{case.reference}"
    assert app.test_client().get(path, headers=headers).status_code == 200  # token in use
    start = threading.Barrier(READERS)

    def read(_: int) -> int:
        client = app.test_client()
        start.wait(timeout=30)
        return client.get(path, headers=headers).status_code

    with ThreadPoolExecutor(max_workers=READERS) as pool, chain_locked(app):
        reads = [pool.submit(read, n) for n in range(READERS)]
        done, waiting = wait(reads, timeout=30)
        finished_under_the_lock = len(done)
    assert finished_under_the_lock == READERS, f"{len(waiting)} reads waited for the chain lock"
    assert [r.result() for r in reads] == [200] * READERS
    with app.app_context():
        pending = db.session.scalar(
            sa.select(sa.func.count()).where(
                AuditEntry.action == "consultation.read", AuditEntry.seq.is_(None)
            )
        )
    assert pending == READERS + 1


def test_a_change_still_waits_for_the_chain_and_is_sealed_at_once(postgres_app, make):
    app = postgres_app
    case = make.case()
    headers = _token(make, "coordinator")
    path = f"/api/v1/consultations/{case.reference}/transitions"
    with ThreadPoolExecutor(max_workers=1) as pool:
        with chain_locked(app):
            change = pool.submit(
                lambda: app.test_client().post(path, headers=headers, json={"to": "withdrawn"})
            )
            deadline = time.monotonic() + 30
            while not _waiting_for_the_lock(app) and time.monotonic() < deadline:
                assert not change.done(), change.result().get_data(as_text=True)
            assert _waiting_for_the_lock(app) == 1 and not change.done()
        assert change.result(timeout=30).status_code == 200
    with app.app_context():
        entry = db.session.scalar(
            sa.select(AuditEntry).where(AuditEntry.action == "consultation.transition")
        )
        assert entry.seq is not None and entry.prev_hash is not None
