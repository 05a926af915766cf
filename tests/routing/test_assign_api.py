"""A coordinator hands a case on through the API: assign a named lawyer (the draw's
eligibility and conflict rules), reassign, send back to the draw; the fairness
figures count assignments by hand apart from draws."""

import json

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.notify.models import Notification
from legaldesk.routing import service
from legaldesk.routing.models import Draw
from tests.draw_helpers import route_and_draw


def _assign(api, case, lawyer_id, reason="熟悉哈萨克斯坦出口管制", **extra):
    body = {"lawyer_id": lawyer_id, "reason": reason, **extra}
    return api.post(f"/consultations/{case.reference}/assign", json=body)


def _bells(app, user_id, kind):
    with app.app_context():
        return db.session.scalars(
            sa.select(Notification.payload).where(
                Notification.user_id == user_id, Notification.kind == kind
            )
        ).all()


def test_a_coordinator_assigns_a_new_case_with_a_reason(app, make, api_as):
    lawyer = make.user("lawyer")
    case = make.case()
    coordinator = api_as("coordinator")
    response = _assign(coordinator, case, lawyer.lawyer_id)
    assert response.status_code == 200, response.json
    body = response.json
    assert body["assignee"]["id"] == lawyer.lawyer_id and body["status"] == "routed"
    assert body["draw"]["kind"] == "assigned" and body["draw"]["reason"] == "熟悉哈萨克斯坦出口管制"
    detail = coordinator.get(f"/consultations/{case.reference}").json
    assert detail["timeline"][-1]["status"] == "routed"
    assert detail["timeline"][-1]["note"] == "熟悉哈萨克斯坦出口管制"
    assert _bells(app, lawyer.id, "case_routed") == [{"reference": case.reference}]
    with app.app_context():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "routing.assign")
        ).one()
        assert json.loads(entry.detail)["reason"] == "熟悉哈萨克斯坦出口管制"
        assert entry.actor_id == coordinator.user.id
    # the lawyer accepts (or declines) as after a draw
    assert (
        api_as(lawyer)
        .post(f"/consultations/{case.reference}/transitions", json={"to": "accepted"})
        .status_code
        == 200
    )


def test_an_ineligible_or_conflicted_lawyer_is_422_naming_why(make, api_as):
    elsewhere = make.lawyer(jurisdictions=["JP"])
    conflicted = make.lawyer()
    case = make.case()
    coordinator = api_as("coordinator")
    coordinator.post(f"/lawyers/{conflicted.id}/conflicts", json={"party": "Steppe Trade LLP"})
    refused = _assign(coordinator, case, conflicted.id)
    assert refused.status_code == 422 and refused.json["error"]["code"] == "not_eligible"
    assert "利益冲突" in refused.json["error"]["fields"]["lawyer_id"][0]
    wrong_place = _assign(coordinator, case, elsewhere.id)
    assert wrong_place.status_code == 422
    assert "法域" in wrong_place.json["error"]["fields"]["lawyer_id"][0]
    assert coordinator.get(f"/consultations/{case.reference}").json["status"] == "new"
    unknown = _assign(coordinator, case, 999_999)
    assert unknown.status_code == 422 and "lawyer_id" in unknown.json["error"]["fields"]
    no_reason = _assign(coordinator, case, conflicted.id, reason=" ")
    assert no_reason.status_code == 422 and "reason" in no_reason.json["error"]["fields"]
    for junk in ("1", True, -1, 2**40, None):
        assert _assign(coordinator, case, junk).status_code == 422


def test_only_coordinators_assign(make, api_as):
    lawyer = make.user("lawyer")
    case = make.case()
    assert _assign(api_as("intake"), case, lawyer.lawyer_id).status_code == 403
    make.assign(case, lawyer.lawyer_id)
    own = api_as(lawyer)
    assert _assign(own, case, lawyer.lawyer_id, **{"from": lawyer.lawyer_id}).status_code == 403
    assert _assign(api_as("lawyer"), case, lawyer.lawyer_id).status_code == 404


def test_reassigning_takes_the_case_from_its_lawyer_who_is_told(app, make, api_as):
    first, second = make.user("lawyer"), make.user("lawyer")
    case = make.case()
    coordinator = api_as("coordinator")
    assert _assign(coordinator, case, first.lawyer_id).status_code == 200
    api_as(first).post(f"/consultations/{case.reference}/transitions", json={"to": "accepted"})
    # a caller who says it saw nobody on the case is told someone has it
    blind = _assign(coordinator, case, second.lawyer_id, reason="律师病假", **{"from": None})
    assert blind.status_code == 409 and blind.json["error"]["code"] == "already_assigned"
    stale = _assign(coordinator, case, second.lawyer_id, reason="律师病假", **{"from": 999})
    assert stale.status_code == 409 and stale.json["error"]["code"] == "assignee_changed"
    same = _assign(coordinator, case, first.lawyer_id, **{"from": first.lawyer_id})
    assert same.status_code == 422
    moved = _assign(
        coordinator, case, second.lawyer_id, reason="律师病假", **{"from": first.lawyer_id}
    )
    assert moved.status_code == 200, moved.json
    assert moved.json["assignee"]["id"] == second.lawyer_id and moved.json["status"] == "routed"
    assert moved.json["draw"]["round"] == 2
    rounds = coordinator.get(f"/consultations/{case.reference}/draws").json
    assert [(r["kind"], r["chosen"]) for r in rounds] == [
        ("assigned", first.lawyer_id),
        ("assigned", second.lawyer_id),
    ]
    assert _bells(app, first.id, "case_released") == [
        {"reference": case.reference, "reason": "律师病假"}
    ]
    assert _bells(app, second.id, "case_routed") == [{"reference": case.reference}]
    assert api_as(first).get(f"/consultations/{case.reference}").status_code == 404
    with app.app_context():
        released = db.session.scalars(
            sa.select(Draw).where(Draw.chosen_id == first.lawyer_id)
        ).one()
        assert released.declined_at is not None and released.released_by_id is not None


def test_a_claimed_case_handed_on_keeps_the_claim_on_record(app, make, api_as):
    first, second = make.user("lawyer"), make.user("lawyer")
    case = make.case()
    assert api_as(first).post(f"/consultations/{case.reference}/claim").status_code == 200
    coordinator = api_as("coordinator")
    moved = _assign(coordinator, case, second.lawyer_id, reason="转交", **{"from": first.lawyer_id})
    assert moved.status_code == 200, moved.json
    rounds = coordinator.get(f"/consultations/{case.reference}/draws").json
    drawn = [r for r in rounds if r["chosen"] is not None]
    assert [(r["kind"], r["chosen"]) for r in drawn] == [
        ("claim", first.lawyer_id),
        ("assigned", second.lawyer_id),
    ]
    assert drawn[0]["declined_at"] is not None


def test_send_back_to_the_draw_then_a_draw_without_that_lawyer(app, make, api_as):
    first = make.user("lawyer")
    others = {make.lawyer().id for _ in range(3)}
    case = make.case()
    coordinator = api_as("coordinator")
    _assign(coordinator, case, first.lawyer_id)
    api_as(first).post(f"/consultations/{case.reference}/transitions", json={"to": "accepted"})
    path = f"/consultations/{case.reference}/send-back"
    assert coordinator.post(path, json={"reason": ""}).status_code == 422
    assert api_as("intake").post(path, json={"reason": "x"}).status_code == 403
    stale = coordinator.post(path, json={"reason": "x", "from": 12345})
    assert stale.status_code == 409
    sent = coordinator.post(path, json={"reason": "律师出国", "from": first.lawyer_id})
    assert sent.status_code == 200 and sent.json == {"status": "new", "assignee": None}
    assert coordinator.post(path, json={"reason": "again"}).status_code == 409
    assert _bells(app, first.id, "case_released")
    drawn = route_and_draw(coordinator, case.reference)
    assert drawn.status_code == 200, drawn.json
    assert drawn.json["assignee"]["id"] in others
    assert drawn.json["draw"]["excluded"][str(first.lawyer_id)] == ["declined"]


def test_a_plain_status_change_cannot_take_a_case_from_its_lawyer(make, api_as):
    lawyer = make.user("lawyer")
    case = make.case()
    coordinator = api_as("coordinator")
    _assign(coordinator, case, lawyer.lawyer_id)
    path = f"/consultations/{case.reference}/transitions"
    for target in ("new", "routed"):
        refused = coordinator.post(path, json={"to": target})
        assert refused.status_code == 409, target
    assert coordinator.get(f"/consultations/{case.reference}").json["assignee"]["id"] == (
        lawyer.lawyer_id
    )


def test_fairness_counts_assignments_by_hand_apart(app, make, api_as):
    lawyers = [make.lawyer() for _ in range(3)]
    coordinator = api_as("coordinator")
    for i in range(2):
        drawn = make.case(summary=f"抽取 {i}")
        route_and_draw(coordinator, drawn.reference)
    by_hand = make.case(summary="人工")
    _assign(coordinator, by_hand, lawyers[0].id)
    with app.app_context():
        rows = {lawyer.id: share for lawyer, share in service.fairness(db.session)}
        assert sum(share.drawn for share in rows.values()) == 2
        assert rows[lawyers[0].id].assigned == 1
        assert sum(share.assigned for share in rows.values()) == 1
        assert sum(share.in_pool for share in rows.values()) == 6  # two rounds of three
        stored = db.session.scalar(sa.select(Consultation).where(Consultation.id == by_hand.id))
        assert [r for r, _ in service.verify_case(db.session, stored)] == []
    summary = coordinator.get("/reports/summary").json
    assert {row["lawyer_id"]: row["assigned"] for row in summary["fairness"]}[lawyers[0].id] == 1
    assert all(row["claimed"] == 0 for row in summary["fairness"])
    test = summary["fairness_test"]
    # three lawyers in the pools, each owed two thirds of a draw: grouped, and too few
    assert test["degrees"] == 1 and 0 <= test["p_value"] <= 1
    assert test["lumped"] == 2 and test["reliable"] is False


def test_reassigning_without_from_overrides_as_the_contract_body_allows(app, make, api_as):
    first, second = make.user("lawyer"), make.user("lawyer")
    case = make.case()
    coordinator = api_as("coordinator")
    assert _assign(coordinator, case, first.lawyer_id).status_code == 200
    moved = _assign(coordinator, case, second.lawyer_id, reason="律师出差")
    assert moved.status_code == 200, moved.json
    assert moved.json["assignee"]["id"] == second.lawyer_id
