"""An audited read holds SQLite's write lock for its audit entry only (issue 14).

Every transaction on SQLite began IMMEDIATE, so the case detail and the status lookup
held the database's write lock from their first read to their commit, and reads
through two workers took turns. Now their reads run in a deferred transaction and the
audit entry (and an old access-code hash's replacement) is written after, in a short
IMMEDIATE transaction; every read is still in the audit log, a failed lookup too.
"""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.reads_first import WriteWhileReading, after_the_reads, reads_then_writes
from tests.helpers import Sent, sql_sent


def transactions(sent: list[Sent]) -> list[tuple[str, list[str]]]:
    """Each SQLite transaction among ``sent``: how it began and its statements."""
    seen: list[tuple[str, list[str]]] = []
    for one in sent:
        if one.statement.startswith("BEGIN"):
            seen.append((one.statement, []))
        elif seen:
            seen[-1][1].append(one.statement)
    return seen


def _immediate(seen) -> list[list[str]]:
    return [statements for begin, statements in seen if begin == "BEGIN IMMEDIATE"]


def _writes_only(statements: list[str]) -> bool:
    """An IMMEDIATE transaction that reads no case: the audit entry (its id is one past
    the largest) and perhaps an old hash's replacement."""
    return not any("FROM consultations" in s or "FROM timeline_entries" in s for s in statements)


@pytest.fixture
def sqlite_app(backend, request):
    if backend != "sqlite":
        pytest.skip("the write lock is SQLite's")
    return request.getfixturevalue("app")


def test_a_case_read_takes_the_lock_for_its_audit_entry_only(sqlite_app, make, api_as):
    case = make.case()
    api = api_as("coordinator")
    first = api.get(f"/consultations/{case.reference}")  # the token's first use
    assert first.status_code == 200, first.get_data(True)
    with sql_sent(sqlite_app) as sent:
        answer = api.get(f"/consultations/{case.reference}")
    assert answer.status_code == 200
    seen = transactions(sent)
    deferred = [statements for begin, statements in seen if begin == "BEGIN"]
    assert any("FROM consultations" in s for s in deferred[0])
    writing = [t for t in _immediate(seen) if any("INSERT INTO audit_entries" in s for s in t)]
    assert len(writing) == 1 and _writes_only(writing[0]), seen


def test_a_status_lookup_checks_the_code_outside_the_lock(sqlite_app, make, client):
    case = make.case()
    with sql_sent(sqlite_app) as sent:
        answer = client.post(f"/api/v1/status/{case.reference}", json={"code": case.code})
    assert answer.status_code == 200 and answer.json["timeline"]
    seen = transactions(sent)
    assert all(_writes_only(t) for t in _immediate(seen)), seen


def test_every_read_is_still_in_the_audit_log(app, make, api_as, client):
    case = make.case()
    api_as("coordinator").get(f"/consultations/{case.reference}")
    client.post(f"/api/v1/status/{case.reference}", json={"code": case.code})
    client.post(f"/api/v1/status/{case.reference}", json={"code": "AAAAAAAAAA"})
    client.post("/status", data={"reference": case.reference, "code": case.code})
    with app.app_context():
        actions = db.session.scalars(
            sa.select(AuditEntry.action)
            .where(AuditEntry.object_id == case.reference)
            .order_by(AuditEntry.id)
        ).all()
    assert actions[-4:] == [
        "consultation.read",
        "status.lookup",
        "status.lookup_failed",
        "status.lookup",
    ]


def test_a_change_in_the_read_phase_is_refused(app, make):
    case = make.case()
    with app.app_context():
        with pytest.raises(WriteWhileReading), reads_then_writes(db.session):
            db.session.get(Consultation, case.id).summary = "改了"
            db.session.flush()
        assert db.session.get(Consultation, case.id).summary != "改了"


def test_queued_writes_are_made_when_the_reads_fail(app, make):
    case = make.case()

    def rename(session):
        session.get(Consultation, case.id).summary = "读完再写"

    with app.app_context():
        with pytest.raises(LookupError), reads_then_writes(db.session):
            after_the_reads(db.session, rename)
            raise LookupError
        db.session.expire_all()
        assert db.session.get(Consultation, case.id).summary == "读完再写"
