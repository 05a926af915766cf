"""Finding 5: one directory lawyer has at most one active account (field error on the
page, 409 lawyer_has_account in the API); the lawyer list names each lawyer's firm
(or the expert panel) and marks those that have an account."""

from __future__ import annotations

from legaldesk.db import db
from legaldesk.routing.models import Firm, Lawyer


def test_the_api_refuses_a_second_account_for_one_lawyer(api_as, make):
    lawyer = make.lawyer(name="周律师")
    make.user("lawyer", lawyer_id=lawyer.id, email="zhou@firm.cn")
    api = api_as("admin")
    answer = api.post(
        "/users",
        json={"email": "zhou2@firm.cn", "name": "周", "role": "lawyer", "lawyer_id": lawyer.id},
    )
    assert answer.status_code == 409 and answer.json["error"]["code"] == "lawyer_has_account"
    clerk = make.user("coordinator")
    changed = api.patch(f"/users/{clerk.id}", json={"role": "lawyer", "lawyer_id": lawyer.id})
    assert changed.status_code == 409 and changed.json["error"]["code"] == "lawyer_has_account"


def test_a_deactivated_account_frees_the_lawyer_and_may_not_come_back_twice(api_as, make):
    lawyer = make.lawyer()
    old = make.user("lawyer", lawyer_id=lawyer.id)
    api = api_as("admin")
    assert api.patch(f"/users/{old.id}", json={"active": False}).status_code == 200
    new = api.post(
        "/users",
        json={"email": "new@firm.cn", "name": "新", "role": "lawyer", "lawyer_id": lawyer.id},
    )
    assert new.status_code == 201, new.json
    again = api.patch(f"/users/{old.id}", json={"active": True})
    assert again.status_code == 409 and again.json["error"]["code"] == "lawyer_has_account"
    # Saving its own lawyer again is no second account.
    assert api.patch(f"/users/{new.json['id']}", json={"lawyer_id": lawyer.id}).status_code == 200


def test_the_page_says_so_at_the_lawyer_field(client, login, make):
    lawyer = make.lawyer(name="周律师")
    make.user("lawyer", lawyer_id=lawyer.id)
    login("admin")
    answer = client.post(
        "/admin/users/new",
        data={
            "email": "zhou2@firm.cn",
            "name": "周",
            "account_role": "lawyer",
            "lawyer_id": lawyer.id,
        },
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 422 and "该律师已有账户" in page, page


def test_the_lawyer_list_names_firms_and_marks_accounts(client, login, make):
    def build():
        firm = Firm(name="金杜律师事务所")
        db.session.add(firm)
        db.session.flush()
        db.session.add(Lawyer(name="钱律师", kind="firm_lawyer", firm_id=firm.id))
        db.session.commit()

    make.run(build)
    expert = make.lawyer(name="孙专家")
    make.user("lawyer", lawyer_id=expert.id)
    login("admin")
    page = client.get("/admin/users/new").get_data(as_text=True)
    assert "钱律师（金杜律师事务所）" in page
    assert "孙专家（涉外法律服务专家团） — 已有账户" in page
