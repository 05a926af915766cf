"""A refused claim is no oracle: a lawyer who declares guessed conflicts, or tries
cases that differ only in their other side or country, gets one answer, byte for
byte, whatever rule failed; the same answer as for a reference that does not exist.
The audit log keeps the real reason for the coordinator."""

import json
import re

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from tests.helpers import sent_during

UNKNOWN = "LD-2026-ZZZZZZ"


def _desk(make):
    """A panel expert serves US export control (the panel comes first); the attacker
    is a partner-firm lawyer with the same profile; three cases alike but for one fact."""
    for _ in range(3):  # enough for a draw, so the pool does not widen to firms
        make.lawyer()
    firm = make.user("lawyer", lawyer_id=make.lawyer(kind="firm_lawyer").id)
    same = {"summary": "出口风险咨询", "description": "机密细节"}
    cases = {
        "nova_us": make.case(countries=["US"], counterparties=["Nova Semiconductor Inc."], **same),
        "steppe_us": make.case(countries=["US"], counterparties=["Steppe Trade LLP"], **same),
        "nova_jp": make.case(countries=["JP"], counterparties=["Nova Semiconductor Inc."], **same),
    }
    return firm, cases


def _answer(response):
    return response.status_code, response.headers["Content-Type"], response.get_data()


def test_guessed_conflicts_and_countries_get_byte_identical_answers(make, api_as):
    firm, cases = _desk(make)
    attacker = api_as(firm, language="en")

    def claim(reference):
        return _answer(attacker.post(f"/consultations/{reference}/claim"))

    before = claim(cases["steppe_us"].reference)
    declared = attacker.post(f"/lawyers/{firm.lawyer_id}/conflicts", json={"party": "Steppe Trade"})
    assert declared.status_code == 201
    answers = {name: claim(case.reference) for name, case in cases.items()}
    answers["before the conflict"] = before
    answers["unknown reference"] = claim(UNKNOWN)
    assert len(set(answers.values())) == 1, answers
    status, _, body = answers["unknown reference"]
    error = json.loads(body)["error"]
    assert status == 404 and error["code"] == "not_found" and error["fields"] == {}
    # A sentence that says what to do next, not a list of rules.
    assert "queue" in error["message"] and "coordinator" in error["message"]
    for word in ("conflict", "jurisdiction", "panel", "Steppe", "US", "JP"):
        assert word not in error["message"]


def test_the_page_answers_alike_too(client, login, make, api_as):
    firm, cases = _desk(make)
    api_as(firm).post(f"/lawyers/{firm.lawyer_id}/conflicts", json={"party": "Nova Semiconductor"})
    login(firm)

    def page(reference):
        text = client.post(f"/queue/{reference}/claim", follow_redirects=True).get_data(
            as_text=True
        )
        return re.sub(r'name="csrf_token" value="[^"]*"', "", text)  # signed with the time

    pages = {name: page(case.reference) for name, case in cases.items()}
    pages["unknown"] = page(UNKNOWN)
    assert len(set(pages.values())) == 1
    page = pages["unknown"]
    assert "未认领" in page and "可认领的案件" in page and "协调员" in page
    assert "利益冲突" not in page and "专家团" not in page and "管辖" not in page


def test_the_audit_log_keeps_the_real_reason(make, api_as, client, login):
    firm, cases = _desk(make)
    attacker = api_as(firm)
    attacker.post(f"/lawyers/{firm.lawyer_id}/conflicts", json={"party": "Steppe Trade"})
    for case in cases.values():
        attacker.post(f"/consultations/{case.reference}/claim")
    attacker.post(f"/consultations/{UNKNOWN}/claim")

    def refusals():
        rows = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "routing.claim_refused")
        )
        return {row.object_id: (row.actor_id, json.loads(row.detail)) for row in rows}

    found = make.run(refusals)
    assert found == {
        cases["nova_us"].reference: (firm.id, {"reasons": ["panel_first"]}),
        cases["steppe_us"].reference: (firm.id, {"reasons": ["conflict"]}),
        cases["nova_jp"].reference: (firm.id, {"reasons": ["jurisdiction"]}),
        UNKNOWN: (firm.id, {"reasons": ["unknown"]}),
    }
    login("coordinator")
    trail = client.get(
        f"/cases/{cases['steppe_us'].reference}", headers={"Accept-Language": "en"}
    ).get_data(as_text=True)
    assert "Claim refused" in trail and "conflict of interest" in trail


def test_every_refusal_runs_the_same_statements(make, api_as, app):
    """No reason takes a query branch of its own, not even an unknown reference."""
    firm, cases = _desk(make)
    attacker = api_as(firm)
    attacker.post(f"/lawyers/{firm.lawyer_id}/conflicts", json={"party": "Steppe Trade"})

    def statements(reference):
        return sent_during(app, lambda: attacker.post(f"/consultations/{reference}/claim"), 404)

    statements(UNKNOWN)  # warm up: the first request of a client loads its session
    shapes = [statements(ref) for ref in [c.reference for c in cases.values()] + [UNKNOWN]]
    assert all(shape == shapes[0] for shape in shapes), [len(s) for s in shapes]


def test_a_case_held_by_another_is_no_oracle_either(make, api_as):
    """'Another lawyer has it' is said only of a case that could have been on this
    lawyer's list; of any other assigned (or closed) case, the answer is the unknown
    reference's answer."""
    firm, cases = _desk(make)
    holder = make.lawyer(kind="firm_lawyer")
    for case in cases.values():
        make.assign(case, holder.id)
    attacker = api_as(firm, language="en")
    unknown = _answer(attacker.post(f"/consultations/{UNKNOWN}/claim"))
    for case in cases.values():  # panel first: the partner-firm lawyer could never claim
        assert _answer(attacker.post(f"/consultations/{case.reference}/claim")) == unknown


def test_an_eligible_lawyer_who_came_too_late_is_told_so(make, api_as):
    expert = make.user("lawyer", lawyer_id=make.lawyer().id)
    other = make.lawyer()
    case = make.case(countries=["US"], counterparties=["Nova Semiconductor Inc."])
    make.assign(case, other.id)
    answer = api_as(expert).post(f"/consultations/{case.reference}/claim")
    assert answer.status_code == 409 and answer.json["error"]["code"] == "already_assigned"
