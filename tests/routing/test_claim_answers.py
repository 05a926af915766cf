"""What a lawyer is told when a claim does not go through: their own case is theirs
(not "someone else's"), and every refusal is a sentence that says what to do next,
in Chinese and in English. Facts about the lawyer alone may be named; they answer
the same for a reference that exists and for one that does not."""

import re
from datetime import timedelta

import pytest

from tests.draw_helpers import route_and_draw
from tests.helpers import today as local_today

pytestmark = pytest.mark.one_lawyer_draws  # tests of what follows a draw, not of pools

UNKNOWN = "LD-2026-ZZZZZZ"


def test_claiming_your_own_case_says_it_is_yours(make, api_as):
    lawyer = make.user("lawyer")
    case = make.case()
    client = api_as(lawyer, language="en")
    assert client.post(f"/consultations/{case.reference}/claim").status_code == 200
    again = client.post(f"/consultations/{case.reference}/claim")
    assert again.status_code == 409 and again.json["error"]["code"] == "already_yours"
    assert "You already have this case" in again.json["error"]["message"]
    assert case.reference in again.json["error"]["message"]
    chinese = api_as(lawyer).post(f"/consultations/{case.reference}/claim")
    assert chinese.json["error"]["message"].startswith("此案已由您承办")
    taken = api_as("lawyer", language="en").post(f"/consultations/{case.reference}/claim")
    assert taken.status_code == 409 and taken.json["error"]["code"] == "already_assigned"
    assert case.reference not in taken.json["error"]["message"]


def test_on_the_page_your_own_case_opens(client, login, make):
    login(make.user("lawyer"))
    case = make.case()
    assert client.post(f"/queue/{case.reference}/claim").status_code == 302
    again = client.post(f"/queue/{case.reference}/claim")
    assert again.status_code == 302
    assert again.headers["Location"].endswith(f"/cases/{case.reference}")
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert "此案已由您承办" in page and "未认领" not in page


def lawyer_who_may_claim_nothing(make, why):
    """A lawyer user who is on leave, inactive, or at capacity (one case, capacity 1)."""
    today = local_today()
    if why == "on_leave":
        lawyer = make.lawyer(leave_from=today, leave_to=today + timedelta(days=3))
    else:
        lawyer = make.lawyer(active=why != "inactive", capacity=1)
        if why == "capacity":
            make.assign(make.case(summary="手上的案件"), lawyer.id)
    return make.user("lawyer", lawyer_id=lawyer.id)


def _refusals(make, api_as, language):
    """Each kind of refused claim, as (what, response)."""
    answers = [
        ("not claimable", api_as("lawyer", language).post(f"/consultations/{UNKNOWN}/claim"))
    ]
    for why in ("on_leave", "inactive", "capacity"):
        lawyer = lawyer_who_may_claim_nothing(make, why)
        answers.append((why, api_as(lawyer, language).post(f"/consultations/{UNKNOWN}/claim")))
    case = make.case()
    owner = api_as("lawyer", language)
    owner.post(f"/consultations/{case.reference}/claim")
    answers.append(("already yours", owner.post(f"/consultations/{case.reference}/claim")))
    answers.append(
        ("taken", api_as("lawyer", language).post(f"/consultations/{case.reference}/claim"))
    )
    return answers


def test_every_refusal_is_a_sentence_with_a_next_step_in_english(make, api_as):
    for what, response in _refusals(make, api_as, "en"):
        message = response.json["error"]["message"]
        assert response.status_code in (404, 409, 422), (what, response.json)
        assert message[0].isupper() and message.endswith("."), (what, message)
        assert len(message.split(". ")) >= 2, (what, message)  # what happened, then what to do
        assert re.search(r"\b(ask|choose|open|claim again|finish)\b", message, re.I), (
            what,
            message,
        )


def test_every_refusal_is_a_sentence_with_a_next_step_in_chinese(make, api_as):
    for what, response in _refusals(make, api_as, None):
        message = response.json["error"]["message"]
        assert message.endswith("。") and message.count("。") >= 2, (what, message)
        assert re.search("请", message), (what, message)
        assert not re.search(r"[A-Za-z]{3,}", re.sub(r"LD-\d{4}-\w+", "", message)), (what, message)


@pytest.mark.parametrize("profile", ["on_leave", "capacity"])
def test_a_fact_about_the_lawyer_answers_alike_for_any_reference(make, api_as, profile):
    """Told they are on leave (or full), whether or not the reference exists and
    whatever the case is about: it says nothing of any case."""
    lawyer = lawyer_who_may_claim_nothing(make, profile)
    client = api_as(lawyer)
    eligible = make.case(countries=["US"])
    elsewhere = make.case(countries=["JP"])
    answers = {
        client.post(f"/consultations/{ref}/claim").get_data()
        for ref in (eligible.reference, elsewhere.reference, UNKNOWN)
    }
    assert len(answers) == 1
    [body] = answers
    assert b'"code":"not_eligible"' in body


def test_a_lawyer_who_declined_is_told_so(make, api_as):
    """Nobody else is eligible, so the declined case waits; its decliner is told why a
    claim does not bring it back, since they know the case already."""
    lawyer = make.user("lawyer")
    case = make.case()
    coordinator = api_as("coordinator")
    assert route_and_draw(coordinator, case.reference).status_code in (200, 202)
    client = api_as(lawyer, language="en")
    declined = client.post(f"/consultations/{case.reference}/decline", json={"reason": "出差"})
    assert declined.status_code == 200 and declined.json["status"] == "new"
    refused = client.post(f"/consultations/{case.reference}/claim")
    assert refused.status_code == 422
    assert "You declined this case earlier" in refused.json["error"]["message"]
