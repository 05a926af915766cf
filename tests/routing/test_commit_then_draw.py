"""Issue 15 items 1 and 2: a round is committed (pool frozen, secret's hash shown)
before anyone keys in a contribution; no draw without one; pools of at least three,
widened to partner firms with the reason recorded; a round whose pool no longer holds
is put aside in the open, never quietly replaced."""

import json
import subprocess
import sys
from datetime import date

import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.routing.models import Draw, Lawyer
from tests.draw_helpers import contribute, route_and_draw


def _commit(api, reference):
    answer = api.post(f"/consultations/{reference}/route", json={})
    assert answer.status_code == 202, answer.json
    return answer.json["draw"]


def test_no_contribution_comes_with_the_routing_itself(make, api_as):
    for _ in range(3):
        make.lawyer()
    case = make.case()
    api = api_as("coordinator", language="en")
    early = api.post(f"/consultations/{case.reference}/route", json={"contribution": "12345678"})
    assert early.status_code == 422 and "contribution" in early.json["error"]["fields"]
    assert make.run(lambda: db.session.scalar(sa.select(sa.func.count()).select_from(Draw))) == 0


def test_a_draw_needs_a_number_of_six_digits_and_its_source(make, api_as):
    for _ in range(3):
        make.lawyer()
    case = make.case()
    api = api_as("intake")
    pending = _commit(api, case.reference)
    path = f"/draws/{pending['id']}/contribution"
    for body, field in [
        ({"source": "witness"}, "contribution"),
        ({"contribution": "", "source": "witness"}, "contribution"),
        ({"contribution": "12345", "source": "witness"}, "contribution"),
        ({"contribution": "12a456", "source": "witness"}, "contribution"),
        ({"contribution": "1" * 41, "source": "lottery"}, "contribution"),
        ({"contribution": "123456"}, "source"),
        ({"contribution": "123456", "source": "oracle"}, "source"),
        ({"contribution": 123456, "source": "witness"}, "contribution"),
    ]:
        answer = api.post(path, json=body)
        assert answer.status_code == 422 and field in answer.json["error"]["fields"], body
    assert api.get(f"/consultations/{case.reference}").json["status"] == "new"
    drawn = contribute(api, pending["id"], " 03 11 19-25 + 07 ", "lottery")
    assert drawn.status_code == 200, drawn.json
    assert drawn.json["draw"]["contribution"] == "0311192507"  # the digits alone are drawn
    assert drawn.json["draw"]["contribution_source"] == "lottery"


def test_fewer_than_three_eligible_is_no_draw(make, api_as, client, login):
    make.lawyer(), make.lawyer()
    make.lawyer(jurisdictions=["JP"])
    case = make.case()
    api = api_as("coordinator", language="en")
    short = api.post(f"/consultations/{case.reference}/route", json={})
    assert short.status_code == 422 and short.json["error"]["code"] == "pool_too_small"
    assert "Only 2 eligible" in short.json["error"]["message"]
    assert "assign" in short.json["error"]["message"]
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    notice = page.split('id="no-draw"', 1)[1].split("</section>", 1)[0]
    assert "仅有 2 名律师符合条件" in notice and "人工指派" in notice
    assert 'name="contribution"' not in page
    assert make.run(lambda: db.session.scalar(sa.select(sa.func.count()).select_from(Draw))) == 0


def test_a_short_panel_widens_to_firm_lawyers_and_says_why(make, api_as, client, login):
    panel = {make.lawyer().id for _ in range(2)}
    firms = {make.lawyer(kind="firm_lawyer").id for _ in range(2)}
    make.lawyer(kind="firm_lawyer", jurisdictions=["JP"])  # not eligible either way
    case = make.case()
    api = api_as("intake")
    pending = _commit(api, case.reference)
    assert set(pending["pool"]) == panel | firms
    assert pending["group"] == "panel+firms" and pending["widened_from"] == 2
    login("intake")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "专家团中符合条件的仅 2 名" in page and "（4 名律师）" in page
    drawn = contribute(api, pending["id"]).json
    assert drawn["assignee"]["id"] in panel | firms


def test_a_round_whose_pool_no_longer_holds_is_put_aside_in_the_open(
    app, make, api_as, client, tmp_path
):
    lawyers = [make.lawyer() for _ in range(4)]
    case = make.case()
    api = api_as("intake", language="en")
    first = _commit(api, case.reference)
    leaving = first["pool"][0]

    def away():
        lawyer = db.session.get(Lawyer, leaving)
        lawyer.leave_from, lawyer.leave_to = date(2020, 1, 1), date(2099, 1, 1)
        db.session.commit()

    make.run(away)
    changed = contribute(api, first["id"], "24681357")
    assert changed.status_code == 409 and changed.json["error"]["code"] == "pool_changed"
    assert "round 2" in changed.json["error"]["message"]
    rounds = api_as("coordinator").get(f"/consultations/{case.reference}/draws").json
    assert [(r["round"], r["void_reason"], r["chosen"]) for r in rounds] == [
        (1, "pool_changed", None),
        (2, None, None),
    ]
    assert rounds[0]["contribution"] == "24681357" and rounds[0]["secret"]  # shown now
    assert leaving not in rounds[1]["pool"] and len(rounds[1]["pool"]) == 3
    assert contribute(api, first["id"]).json["error"]["code"] == "round_void"
    record = client.get(f"/draws/{first['id']}.json").json
    assert record["voided_at"] and record["void_reason"] == "pool_changed"
    path = tmp_path / "void.json"
    path.write_text(json.dumps(record))
    verifier = tmp_path / "verify.py"
    verifier.write_bytes(client.get("/draws/verify.py").data)
    run = subprocess.run(
        [sys.executable, "-I", "-S", str(verifier), str(path)], capture_output=True, text=True
    )
    assert run.returncode == 2 and "put aside" in run.stdout, run.stdout
    drawn = contribute(api, rounds[1]["id"], "97531086").json
    assert drawn["assignee"]["id"] in {lw.id for lw in lawyers} - {leaving}


def test_a_claim_puts_the_published_commitment_aside(make, api_as):
    for _ in range(2):
        make.lawyer()
    claimant = make.user("lawyer")
    case = make.case()
    pending = _commit(api_as("intake"), case.reference)
    assert claimant.lawyer_id in pending["pool"]
    assert api_as(claimant).post(f"/consultations/{case.reference}/claim").status_code == 200
    rounds = api_as("coordinator").get(f"/consultations/{case.reference}/draws").json
    assert rounds[0]["void_reason"] == "claimed" and rounds[0]["chosen"] is None


def test_the_verifier_refuses_a_draw_not_later_than_its_commitment(make, api_as, client, tmp_path):
    for _ in range(3):
        make.lawyer()
    case = make.case()
    drawn = route_and_draw(api_as("intake"), case.reference).json["draw"]
    record = client.get(f"/draws/{drawn['id']}.json").json
    verifier = tmp_path / "verify.py"
    verifier.write_bytes(client.get("/draws/verify.py").data)

    def verify(changed):
        path = tmp_path / "record.json"
        path.write_text(json.dumps(changed))
        return subprocess.run(
            [sys.executable, "-I", "-S", str(verifier), str(path)], capture_output=True, text=True
        )

    held = verify(record)
    assert held.returncode == 0 and "a witness's number" in held.stdout, held.stdout
    backdated = verify({**record, "drawn_at": record["committed_at"]})
    assert backdated.returncode == 1 and "not later than its commitment" in backdated.stdout
    assert verify({**record, "drawn_at": "yesterday"}).returncode == 2
    # one number, one spelling: separators or spaces are no other way to draw it
    spelled = verify({**record, "contribution": "2026-0701"})
    assert spelled.returncode == 1 and "digits only" in spelled.stdout
    assert verify({**record, "contribution": " "}).returncode == 1  # not "no contribution"
    assert verify({**record, "contribution_source": "made up"}).returncode == 1
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record))

    def noted(number):
        command = [sys.executable, "-I", "-S", str(verifier), str(path), "--contribution", number]
        return subprocess.run(command, capture_output=True, text=True).returncode

    assert noted("2026 07 01") == 0 and noted("20260702") == 1


def test_a_correction_that_lets_a_lawyer_in_puts_the_round_aside(make, api_as):
    for _ in range(3):
        make.lawyer(specialties=["export_control", "overseas_ip"])
    late = make.lawyer(specialties=["export_control"])
    case = make.case(category="overseas_ip")
    api = api_as("coordinator")
    first = _commit(api, case.reference)
    assert late.id not in first["pool"]
    assert (
        api.patch(
            f"/consultations/{case.reference}", json={"category": "export_control"}
        ).status_code
        == 200
    )
    second = _commit(api, case.reference)
    assert second["round"] == 2 and late.id in second["pool"]  # everyone has their chance
    rounds = api.get(f"/consultations/{case.reference}/draws").json
    assert rounds[0]["void_reason"] == "pool_changed" and rounds[0]["secret"]


def test_full_width_digits_are_the_digits_they_show(make, api_as):
    for _ in range(3):
        make.lawyer()
    case = make.case()
    api = api_as("intake")
    drawn = contribute(api, _commit(api, case.reference)["id"], "２０２６　０７０１")
    assert drawn.status_code == 200 and drawn.json["draw"]["contribution"] == "20260701"


def test_a_blank_decline_stays_on_the_queue(make, client, login):
    counsel = make.user("lawyer")
    case = make.case()
    make.assign(case, counsel.lawyer_id)
    make.run(lambda: _route(case))
    login(counsel)
    answer = client.post(f"/queue/{case.reference}/decline", data={"reason": "   "})
    assert answer.status_code == 302 and answer.headers["Location"].endswith("/queue")
    page = client.get("/queue").get_data(as_text=True)
    assert "未拒绝" in page


def _route(case):
    db.session.get(Consultation, case.id).status = "routed"
    db.session.commit()


def test_the_fairness_period_must_end_after_it_starts(client, login):
    login("coordinator")
    answer = client.get("/routing/fairness?from=2026-09-01&to=2026-03-01")
    assert answer.status_code == 422 and "截止日期早于起始日期" in answer.get_data(as_text=True)


def test_a_round_whose_lawyer_declined_is_not_answered_again_as_a_draw(make, api_as):
    """Attacker's finding: replaying the number of a round whose lawyer had since
    declined answered 200 with that lawyer, for a case that was new again."""
    lawyers = [make.user("lawyer") for _ in range(4)]
    case = make.case()
    coordinator = api_as("coordinator")
    drawn = route_and_draw(coordinator, case.reference, "555555")
    assert drawn.status_code == 200, drawn.json
    chosen = next(u for u in lawyers if u.lawyer_id == drawn.json["assignee"]["id"])
    declined = api_as(chosen).post(
        f"/consultations/{case.reference}/decline", json={"reason": "出差"}
    )
    assert declined.status_code in (200, 202), declined.json
    replay = contribute(coordinator, drawn.json["draw"]["id"], "555555")
    assert replay.status_code == 409 and replay.json["error"]["code"] == "round_superseded"


def test_withdrawing_a_case_puts_its_published_round_aside(make, api_as, client):
    """Walker's finding: a withdrawn case's public record waited for a draw forever."""
    for _ in range(3):
        make.lawyer()
    case = make.case()
    coordinator = api_as("coordinator")
    committed = coordinator.post(f"/consultations/{case.reference}/route", json={})
    assert committed.status_code == 202, committed.json
    moved = coordinator.post(
        f"/consultations/{case.reference}/transitions", json={"to": "withdrawn", "note": "企业撤回"}
    )
    assert moved.status_code == 200, moved.json
    record = client.get(f"/draws/{committed.json['draw']['id']}.json").json
    assert record["void_reason"] == "withdrawn" and record["secret"]


def test_a_conflict_recorded_at_will_does_not_open_a_redraw(make, api_as, client, login):
    """Re-attack: a coordinator recorded a conflict for each drawn lawyer in turn and
    redrew until the lawyer they wanted came up. A conflict no longer opens a redraw."""
    for _ in range(4):
        make.lawyer()
    case = make.case()
    coordinator = api_as("coordinator")
    drawn = route_and_draw(coordinator, case.reference)
    assert drawn.status_code == 200, drawn.json
    party = {"party": "Steppe Trade LLP"}
    lawyer = drawn.json["assignee"]["id"]
    assert coordinator.post(f"/lawyers/{lawyer}/conflicts", json=party).status_code == 201
    login("coordinator")
    refused = client.post(
        f"/cases/{case.reference}/redraw", data={"reason": "利益冲突"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "须待受理时限届满后才能重新抽签" in refused
    assert make.run(lambda: db.session.get(Consultation, case.id).assignee_id) == lawyer
