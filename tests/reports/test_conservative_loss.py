"""Reports stay conservative (review finding: an enterprise could inflate the loss
avoided): the lower of the lawyer's claim and the enterprise's figure counts; an
absurd amount is a field error, for the enterprise and the lawyer alike."""

from legaldesk.followups.rules import MAX_CNY
from tests.advice_helpers import accepted_case, advise, claimed_loss, enterprise_login


def summary(api_as):
    return api_as("coordinator").get("/reports/summary?from=2026-01-01&to=2099-12-31").json


def confirm(make, api_as, case, **body):
    account = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")
    return api_as(account).post(f"/followups/{case.followup_id}/confirmation", json=body)


def test_an_absurd_amount_is_refused_with_a_field_error(make, api_as):
    case = claimed_loss(make, api_as)
    answer = confirm(make, api_as, case, satisfaction=5, amount_cny=1_000_000_000_000)
    assert answer.status_code == 422 and "amount_cny" in answer.json["error"]["fields"]
    assert summary(api_as)["loss_avoided_cny"] == 0


def test_the_lawyer_figure_has_the_same_ceiling(make, api_as):
    case = accepted_case(make, api_as)
    assert advise(case).status_code == 200
    listed = case.api.get(f"/consultations/{case.reference}/followups").json
    answer = case.api.patch(
        f"/followups/{listed[0]['id']}",
        json={
            "done": True,
            "result": "回访",
            "advice_worked": "yes",
            "loss_avoided_cny": MAX_CNY + 1,
            "loss_basis": "估算",
        },
    )
    assert answer.status_code == 422 and "loss_avoided_cny" in answer.json["error"]["fields"]


def test_a_figure_above_the_claim_counts_the_claim(client, login, make, api_as):
    case = claimed_loss(make, api_as)
    answer = confirm(make, api_as, case, satisfaction=5, amount_cny=9_000_000)
    assert answer.status_code == 201, answer.json
    figures = summary(api_as)
    assert figures["loss_avoided_cny"] == 3_000_000
    assert figures["loss_confirmed_by_enterprise_cny"] == 3_000_000
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "¥9,000,000" in page and "loss-above-claim" in page


def test_a_figure_below_the_claim_lowers_it(make, api_as):
    case = claimed_loss(make, api_as)
    assert confirm(make, api_as, case, satisfaction=4, amount_cny=1_000_000).status_code == 201
    assert summary(api_as)["loss_avoided_cny"] == 1_000_000


def test_the_page_form_refuses_an_absurd_amount(client, make, api_as):
    case = claimed_loss(make, api_as)
    enterprise_login(make, client)
    answer = client.post(
        f"/my/cases/{case.reference}/losses/{case.followup_id}/confirm",
        data={"answer": "correct", "amount_cny": "1000000000000", "satisfaction": "5"},
    )
    assert answer.status_code == 422
