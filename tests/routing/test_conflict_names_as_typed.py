"""Review fix (issue 12): the case page's conflict warning names the parties as people
typed them (in the case, and on the lawyer's record), never the normalised key."""

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.routing.eligibility import CaseFacts, Conflicts
from legaldesk.routing.models import ConflictOfInterest
from tests.conftest import NOW

TYPED = "ＡＳＴＡＮＡ ＧＲＡＩＮ，L.L.P."


def test_the_hits_as_typed_pair_the_case_name_with_the_recorded_one():
    facts = CaseFacts((), "export_control", "杭州远航国际物流有限公司", (TYPED, "北方贸易"))
    conflicts = Conflicts(declared=("Astana Grain LLP",), clients=("北方贸易有限公司",))
    assert conflicts.hit(facts) == ["astanagrain", "北方贸易"]
    assert conflicts.hit_as_typed(facts) == [
        (TYPED, "Astana Grain LLP"),
        ("北方贸易", "北方贸易有限公司"),
    ]


def test_the_case_page_warning_shows_the_names_as_typed(client, login, make):
    case = make.case(counterparties=[TYPED])
    counsel = make.lawyer(name="冲突律师")

    def prepare():
        db.session.add(
            ConflictOfInterest(lawyer_id=counsel.id, party="Astana Grain LLP", created_at=NOW)
        )
        row = db.session.get(Consultation, case.id)
        row.assignee_id, row.status = counsel.id, "routed"
        db.session.commit()

    make.run(prepare)
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "astanagrain" not in page
    assert f"本案律师冲突律师与以下当事人存在利益冲突：{TYPED}（登记为“Astana Grain LLP”）" in page
    english = client.get(f"/cases/{case.reference}", headers={"Accept-Language": "en"})
    assert f"{TYPED} (on record as “Astana Grain LLP”)" in english.get_data(as_text=True)
