"""Review fix (issue 12): a page action that the case has moved past comes back as the
case page with a sentence in the user's language, not a bare error page with status
codes; moves that need a lawyer are not offered to a case without one."""

from legaldesk.cases.rules import check_transition
from legaldesk.errors import InvalidTransition
from legaldesk.messages import render
from tests.advice_helpers import OPINION, accepted_case


def test_an_invalid_transition_names_the_statuses_in_the_users_language(app):
    for language, expected in (("zh", "“已结案”"), ("en", "“Closed”")):
        with app.test_request_context(headers={"Accept-Language": language}):
            try:
                check_transition("closed", "advised", True)
            except InvalidTransition as error:
                message = render(error.message)
            assert expected in message and "closed" not in message


def test_the_api_says_the_statuses_by_their_labels(make, api_as):
    case = make.case()
    answer = api_as("coordinator").post(
        f"/consultations/{case.reference}/transitions", json={"to": "closed"}
    )
    assert answer.status_code == 409
    assert "“新登记”" in answer.json["error"]["message"]


def test_advice_posted_after_the_case_was_closed_comes_back_as_the_case_page(
    client, login, make, api_as
):
    case = accepted_case(make, api_as)
    login(case.counsel)
    assert client.get(f"/cases/{case.reference}").status_code == 200  # the form is shown
    coordinator = api_as("coordinator")
    moved = coordinator.post(
        f"/consultations/{case.reference}/transitions", json={"to": "withdrawn"}
    )
    assert moved.status_code == 200
    posted = client.post(
        f"/cases/{case.reference}/advice", data={"opinion": OPINION, "shared": "full"}
    )
    assert posted.status_code == 302
    assert posted.headers["Location"].endswith(f"/cases/{case.reference}")
    page = client.get(posted.headers["Location"]).get_data(as_text=True)
    assert "意见未保存" in page and "已撤回" in page
    assert "“withdrawn”" not in page and "“advised”" not in page


def test_a_new_case_without_a_lawyer_is_not_offered_moves_that_need_one(client, login, make):
    case = make.case()
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert 'value="accepted"' not in page and 'value="routed"' not in page
    assert 'value="withdrawn"' in page
    make.assign(case, make.lawyer().id)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert 'value="accepted"' in page
