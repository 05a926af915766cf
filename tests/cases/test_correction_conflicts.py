"""Review fix (issue 12): a correction that gives the case a party its lawyer conflicts
with is refused on the API (409, saved only when accepted, then listed), saved with a
warning on the page; the warning names the parties as typed, not their normalised key."""

import json

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.routing.models import ConflictOfInterest
from tests.conftest import NOW
from tests.correction_helpers import correction_form

TYPED = "ＡＳＴＡＮＡ ＧＲＡＩＮ，L.L.P."


def _conflicted_case(make, status="routed"):
    case = make.case()
    counsel = make.lawyer(name="冲突律师")

    def prepare():
        db.session.add(
            ConflictOfInterest(lawyer_id=counsel.id, party="Astana Grain LLP", created_at=NOW)
        )
        row = db.session.get(Consultation, case.id)
        row.assignee_id, row.status = counsel.id, status
        db.session.commit()

    make.run(prepare)
    return case, counsel


def _counterparties(make, case):
    return make.run(lambda: [c.name for c in db.session.get(Consultation, case.id).counterparties])


def test_patch_with_a_conflicting_party_is_409_and_saves_nothing(api_as, make):
    case, _ = _conflicted_case(make)
    api = api_as("coordinator")
    body = {"counterparties": ["Steppe Trade LLP", TYPED], "summary": "新的摘要"}
    refused = api.patch(f"/consultations/{case.reference}", json=body)
    assert refused.status_code == 409, refused.json
    error = refused.json["error"]
    assert error["code"] == "conflict_of_interest"
    assert "冲突律师" in error["message"] and TYPED in error["message"]
    assert "astanagrain" not in error["message"]
    assert _counterparties(make, case) == ["Steppe Trade LLP"]
    english = api_as("coordinator", language="en").patch(
        f"/consultations/{case.reference}", json=body
    )
    assert "accept_conflict" in english.json["error"]["message"]


def test_an_accepted_conflict_is_saved_and_listed(api_as, make):
    case, counsel = _conflicted_case(make)
    api = api_as("coordinator")
    body = {"counterparties": ["Steppe Trade LLP", TYPED], "accept_conflict": True}
    saved = api.patch(f"/consultations/{case.reference}", json=body)
    assert saved.status_code == 200, saved.json
    assert saved.json["conflicts"] == [
        {
            "role": "assignee",
            "lawyer": {"id": counsel.id, "name": "冲突律师"},
            "party": TYPED,
            "on_record": "Astana Grain LLP",
        }
    ]
    assert _counterparties(make, case) == ["Steppe Trade LLP", TYPED]
    assert make.run(_audited) == {"fields": ["counterparties"], "conflicts_accepted": [TYPED]}
    # A conflict already on the case does not stop a later correction of other facts.
    later = api.patch(f"/consultations/{case.reference}", json={"summary": "再改摘要"})
    assert later.status_code == 200 and len(later.json["conflicts"]) == 1
    assert (
        api.patch(
            f"/consultations/{case.reference}", json={"summary": "x", "accept_conflict": "yes"}
        ).status_code
        == 422
    )
    plain = api.patch(f"/consultations/{case.reference}", json={"summary": "无冲突"})
    assert plain.json["conflicts"] == [] or plain.json["conflicts"][0]["party"] == TYPED


def _audited():
    entry = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "consultation.correct")
    ).one()
    return json.loads(entry.detail)


def test_the_page_saves_it_says_so_and_names_the_parties_as_typed(client, login, make):
    case, _ = _conflicted_case(make)
    login("coordinator")
    response = client.post(
        f"/cases/{case.reference}/correct",
        data=correction_form(counterparties=f"Steppe Trade LLP\n{TYPED}"),
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert _counterparties(make, case) == ["Steppe Trade LLP", TYPED]
    assert "案件已更正，但" in page  # the flash says the conflict, not only "corrected"
    assert "astanagrain" not in page
    assert f"本案律师冲突律师与以下当事人存在利益冲突：{TYPED}" in page
    assert "Astana Grain LLP" in page
