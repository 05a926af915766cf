"""Finding: a lawyer's request to hand a case back stayed pending after the case
moved on without a coordinator's answer (the lawyer gave advice, the case was
withdrawn); the coordinator could then only refuse it. It is settled when the case
moves past "accepted", saying why, and the coordinator's page no longer asks."""

import json

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from tests.routing.handon_cases import accepted_case


def _asked(make, api_as):
    case, lawyer, own, coordinator = accepted_case(make, api_as)
    asked = own.post(f"/consultations/{case.reference}/hand-back", json={"reason": "出差两周"})
    assert asked.status_code == 201, asked.json
    return case, lawyer, own, coordinator


def _lapsed(make, case):
    def read():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "routing.hand_back_lapsed")
        ).one()
        return json.loads(entry.detail)

    return make.run(read)


def test_advice_settles_the_waiting_request(make, api_as, client, login):
    case, lawyer, own, coordinator = _asked(make, api_as)
    advised = own.post(
        f"/consultations/{case.reference}/transitions", json={"to": "advised", "note": "意见"}
    )
    assert advised.status_code == 200, advised.json
    listed = coordinator.get(f"/consultations/{case.reference}/hand-back").json
    assert [r["state"] for r in listed] == ["refused"]
    assert listed[0]["answered_at"] and "advice" in listed[0]["answer"].lower()
    refuse = coordinator.post(
        f"/consultations/{case.reference}/hand-back/refuse", json={"note": "x"}
    )
    assert refuse.status_code == 409  # nothing waits
    assert _lapsed(make, case)["status"] == "advised"
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert 'id="hand-back-request"' not in page
    login(lawyer)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "案件已给出法律意见，此退回请求随之结束" in page


def test_withdrawal_settles_the_waiting_request(make, api_as, client, login):
    case, _, own, coordinator = _asked(make, api_as)
    path = f"/consultations/{case.reference}/transitions"
    assert coordinator.post(path, json={"to": "withdrawn"}).status_code == 200
    listed = coordinator.get(f"/consultations/{case.reference}/hand-back").json
    assert [r["state"] for r in listed] == ["refused"]
    assert "withdrawn" in listed[0]["answer"]
    assert _lapsed(make, case)["status"] == "withdrawn"
