"""The outbox delivered through a real SMTP server (aiosmtpd), on every database."""

import threading
from datetime import timedelta

import pytest
import sqlalchemy as sa

from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.notify import service
from legaldesk.notify.compose import smtp_transport
from legaldesk.notify.models import Notification, OutboxMessage
from legaldesk.scheduler import deliver_outbox
from tests.conftest import NOW, count, dummy_intake
from tests.mail import SilentServer, SmtpServer


@pytest.fixture
def smtp(app):
    with SmtpServer() as server:
        app.config.update(server.settings())
        yield server


def rows(app):
    with app.app_context():
        return db.session.scalars(sa.select(OutboxMessage).order_by(OutboxMessage.id)).all()


def test_an_intake_with_an_email_is_acknowledged_once(app, api_as, smtp):
    body = api_as("intake").post("/consultations", json=dummy_intake()).json
    assert deliver_outbox(app, "worker-1") == {"sent": 1}
    assert deliver_outbox(app, "worker-1") == {}  # nothing left, nothing twice
    [mail] = smtp.sink.wait_for(1)
    assert mail["To"] == "zhou@example.com"
    assert body["reference"] in mail["Subject"] and "已收到您的咨询" in mail["Subject"]
    text = mail.get_content()
    assert body["reference"] in text and "/status?reference=" + body["reference"] in text
    assert body["access_code"] not in text
    assert body["access_code"].replace("-", "") not in text
    assert mail["Message-ID"] == f"<ack.{body['reference']}@127.0.0.1>"


def test_english_contacts_are_written_to_in_english(app, api_as, smtp):
    contact = {
        "name": "John Smith",
        "phone": "13805710001",
        "email": "john@example.com",
        "language": "en",
    }
    api_as("intake").post("/consultations", json=dummy_intake(contact=contact))
    deliver_outbox(app, "worker-1")
    [mail] = smtp.sink.wait_for(1)
    assert "We have received your consultation" in mail["Subject"]
    assert "Dear" in mail.get_content()


def test_no_email_no_message(app, api_as, smtp):
    contact = {"name": "周经理", "phone": "13805710001"}
    api_as("intake").post("/consultations", json=dummy_intake(contact=contact))
    assert rows(app) == []


def test_status_changes_are_told_but_not_the_internal_return_to_new(app, make, api_as, smtp):
    case = make.case()
    lawyer = make.user("lawyer")
    make.assign(case, lawyer.lawyer_id)
    coordinator = api_as("coordinator")
    path = f"/consultations/{case.reference}/transitions"
    coordinator.post(path, json={"to": "routed"})
    coordinator.post(path, json={"to": "new", "note": "declined"})
    assert deliver_outbox(app, "w") == {"sent": 2}  # the ack and "routed"
    subjects = [m["Subject"] for m in smtp.sink.wait_for(2)]
    assert any("已分派" in s for s in subjects)
    with app.app_context():  # the lawyer got an in-app notice of the routed case
        notice = db.session.scalars(sa.select(Notification)).one()
        assert notice.user_id == lawyer.id and notice.payload["reference"] == case.reference


def test_a_refusing_server_delays_the_mail_and_loses_none(app, api_as, smtp):
    api_as("intake").post("/consultations", json=dummy_intake())
    smtp.sink.refusing = True
    now = utcnow()
    with app.app_context():
        transport = smtp_transport()
        [row_id] = service.claim_due(db.session, now, "w")
        db.session.commit()
        assert service.deliver(db.session, now, row_id, "w", transport) == "pending"
        db.session.commit()
        row = db.session.get(OutboxMessage, row_id)
        assert row.next_attempt_at == now + timedelta(minutes=1)
        assert "451" in row.last_error
        assert service.claim_due(db.session, now + timedelta(seconds=30), "w") == []
        smtp.sink.refusing = False
        [again] = service.claim_due(db.session, now + timedelta(minutes=1), "w")
        db.session.commit()
        assert service.deliver(db.session, now, again, "w", transport) == "sent"
        db.session.commit()
    assert len(smtp.sink.wait_for(1)) == 1


def test_a_server_that_never_answers_times_out_and_the_mail_waits(app, api_as):
    silent = SilentServer()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=silent.port, MAIL_TIMEOUT=1)
    try:
        api_as("intake").post("/consultations", json=dummy_intake())
        assert deliver_outbox(app, "w") == {"pending": 1}
    finally:
        silent.close()
    [row] = rows(app)
    assert row.state == "pending" and "timed out" in row.last_error.lower()


def test_after_the_last_try_coordinators_see_the_failure_and_can_retry(app, make, api_as):
    coordinator = make.user("coordinator")
    api_as("intake").post("/consultations", json=dummy_intake())

    def broken(row):
        raise ConnectionRefusedError("no mail server")

    with app.app_context():
        moment = utcnow()
        for _ in range(6):
            claimed = service.claim_due(db.session, moment, "w")
            db.session.commit()
            state = service.deliver(db.session, moment, claimed[0], "w", broken)
            db.session.commit()
            moment += timedelta(hours=5)
        assert state == "failed"
        [failed] = service.failed_messages(db.session)
        notice = db.session.scalars(sa.select(Notification)).one()
        assert notice.user_id == coordinator.id and notice.kind == "delivery_failed"
        service.retry_failed(db.session, moment, failed.id)
        db.session.commit()
        assert service.claim_due(db.session, moment, "w") == [failed.id]


def test_a_dead_workers_claim_expires_and_its_late_report_is_ignored(app, api_as, smtp):
    api_as("intake").post("/consultations", json=dummy_intake())
    lease = timedelta(minutes=2)
    now = utcnow()
    with app.app_context():
        transport = smtp_transport()
        [row_id] = service.claim_due(db.session, now, "dead", lease=lease)
        db.session.commit()
        assert service.claim_due(db.session, now + timedelta(minutes=1), "alive") == []
        later = now + lease + timedelta(seconds=1)
        assert service.claim_due(db.session, later, "alive") == [row_id]
        db.session.commit()
        assert service.deliver(db.session, later, row_id, "dead", transport) == "skipped"
        assert service.deliver(db.session, later, row_id, "alive", transport) == "sent"
        db.session.commit()
    assert len(smtp.sink.wait_for(1)) == 1


def test_two_schedulers_claiming_at_once_never_share_a_row(app, make):
    with app.app_context():
        for i in range(40):
            service.enqueue(
                db.session,
                NOW,
                "ack",
                f"ack.test-{i}",
                "a@b.test",
                {"reference": f"R{i}", "enterprise": "x", "received_at": NOW.isoformat()},
            )
        db.session.commit()
    claimed: dict[str, list[int]] = {"a": [], "b": []}
    start = threading.Barrier(2)

    def claim(worker):
        with app.app_context():
            start.wait()
            while rows := service.claim_due(db.session, NOW, worker, limit=3):
                db.session.commit()
                claimed[worker] += rows
            db.session.commit()

    threads = [threading.Thread(target=claim, args=(w,)) for w in claimed]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not set(claimed["a"]) & set(claimed["b"])
    assert len(claimed["a"]) + len(claimed["b"]) == 40
    with app.app_context():
        assert count(OutboxMessage) == 40


def test_a_batch_always_fits_in_its_lease():
    from legaldesk.scheduler import batch_size

    assert batch_size(120, 15) == 6  # the defaults: six 20-second sends in two minutes
    assert batch_size(3, 15) == 1
    assert batch_size(10_000, 1) == 10


def test_nothing_is_sent_for_a_cause_that_was_rolled_back(app, make, smtp):
    from legaldesk.auth.models import User
    from legaldesk.cases.service import record_intake

    clerk = make.user("intake")
    with app.app_context():
        record_intake(db.session, db.session.get(User, clerk.id), NOW, dummy_intake())
        db.session.rollback()  # e.g. a later step of the request failed
    assert deliver_outbox(app, "w") == {}
    assert rows(app) == []
