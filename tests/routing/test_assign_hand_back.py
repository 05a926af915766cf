"""A lawyer asks to hand an accepted case back with a reason; coordinators are told
and answer by reassigning, sending it back to the draw, or refusing with a note
that the lawyer sees."""

import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.notify.models import Notification
from tests.routing.handon_cases import accepted_case


def _bells(app, kind):
    with app.app_context():
        return db.session.execute(
            sa.select(Notification.user_id, Notification.payload).where(Notification.kind == kind)
        ).all()


def test_a_lawyer_asks_and_a_coordinator_refuses_with_a_note(app, make, api_as):
    case, lawyer, own, coordinator = accepted_case(make, api_as)
    path = f"/consultations/{case.reference}/hand-back"
    assert own.post(path, json={"reason": ""}).status_code == 422
    asked = own.post(path, json={"reason": "与对方公司有亲属关系"})
    assert asked.status_code == 201, asked.json
    assert asked.json["state"] == "pending" and asked.json["lawyer"]["id"] == lawyer.lawyer_id
    assert own.post(path, json={"reason": "again"}).status_code == 409  # one waits already
    told = _bells(app, "hand_back_requested")
    assert [user for user, _ in told] == [coordinator.user.id]
    assert told[0][1]["reason"] == "与对方公司有亲属关系"
    refuse = f"{path}/refuse"
    assert own.post(refuse, json={"note": "x"}).status_code == 403
    assert coordinator.post(refuse, json={"note": ""}).status_code == 422
    refused = coordinator.post(refuse, json={"note": "该关系不构成利益冲突，请继续办理"})
    assert refused.status_code == 200 and refused.json["state"] == "refused"
    assert coordinator.post(refuse, json={"note": "again"}).status_code == 409
    assert _bells(app, "hand_back_refused") == [
        (lawyer.id, {"reference": case.reference, "note": "该关系不构成利益冲突，请继续办理"})
    ]
    listed = own.get(path).json
    assert [(r["state"], r["answer"]) for r in listed] == [
        ("refused", "该关系不构成利益冲突，请继续办理")
    ]
    assert own.get(f"/consultations/{case.reference}").json["status"] == "accepted"


def test_reassigning_answers_the_request(app, make, api_as):
    case, lawyer, own, coordinator = accepted_case(make, api_as)
    other = make.lawyer()
    own.post(f"/consultations/{case.reference}/hand-back", json={"reason": "工作量过大"})
    moved = coordinator.post(
        f"/consultations/{case.reference}/assign",
        json={"lawyer_id": other.id, "reason": "同意退回", "from": lawyer.lawyer_id},
    )
    assert moved.status_code == 200, moved.json
    listed = coordinator.get(f"/consultations/{case.reference}/hand-back").json
    assert [r["state"] for r in listed] == ["reassigned"]
    assert [u for u, _ in _bells(app, "case_released")] == [lawyer.id]


def test_sending_back_answers_the_request(make, api_as):
    case, lawyer, own, coordinator = accepted_case(make, api_as)
    own.post(f"/consultations/{case.reference}/hand-back", json={"reason": "出差"})
    sent = coordinator.post(
        f"/consultations/{case.reference}/send-back", json={"reason": "同意退回"}
    )
    assert sent.status_code == 200
    listed = coordinator.get(f"/consultations/{case.reference}/hand-back").json
    assert [r["state"] for r in listed] == ["sent_back"]


def test_only_the_cases_own_lawyer_asks_and_only_once_accepted(make, api_as):
    lawyer = make.user("lawyer")
    case = make.case()
    coordinator = api_as("coordinator")
    coordinator.post(
        f"/consultations/{case.reference}/assign",
        json={"lawyer_id": lawyer.lawyer_id, "reason": "r"},
    )
    path = f"/consultations/{case.reference}/hand-back"
    routed = api_as(lawyer).post(path, json={"reason": "不想办"})
    assert routed.status_code == 409  # routed: they decline instead
    assert coordinator.post(path, json={"reason": "x"}).status_code == 403
    assert api_as("lawyer").post(path, json={"reason": "x"}).status_code == 404
