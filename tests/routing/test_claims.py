"""Claims pass the draw's own eligibility: a lawyer takes only a case the draw could
give them, the queue offers only those, and a refusal never shows the case."""

from datetime import timedelta

import pytest

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from tests.helpers import statements_during
from tests.helpers import today as local_today

SECRET = "机密：对方系美国某实体，拟就出口许可证违规问题提起仲裁"


def foreign_us_case(make, **overrides):
    """A foreign-related US case whose description is privileged."""
    facts = {"countries": ["US"], "description": SECRET, "summary": "美国出口风险咨询"}
    return make.case(**{**facts, **overrides})


def stored(make, case):
    return make.run(
        lambda: (lambda c: (c.status, c.assignee_id))(db.session.get(Consultation, case.id))
    )


def test_a_firm_lawyer_cannot_claim_a_case_the_panel_serves(make, api_as):
    for _ in range(3):  # panel experts eligible for US export control: enough to draw
        make.lawyer()
    firm = make.user("lawyer", lawyer_id=make.lawyer(kind="firm_lawyer").id)
    case = foreign_us_case(make)
    response = api_as(firm, language="en").post(f"/consultations/{case.reference}/claim")
    # Refused like a case that does not exist: the rule that failed is not named.
    assert response.status_code == 404, response.json
    assert response.json["error"]["code"] == "not_found"
    assert "panel" not in response.json["error"]["message"]
    assert SECRET not in response.get_data(as_text=True)
    assert "美国出口风险咨询" not in response.get_data(as_text=True)
    assert stored(make, case) == ("new", None)


def test_a_firm_lawyer_is_refused_on_the_page_with_a_message(client, login, make):
    for _ in range(3):
        make.lawyer()
    firm = login(make.user("lawyer", lawyer_id=make.lawyer(kind="firm_lawyer").id))
    case = foreign_us_case(make)
    queue = client.get("/queue").get_data(as_text=True)
    assert case.reference not in queue  # not offered
    refused = client.post(f"/queue/{case.reference}/claim", follow_redirects=True)
    page = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "您不能认领此案件" in page and "协调员" in page
    assert "专家团" not in page
    assert SECRET not in page and "美国出口风险咨询" not in page
    assert stored(make, case) == ("new", None)
    english = client.post(
        f"/queue/{case.reference}/claim", headers={"Accept-Language": "en"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "This case is not open for you to claim" in english
    assert firm.lawyer_id not in {stored(make, case)[1]}


def test_a_firm_lawyer_may_claim_when_nobody_on_the_panel_is_eligible(make, api_as):
    make.lawyer(jurisdictions=["JP"])
    firm = make.user("lawyer", lawyer_id=make.lawyer(kind="firm_lawyer").id)
    case = foreign_us_case(make)
    response = api_as(firm).post(f"/consultations/{case.reference}/claim")
    assert response.status_code == 200 and response.json["assignee"]["id"] == firm.lawyer_id


@pytest.mark.parametrize(
    ("profile", "reason"),
    [
        ("on_leave", "You are on leave"),
        ("capacity", "as many open cases as your capacity allows"),
        ("inactive", "Your lawyer profile is inactive"),
        # Facts of the case: one answer, the one for a case that does not exist.
        ("jurisdiction", None),
        ("specialty", None),
        ("conflict", None),
    ],
)
def test_an_ineligible_panel_expert_cannot_claim(make, api_as, profile, reason):
    today = local_today()
    settings = {
        "on_leave": {
            "leave_from": today - timedelta(days=1),
            "leave_to": today + timedelta(days=9),
        },
        "capacity": {"capacity": 1},
        "jurisdiction": {"jurisdictions": ["JP"]},
        "specialty": {"specialties": ["overseas_ip"]},
        "inactive": {"active": False},
    }.get(profile, {})
    lawyer = make.lawyer(**settings)
    user = make.user("lawyer", lawyer_id=lawyer.id)
    if profile == "capacity":
        make.assign(make.case(summary="手上的案件"), lawyer.id)
    client = api_as(user, language="en")
    if profile == "conflict":
        api_as("coordinator").post(
            f"/lawyers/{lawyer.id}/conflicts", json={"party": "Steppe Trade"}
        )
    case = foreign_us_case(make, counterparties=["Steppe Trade LLP"])
    response = client.post(f"/consultations/{case.reference}/claim")
    if reason is None:
        unknown = client.post("/consultations/LD-2026-ZZZZZZ/claim")
        assert response.status_code == 404, response.json
        assert response.get_data() == unknown.get_data()
    else:
        assert response.status_code == 422, response.json
        assert response.json["error"]["code"] == "not_eligible"
        assert reason in response.json["error"]["message"]
    assert SECRET not in response.get_data(as_text=True)
    assert stored(make, case) == ("new", None)


def test_a_taken_case_answers_409_without_its_content(make, api_as):
    case = foreign_us_case(make)
    first, second = api_as("lawyer"), api_as("lawyer")
    assert first.post(f"/consultations/{case.reference}/claim").status_code == 200
    lost = second.post(f"/consultations/{case.reference}/claim")
    assert lost.status_code == 409 and lost.json["error"]["code"] == "already_assigned"
    assert SECRET not in lost.get_data(as_text=True)


def test_domestic_cases_are_claimed_from_the_duty_roster_only(make, api_as):
    domestic = {"countries": [], "category": "domestic_commercial", "counterparties": []}
    make.lawyer(kind="firm_lawyer", on_duty=True, specialties=["domestic_commercial"])
    off_duty = make.user("lawyer", lawyer_id=make.lawyer(specialties=["domestic_commercial"]).id)
    on_duty = make.user(
        "lawyer",
        lawyer_id=make.lawyer(on_duty=True, specialties=["domestic_commercial"]).id,
    )
    case = make.case(**domestic)
    refused = api_as(off_duty, language="en").post(f"/consultations/{case.reference}/claim")
    assert refused.status_code == 404 and "duty roster" not in refused.json["error"]["message"]
    taken = api_as(on_duty).post(f"/consultations/{case.reference}/claim")
    assert taken.status_code == 200 and taken.json["assignee"]["id"] == on_duty.lawyer_id


def test_the_queue_offers_only_claimable_cases_with_their_summary(client, login, make, api_as):
    lawyer = login(make.user("lawyer"))  # panel: US, KZ, RU; export control
    claimable = foreign_us_case(make)
    elsewhere = make.case(
        countries=["JP"], summary="日本仓储纠纷", description="日本仓库的机密细节"
    )
    other_field = make.case(category="overseas_ip", summary="海外商标", description="商标机密细节")
    queue = client.get("/queue").get_data(as_text=True)
    open_part = queue.split("可认领的案件", 1)[1]
    assert claimable.reference in open_part and "美国出口风险咨询" in open_part
    assert SECRET not in queue  # the summary only, never the description
    for hidden in (elsewhere, other_field):
        assert hidden.reference not in queue
    assert "日本仓储纠纷" not in queue and "海外商标" not in queue
    # The API has no list of open cases for lawyers: theirs only.
    listed = api_as(lawyer).get("/consultations").json
    assert listed["total"] == 0 and SECRET not in str(listed)


def test_the_queue_takes_the_same_number_of_queries_for_many_cases(client, login, make, app):
    login(make.user("lawyer"))
    make.lawyer(kind="firm_lawyer")
    make.lawyer(jurisdictions=["JP"])

    def queries_for_queue() -> int:
        return statements_during(app, lambda: client.get("/queue"))

    for i in range(2):
        foreign_us_case(make, counterparties=[f"Party {i}"])
    few = queries_for_queue()
    for i in range(12):
        foreign_us_case(make, counterparties=[f"Other {i}"], countries=["US", "RU"])
    assert queries_for_queue() == few
