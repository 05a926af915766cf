"""A stale CSRF token on a POST-only form sends the person back to the page the form
was on, with the flash, never to the POST-only address (review finding: a redirect
to the POST URL as GET gave a 405 page)."""

import pytest

from tests.advice_helpers import claimed_loss, enterprise_login

EXPIRED = "表单已过期，请重新提交。"


def stale_post(app, client, path, referrer=None):
    app.config["WTF_CSRF_ENABLED"] = True
    headers = {"Referer": referrer} if referrer else {}
    try:
        answer = client.post(
            path, data={"text": "要保留的内容", "csrf_token": "stale"}, headers=headers
        )
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    return answer


def lands_on(client, answer, expected):
    assert answer.status_code == 302
    target = answer.headers["Location"]
    assert target.split("#")[0] == expected
    page = client.get(target)
    assert page.status_code == 200 and EXPIRED in page.get_data(as_text=True)


@pytest.mark.parametrize("route", ["notes", "documents", "assign", "send-back"])
def test_staff_case_forms_go_back_to_the_case_page(app, client, login, make, route):
    case = make.case()
    login("coordinator")
    path = f"/cases/{case.reference}/{route}"
    lands_on(client, stale_post(app, client, path), f"/cases/{case.reference}")


def test_a_same_origin_referrer_is_where_the_form_was(app, client, login, make):
    case = make.case()
    login("coordinator")
    answer = stale_post(
        app, client, f"/cases/{case.reference}/notes", "http://desk.test/cases?status=new"
    )
    lands_on(client, answer, "/cases?status=new")


def test_a_foreign_or_post_only_referrer_is_not_followed(app, client, login, make):
    case = make.case()
    login("coordinator")
    path = f"/cases/{case.reference}/notes"
    for referrer in ("https://evil.example/cases", f"http://desk.test{path}", "//evil.example/"):
        lands_on(client, stale_post(app, client, path, referrer), f"/cases/{case.reference}")


def test_the_enterprise_confirm_form_goes_back_to_its_case(app, client, make, api_as):
    case = claimed_loss(make, api_as)
    enterprise_login(make, client)
    path = f"/my/cases/{case.reference}/losses/{case.followup_id}/confirm"
    lands_on(client, stale_post(app, client, path), f"/my/cases/{case.reference}")


def test_a_form_on_a_get_page_comes_back_to_it(app, client, login, make):
    case = make.case()
    login("coordinator")
    path = f"/cases/{case.reference}/correct"
    lands_on(client, stale_post(app, client, path), path)


def test_no_case_no_referrer_goes_home(app, client, login, make):
    login("coordinator")
    lands_on(client, stale_post(app, client, "/notifications/read"), "/")
