"""Issue 15 item 4: the mediator drawn by lot from the neutral mediators (not the
case's own lawyer, no conflict with any party), committed first and checkable like
any draw; a coordinator's choice by hand needs a reason, kept in the audit log."""

import json
import re
import subprocess
import sys

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.mediation.models import Mediation
from legaldesk.routing.models import Draw
from tests.mediation.test_mediation_cases import choose, mediation_of, move, open_form


def _consented(make, client, login):
    counsel = make.lawyer()
    case = make.case()
    make.assign(case, counsel.id)
    coordinator = login("coordinator")
    open_form(client, case)
    assert "对方已同意，待选定调解员" in move(client, case, "consented")
    return case, counsel, coordinator


def test_the_mediator_is_drawn_from_the_neutral_ones(make, client, login, api_as, tmp_path):
    neutral = {make.lawyer().id for _ in range(3)}
    conflicted = make.lawyer()
    conflict = {"party": "Steppe Trade"}
    api_as("coordinator").post(f"/lawyers/{conflicted.id}/conflicts", json=conflict)
    case, counsel, coordinator = _consented(make, client, login)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    offer = page.split('id="mediator-publish"', 1)[1].split("</section>", 1)[0]
    assert 'id="mediator-draw"' not in page and 'name="draw_id"' not in offer  # a GET
    page = client.post(f"/cases/{case.reference}/mediation/commit", follow_redirects=True)
    page = page.get_data(as_text=True)
    assert "抽签承诺已公布" in page
    section = page.split('id="mediator-draw"', 1)[1].split("</section>", 1)[0]
    draw_id = re.search(r'name="draw_id" value="(\d+)"', section).group(1)
    rounds = api_as(coordinator).get(f"/consultations/{case.reference}/draws").json
    pending = next(r for r in rounds if r["id"] == int(draw_id))
    assert pending["kind"] == "mediator" and set(pending["pool"]) == neutral
    assert pending["excluded"][str(counsel.id)] == ["own_lawyer"]
    assert pending["excluded"][str(conflicted.id)] == ["conflict"]
    short = client.post(
        f"/cases/{case.reference}/mediation/draw",
        data={"draw_id": draw_id, "contribution": "123", "source": "witness"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "未能抽签选定调解员" in short and mediation_of(make, case).mediator_id is None
    done = client.post(
        f"/cases/{case.reference}/mediation/draw",
        data={"draw_id": draw_id, "contribution": "31415926", "source": "witness"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "已抽签选定调解员" in done and "调解员由抽签产生" in done
    mediation = mediation_of(make, case)
    assert mediation.mediator_id in neutral and mediation.status == "in_mediation"
    record = client.get(f"/draws/{draw_id}.json").json
    assert record["drawn_for"] == "mediator" and record["chosen"]["id"] == mediation.mediator_id
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record))
    verifier = tmp_path / "verify.py"
    verifier.write_bytes(client.get("/draws/verify.py").data)
    run = subprocess.run(
        [sys.executable, "-I", "-S", str(verifier), str(path)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout
    runner = make.app.test_cli_runner()
    assert runner.invoke(args=["desk", "verify-draw", case.reference]).exit_code == 0


def test_too_few_neutral_mediators_is_no_draw(make, client, login):
    make.lawyer()
    case, _, _ = _consented(make, client, login)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert 'id="no-mediator-draw"' in page and 'id="mediator-draw"' not in page
    assert 'id="mediator-publish"' not in page


def test_a_choice_by_hand_needs_a_reason_and_keeps_it(make, client, login):
    neutral, _, _ = make.lawyer(), make.lawyer(), make.lawyer()
    case, _, _ = _consented(make, client, login)
    client.post(f"/cases/{case.reference}/mediation/commit")
    assert 'id="mediator-draw"' in client.get(f"/cases/{case.reference}").get_data(as_text=True)
    refused = client.post(
        f"/cases/{case.reference}/mediation/mediator",
        data={"mediator_id": str(neutral.id), "reason": ""},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "请说明不通过抽签产生调解员的理由" in refused  # what is missing, not "required"
    assert mediation_of(make, case).mediator_id is None
    assert "调解中" in choose(client, case, neutral.id)

    def audited():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "mediation.mediator")
        ).one()
        return json.loads(entry.detail)

    assert make.run(audited) == {"lawyer": neutral.id, "reason": "双方共同推荐"}
    rounds = make.run(
        lambda: db.session.scalars(sa.select(Draw).where(Draw.kind == "mediator")).all()
    )
    assert [r.void_reason for r in rounds] == ["assigned"]  # the published round says so
    assert make.run(lambda: db.session.scalar(sa.select(Mediation.mediator_id))) == neutral.id


def test_one_sides_lawyer_neither_draws_nor_names_the_mediator(make, client, login):
    neutral = [make.lawyer() for _ in range(3)]
    case, counsel, _ = _consented(make, client, login)
    page = client.post(f"/cases/{case.reference}/mediation/commit", follow_redirects=True)
    page = page.get_data(as_text=True)
    draw_id = re.search(r'name="draw_id" value="(\d+)"', page).group(1)
    client.post("/logout")
    login(make.user("lawyer", lawyer_id=counsel.id))
    mine = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert 'id="mediator-draw"' not in mine and 'id="choose-mediator"' not in mine
    assert 'id="mediator-publish"' not in mine
    client.post(f"/cases/{case.reference}/mediation/commit")  # refused: no second round
    for path, data in [
        ("draw", {"draw_id": draw_id, "contribution": "31415926", "source": "witness"}),
        ("mediator", {"mediator_id": str(neutral[0].id), "reason": "drawn"}),
    ]:
        client.post(f"/cases/{case.reference}/mediation/{path}", data=data)
    assert mediation_of(make, case).mediator_id is None
    mediator_rounds = sa.select(sa.func.count(Draw.id)).where(Draw.kind == "mediator")
    assert make.run(lambda: db.session.scalar(mediator_rounds)) == 1


def test_the_mediator_is_never_drawn_or_claimed_as_the_cases_lawyer(make, client, login, api_as):
    """Attacker's finding: a case sent back to the draw while mediated could be claimed
    (or drawn) by its mediator, who would then read the privileged consultation. A
    lawyer who declined the case is not drawn to mediate it either."""
    others = [make.lawyer() for _ in range(3)]
    mediator = make.user("lawyer")
    case, counsel, _ = _consented(make, client, login)
    assert "调解中" in choose(client, case, mediator.lawyer_id)
    _with_status(make, case, "accepted")
    coordinator = api_as("coordinator")
    back = coordinator.post(
        f"/consultations/{case.reference}/send-back", json={"reason": "律师出国"}
    )
    assert back.status_code == 200, back.json
    claimed = api_as(mediator).post(f"/consultations/{case.reference}/claim")
    assert claimed.status_code != 200 and mediation_of(make, case).mediator_id == mediator.lawyer_id
    committed = coordinator.post(f"/consultations/{case.reference}/route", json={})
    assert committed.status_code == 202, committed.json
    pool = committed.json["draw"]["pool"]
    assert mediator.lawyer_id not in pool and counsel.id not in pool
    assert set(pool) == {lawyer.id for lawyer in others}


def test_a_lawyer_who_declined_the_case_is_not_drawn_to_mediate_it(make, client, login, api_as):
    neutral = {make.lawyer().id for _ in range(3)}
    declining = make.user("lawyer")
    case = make.case()
    make.assign(case, declining.lawyer_id)
    _with_status(make, case, "routed")
    declined = api_as(declining).post(
        f"/consultations/{case.reference}/decline", json={"reason": "与相对方存在潜在利益冲突"}
    )
    assert declined.status_code in (200, 202), declined.json
    counsel = make.lawyer()
    make.assign(case, counsel.id)
    login("coordinator")
    open_form(client, case)
    move(client, case, "consented")
    page = client.post(f"/cases/{case.reference}/mediation/commit", follow_redirects=True)
    section = page.get_data(as_text=True).split('id="mediator-draw"', 1)[1]
    draw_id = re.search(r'name="draw_id" value="(\d+)"', section).group(1)
    record = client.get(f"/draws/{draw_id}.json").json
    assert {member["id"] for member in record["pool"]} == neutral


def _with_status(make, case, status):
    def set_status():
        db.session.get(Consultation, case.id).status = status
        db.session.commit()

    make.run(set_status)


def test_a_withdrawn_case_has_no_mediator_drawn(make, client, login, api_as):
    """Re-attack: a mediator round published before the case was withdrawn could still
    be drawn, and a new one published."""
    for _ in range(3):
        make.lawyer()
    case, _, _ = _consented(make, client, login)
    client.post(f"/cases/{case.reference}/mediation/commit")
    rounds = api_as("coordinator").get(f"/consultations/{case.reference}/draws").json
    pending = next(r for r in rounds if r["kind"] == "mediator")
    _with_status(make, case, "routed")
    moved = api_as("coordinator").post(
        f"/consultations/{case.reference}/transitions", json={"to": "withdrawn"}
    )
    assert moved.status_code == 200, moved.json
    assert client.get(f"/draws/{pending['id']}.json").json["void_reason"] == "withdrawn"
    client.post(
        f"/cases/{case.reference}/mediation/draw",
        data={"draw_id": pending["id"], "contribution": "31415926", "source": "witness"},
    )
    client.post(f"/cases/{case.reference}/mediation/commit")
    assert mediation_of(make, case).mediator_id is None
    kinds = sa.select(sa.func.count(Draw.id)).where(Draw.kind == "mediator")
    assert make.run(lambda: db.session.scalar(kinds)) == 1
