"""The loss confirmation is offered only when it would be accepted; a refusal says
the real reason, on the case page with a flash (review finding: offered on a
withdrawn case, then a bare 409 page saying "advice first")."""

from tests.advice_helpers import claimed_loss, enterprise_login


def withdraw(make, api_as, case):
    answer = api_as("coordinator").post(
        f"/consultations/{case.reference}/transitions",
        json={"to": "withdrawn", "reason": "企业撤回"},
    )
    assert answer.status_code == 200, answer.json


def test_no_form_on_a_withdrawn_case_and_a_refusal_says_why(client, make, api_as):
    case = claimed_loss(make, api_as)
    withdraw(make, api_as, case)
    enterprise_login(make, client)
    page = client.get(f"/my/cases/{case.reference}").get_data(as_text=True)
    assert "¥3,000,000" in page and 'class="confirm-loss"' not in page
    answer = client.post(
        f"/my/cases/{case.reference}/losses/{case.followup_id}/confirm",
        data={"answer": "confirm", "satisfaction": "5"},
    )
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith(f"/my/cases/{case.reference}")
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "收到法律意见后才能评价服务" not in page and "该案件已撤回，无法再确认避免损失" in page


def test_the_api_refusal_says_why(make, api_as):
    case = claimed_loss(make, api_as)
    withdraw(make, api_as, case)
    account = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")
    answer = api_as(account).post(
        f"/followups/{case.followup_id}/confirmation", json={"satisfaction": 5}
    )
    assert answer.status_code == 409
    assert answer.json["error"]["code"] == "loss_not_confirmable"
    assert "收到法律意见后" not in answer.json["error"]["message"]
