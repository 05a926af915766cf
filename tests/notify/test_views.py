"""The bell and the notifications page; failed mail for coordinators."""

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.notify import service
from legaldesk.notify.models import Notification, OutboxMessage
from tests.conftest import NOW


def test_a_lawyer_hears_of_a_routed_case_and_marks_it_read(client, login, make, api_as):
    case = make.case()
    lawyer = make.user("lawyer")
    make.assign(case, lawyer.lawyer_id)
    api_as("coordinator").post(
        f"/consultations/{case.reference}/transitions", json={"to": "routed"}
    )
    login(lawyer)
    home = client.get("/").get_data(as_text=True)
    assert '<span class="badge">1</span>' in home
    page = client.get("/notifications").get_data(as_text=True)
    assert f"案件 {case.reference} 已分派给您。" in page
    notice_id = make.run(lambda: db.session.scalars(sa.select(Notification.id)).one())
    client.post(f"/notifications/{notice_id}/read")
    assert 'class="badge"' not in client.get("/").get_data(as_text=True)


def test_marking_read_touches_only_ones_own_notifications(client, login, make):
    other = make.user("coordinator")

    def add():
        service.notify_users(db.session, NOW, [other.id], "case_routed", {"reference": "X"})
        db.session.commit()
        return db.session.scalars(sa.select(Notification.id)).one()

    notice_id = make.run(add)
    login("coordinator")
    client.post(f"/notifications/{notice_id}/read")
    client.post("/notifications/read")
    assert make.run(lambda: db.session.get(Notification, notice_id).read_at) is None


def test_coordinators_see_failed_mail_and_send_it_again(app, client, login, make):
    def failed_row():
        service.enqueue(
            db.session,
            NOW,
            "ack",
            "ack.LD-2026-FAILED",
            "bad@example.com",
            {"reference": "LD-2026-FAILED"},
        )
        row = db.session.scalars(sa.select(OutboxMessage)).one()
        row.state, row.attempts, row.last_error = "failed", 6, "SMTPRecipientsRefused"
        db.session.commit()
        return row.id

    row_id = make.run(failed_row)
    coordinator = login("coordinator")
    page = client.get("/notifications").get_data(as_text=True)
    assert "未能送达的邮件" in page and "bad@example.com" in page
    client.post(f"/outbox/{row_id}/retry")
    with app.app_context():
        assert db.session.get(OutboxMessage, row_id).state == "pending"
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "outbox.retry")
        ).one()
        assert entry.actor_id == coordinator.id


def test_clerks_cannot_resend_mail(client, login):
    login("intake")
    assert client.post("/outbox/1/retry").status_code == 403
    assert "未能送达的邮件" not in client.get("/notifications").get_data(as_text=True)
