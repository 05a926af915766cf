"""The drawn lawyer's time to accept: escalation once per round, first response, redraw."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.notify.models import Notification, OutboxMessage
from legaldesk.routing.models import Draw
from legaldesk.routing.sla import AcceptanceHours, escalate_overdue
from tests.draw_helpers import route_and_draw

pytestmark = pytest.mark.one_lawyer_draws  # tests of what follows a draw, not of pools

FOUR_HOURS = AcceptanceHours.alike(4)
SHANGHAI = ZoneInfo("Asia/Shanghai")


def routed_at(app, reference, when):
    with app.app_context():
        round_ = db.session.scalars(sa.select(Draw)).one()
        round_.drawn_at = when
        db.session.commit()


def test_a_late_acceptance_is_escalated_to_coordinators_once(app, make, api_as):
    make.lawyer()
    coordinator = make.user("coordinator")
    case = make.case()
    route_and_draw(api_as("intake"), case.reference)
    monday = datetime(2026, 10, 12, 9, 0, tzinfo=SHANGHAI)
    routed_at(app, case.reference, monday)
    with app.app_context():
        assert (
            escalate_overdue(db.session, monday + timedelta(hours=4), FOUR_HOURS, SHANGHAI, {}) == 0
        )
        # 09:00 + 4 working hours = 14:30 (lunch does not count)
        assert (
            escalate_overdue(
                db.session, monday + timedelta(hours=5, minutes=30), FOUR_HOURS, SHANGHAI, {}
            )
            == 1
        )
        assert (
            escalate_overdue(db.session, monday + timedelta(days=2), FOUR_HOURS, SHANGHAI, {}) == 0
        )
        db.session.commit()
        notice = db.session.scalars(sa.select(Notification)).one()
        assert notice.user_id == coordinator.id and notice.kind == "sla_breach"
        mail = db.session.scalars(sa.select(OutboxMessage)).all()
        assert [(m.kind, m.recipient) for m in mail if m.kind == "sla_breach"] == [
            ("sla_breach", coordinator.email)
        ]


def test_an_accepted_case_is_not_escalated_and_its_first_response_is_kept(app, make, api_as):
    lawyer = make.user("lawyer")
    case = make.case()
    route_and_draw(api_as("intake"), case.reference)
    api_as(lawyer).post(f"/consultations/{case.reference}/transitions", json={"to": "accepted"})
    with app.app_context():
        stored = db.session.get(Consultation, case.id)
        assert stored.first_response_at is not None
        later = stored.first_response_at + timedelta(days=30)
        assert escalate_overdue(db.session, later, FOUR_HOURS, SHANGHAI, {}) == 0


def test_a_coordinator_draws_again_without_the_late_lawyer(client, login, make, api_as, app):
    late, other = make.lawyer(), make.lawyer()
    case = make.case()
    first = route_and_draw(api_as("intake"), case.reference).json
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert 'id="redraw-after"' in page and "前受理" in page  # the lawyer still has time
    early = client.post(
        f"/cases/{case.reference}/redraw", data={"reason": "想换人"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "须待受理时限届满后才能重新抽签" in early  # no steering by redraw after redraw
    assert make.run(lambda: db.session.get(Consultation, case.id).status) == "routed"

    def time_runs_out():
        for round_ in db.session.scalars(sa.select(Draw)):
            round_.drawn_at -= timedelta(days=3)
        db.session.commit()

    make.run(time_runs_out)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "排除该律师重新抽签" in page and 'id="redraw-after"' not in page
    client.post(f"/cases/{case.reference}/redraw", data={"reason": "未按时受理"})
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "协调员收回：未按时受理" in page and 'name="contribution"' in page
    pending = re.search(r'name="draw_id" value="(\d+)"', page).group(1)
    client.post(
        f"/cases/{case.reference}/route",
        data={"draw_id": pending, "contribution": "8844 2211", "source": "lottery"},
    )
    with app.app_context():
        stored = db.session.get(Consultation, case.id)
        chosen_first = first["assignee"]["id"]
        assert stored.assignee_id == ({late.id, other.id} - {chosen_first}).pop()
        rounds = db.session.scalars(sa.select(Draw).order_by(Draw.round)).all()
        assert rounds[0].decline_reason == "未按时受理" and len(rounds) == 2
        assert rounds[0].released_by_id is not None  # taken back, not declined
        assert (rounds[1].contribution, rounds[1].contribution_source) == ("88442211", "lottery")


def test_the_calendar_page_keeps_the_centers_days(client, login, app):
    login("coordinator")
    client.post("/calendar", data={"day": "2027-02-08", "working": "0", "note": "春节（预估）"})
    page = client.get("/calendar").get_data(as_text=True)
    assert "2027-02-08" in page and "春节（预估）" in page and "休息日" in page
    client.post("/calendar", data={"day": "not a date", "working": "1"})
    client.post("/calendar/2027-02-08/delete")
    assert "2027-02-08" not in client.get("/calendar").get_data(as_text=True)
    login("intake")
    assert client.get("/calendar").status_code == 403


def test_the_escalation_mail_reaches_the_coordinator(app, make, api_as):
    from legaldesk.scheduler import deliver_outbox
    from tests.mail import SmtpServer

    make.lawyer()
    coordinator = make.user("coordinator")
    case = make.case(contact={"name": "周经理", "phone": "13805710001"})  # no e-mail: no ack
    route_and_draw(api_as("intake"), case.reference)
    monday = datetime(2026, 10, 12, 9, 0, tzinfo=SHANGHAI)
    routed_at(app, case.reference, monday)
    with SmtpServer() as smtp:
        app.config.update(smtp.settings())
        with app.app_context():
            escalate_overdue(db.session, monday + timedelta(days=1), FOUR_HOURS, SHANGHAI, {})
            db.session.commit()
        assert deliver_outbox(app, "w") == {"sent": 1}
        [mail] = smtp.sink.wait_for(1)
    assert mail["To"] == coordinator.email
    assert f"案件 {case.reference} 未按时受理" in mail["Subject"]
    assert "重新抽签" in mail.get_content()
