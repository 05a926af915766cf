"""Routing through the API: the draw record, conflicts, declines, claims, verify-draw."""

import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.routing.models import Draw
from tests.conftest import dummy_intake
from tests.draw_helpers import contribute, route_and_draw


def test_route_draws_from_the_eligible_panel_and_records_everything(make, api_as):
    eligible = {make.lawyer().id for _ in range(3)}
    outsider = make.lawyer(jurisdictions=["JP"])
    firm_lawyer = make.lawyer(kind="firm_lawyer")
    case = make.case()
    intake = api_as("intake")
    committed = intake.post(f"/consultations/{case.reference}/route", json={})
    assert committed.status_code == 202, committed.json
    pending = committed.json["draw"]
    assert set(pending["pool"]) == eligible and pending["secret"] is None
    assert pending["chosen"] is None and len(pending["pool_hash"]) == 64
    assert intake.post(f"/consultations/{case.reference}/route").json["draw"] == pending
    response = contribute(intake, pending["id"], "839201")
    assert response.status_code == 200, response.json
    body = response.json
    assert body["assignee"]["id"] in eligible and body["assignee"]["kind"] == "panel_expert"
    record = body["draw"]
    assert set(record["pool"]) == eligible and record["round"] == 1
    assert record["contribution"] == "839201" and len(record["secret"]) == 64
    assert record["contribution_source"] == "witness"
    assert (
        record["commitment"] == pending["commitment"]
        and record["pool_hash"] == pending["pool_hash"]
    )
    assert record["excluded"] == {str(outsider.id): ["jurisdiction"]}
    assert str(firm_lawyer.id) not in record["excluded"]  # firms only when the panel is short
    case_body = api_as("coordinator").get(f"/consultations/{case.reference}").json
    assert case_body["status"] == "routed"
    again = intake.post(f"/consultations/{case.reference}/route", json={})
    assert again.status_code == 200 and again.json["draw"] == record  # the draw is complete
    assert contribute(intake, pending["id"], "839201").json["draw"] == record  # a retry
    other = contribute(intake, pending["id"], "111111")
    assert other.status_code == 409 and other.json["error"]["code"] == "already_drawn"
    api_as("coordinator").post(
        f"/consultations/{case.reference}/assign",
        json={"lawyer_id": next(iter(eligible - {record["chosen"]})), "reason": "熟悉该客户"},
    )
    by_hand = intake.post(f"/consultations/{case.reference}/route", json={})
    assert by_hand.status_code == 409 and by_hand.json["error"]["code"] == "already_assigned"


def test_partner_firms_when_nobody_on_the_panel_is_eligible(make, api_as):
    make.lawyer(jurisdictions=["JP"])
    firm_lawyers = {make.lawyer(kind="firm_lawyer").id for _ in range(3)}
    case = make.case()
    body = route_and_draw(api_as("coordinator"), case.reference).json
    assert body["assignee"]["id"] in firm_lawyers and body["draw"]["group"] == "firms"
    assert body["draw"]["widened_from"] == 0


def test_nobody_eligible_is_422_and_the_case_stays_new(make, api_as):
    make.lawyer(jurisdictions=["JP"])
    case = make.case()
    api = api_as("coordinator")
    response = api.post(f"/consultations/{case.reference}/route")
    assert response.status_code == 422 and response.json["error"]["code"] == "not_eligible"
    assert api.get(f"/consultations/{case.reference}").json["status"] == "new"


def test_a_declared_conflict_is_never_drawn_whatever_the_spelling(make, api_as):
    conflicted = make.lawyer()
    clean = {make.lawyer(capacity=20).id for _ in range(3)}
    coordinator = api_as("coordinator")
    declared = coordinator.post(
        f"/lawyers/{conflicted.id}/conflicts", json={"party": "ＳＴＥＰＰＥ　ＴＲＡＤＥ Co., Ltd."}
    )
    assert declared.status_code == 201
    for i in range(12):
        case = make.case(counterparties=["steppe trade llp"], summary=f"#{i}")
        body = route_and_draw(coordinator, case.reference).json
        assert body["assignee"]["id"] in clean
        assert body["draw"]["excluded"] == {str(conflicted.id): ["conflict"]}


def test_earlier_work_for_the_other_side_is_a_conflict(make, api_as):
    lawyer, others = make.lawyer(), {make.lawyer().id for _ in range(3)}
    earlier = make.case(enterprise={"name": "Steppe Trade LLP", "uscc": "91330105MA2H000212"})
    make.assign(earlier, lawyer.id)
    case = make.case()  # Steppe Trade LLP is now the counterparty
    body = route_and_draw(api_as("coordinator"), case.reference).json
    assert body["assignee"]["id"] in others
    assert body["draw"]["excluded"][str(lawyer.id)] == ["conflict"]


def test_a_decline_is_a_new_round_without_the_decliner(app, make, api_as):
    lawyers = [make.user("lawyer") for _ in range(4)]
    case = make.case()
    first = route_and_draw(api_as("intake"), case.reference).json
    drawn = next(u for u in lawyers if u.lawyer_id == first["assignee"]["id"])
    counsel = api_as(drawn)
    missing = counsel.post(f"/consultations/{case.reference}/decline", json={})
    assert missing.status_code == 422 and "reason" in missing.json["error"]["fields"]
    response = counsel.post(
        f"/consultations/{case.reference}/decline", json={"reason": "与相对方有业务往来"}
    )
    assert response.status_code == 200, response.json
    assert response.json["status"] == "new" and response.json["assignee"] is None
    pending = response.json["draw"]  # committed, not drawn: it waits for its contribution
    assert pending["round"] == 2 and pending["secret"] is None and pending["chosen"] is None
    assert pending["excluded"][str(drawn.lawyer_id)] == ["declined"]
    assert drawn.lawyer_id not in pending["pool"] and len(pending["pool"]) == 3
    redrawn = contribute(api_as("intake"), pending["id"], "55667788").json
    other = next(u for u in lawyers if u.lawyer_id == redrawn["assignee"]["id"])
    rounds = api_as("coordinator").get(f"/consultations/{case.reference}/draws").json
    assert [r["decline_reason"] for r in rounds] == ["与相对方有业务往来", None]
    assert [r["contribution"] for r in rounds] == ["20260701", "55667788"]
    assert rounds[1]["committed_at"] < rounds[1]["drawn_at"]
    assert (
        api_as(other)
        .post(f"/consultations/{case.reference}/decline", json={"reason": "x"})
        .json["status"]
        == "new"
    )  # nobody left
    assert (
        api_as(drawn)
        .post(f"/consultations/{case.reference}/decline", json={"reason": "x"})
        .status_code
        == 404  # the case is no longer theirs
    )


def test_verify_draw_passes_and_names_an_edited_round(app, make, api_as):
    make.lawyer(), make.lawyer(), make.lawyer()
    case = make.case()
    route_and_draw(api_as("coordinator"), case.reference, "12345678")
    runner = app.test_cli_runner()
    ok = runner.invoke(args=["desk", "verify-draw", case.reference])
    assert ok.exit_code == 0 and "round 1: matches" in ok.output
    with app.app_context():
        record = db.session.scalars(sa.select(Draw)).one()
        others = [p for p in record.pool if p != record.chosen_id]
        db.session.execute(sa.text("UPDATE draws SET chosen_id = :c"), {"c": others[0]})
        db.session.commit()
    bad = runner.invoke(args=["desk", "verify-draw", case.reference])
    assert bad.exit_code == 1 and "round 1: the draw picks" in bad.output
    assert runner.invoke(args=["desk", "verify-draw", "LD-0000-NONE"]).exit_code != 0


def test_claim_takes_an_unassigned_case_once(make, api_as):
    case = make.case()
    first, second = api_as("lawyer"), api_as("lawyer")
    won = first.post(f"/consultations/{case.reference}/claim")
    assert won.status_code == 200 and won.json["status"] == "accepted"
    assert won.json["assignee"]["id"] == first.user.lawyer_id
    lost = second.post(f"/consultations/{case.reference}/claim")
    assert lost.status_code == 409 and lost.json["error"]["code"] == "already_assigned"
    assert api_as("intake").post(f"/consultations/{case.reference}/claim").status_code == 403


def test_a_lawyer_with_a_conflict_cannot_claim(make, api_as):
    counsel = api_as("lawyer")
    api_as("coordinator").post(
        f"/lawyers/{counsel.user.lawyer_id}/conflicts", json={"party": "Steppe Trade"}
    )
    case = make.case()
    response = counsel.post(f"/consultations/{case.reference}/claim")
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"


def test_lawyers_are_listed_with_their_open_cases(make, api_as):
    lawyer = make.lawyer(name="黄志强")
    case = make.case()
    make.assign(case, lawyer.id)
    listed = {row["id"]: row for row in api_as("intake").get("/lawyers").json}
    assert listed[lawyer.id]["open_cases"] == 1 and listed[lawyer.id]["name"] == "黄志强"
    assert listed[lawyer.id]["jurisdictions"] == ["US", "KZ", "RU"]


def test_domestic_cases_go_to_the_duty_roster(make, api_as):
    make.lawyer()  # panel, not on duty
    duty = {
        make.lawyer(kind="firm_lawyer", on_duty=True, specialties=["domestic_commercial"]).id
        for _ in range(3)
    }
    case = make.case(
        countries=[], counterparties=["宁波东港贸易有限公司"], category="domestic_commercial"
    )
    body = route_and_draw(api_as("intake"), case.reference).json
    assert body["assignee"]["id"] in duty and body["draw"]["group"] == "duty"


def test_intake_body_unchanged_by_routing(api_as):
    assert api_as("intake").post("/consultations", json=dummy_intake()).status_code == 201
