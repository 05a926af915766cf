"""Enterprise accounts: their own cases and nothing else, a question online, the
satisfaction answer, the e-mail choice."""

import pytest
import sqlalchemy as sa
from werkzeug.routing.converters import AnyConverter

from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.demo import demo_uscc
from legaldesk.followups.models import Callback
from legaldesk.notify.models import OutboxMessage
from legaldesk.publicity import enterprise_may_use
from tests.conftest import token_for

OTHER = {"name": "杭州拱墅丝绸进出口有限公司", "uscc": demo_uscc("91330105MA2H00021")}


@pytest.fixture
def two(make):
    """Enterprise A's account and case; enterprise B's case (with a booking and a
    follow-up, so every kind of route has something to point at)."""
    mine = make.case()  # 杭州远航国际物流 (dummy_intake)
    theirs = make.case(enterprise=OTHER, summary="别家的机密事由")
    account = make.user(
        "enterprise", enterprise_uscc="91330105MA2H00010X", email="me@yuanhang.example"
    )
    return mine, theirs, account


def _url(rule, reference):
    values = {name: reference if name == "reference" else 1 for name in rule.arguments}
    for name in rule.arguments:
        if name == "code":
            values[name] = "zh_CN"
        elif name == "token":
            values[name] = "x" * 32
        elif name == "day":
            values[name] = "2026-12-01"
        elif isinstance(rule._converters.get(name), AnyConverter):
            values[name] = min(rule._converters[name].items)
    return rule.build(values)[1]


def _methods(rule):
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def test_every_route_with_a_reference_is_404_for_another_enterprises_case(app, client, make, two):
    mine, theirs, account = two
    client.post("/login", data={"email": account.email, "password": "password123"})
    token = make.run(lambda: token_for(db.session.get(User, account.id)))
    checked = 0
    for rule in app.url_map.iter_rules():
        if "reference" not in rule.arguments:
            continue
        url = _url(rule, theirs.reference)
        headers = {"Authorization": f"Bearer {token}"} if url.startswith("/api/") else {}
        for method in _methods(rule):
            answer = client.open(
                url, method=method, headers=headers, json={} if method != "GET" else None
            )
            assert answer.status_code == 404, (method, url, answer.status_code)
            assert "别家的机密事由" not in answer.get_data(as_text=True)
            checked += 1
    assert checked >= 20
    # and the account's own case opens
    assert client.get(f"/my/cases/{mine.reference}").status_code == 200
    assert (
        client.get(
            f"/api/v1/consultations/{mine.reference}", headers={"Authorization": f"Bearer {token}"}
        ).status_code
        == 200
    )


def test_staff_pages_and_endpoints_do_not_exist_for_enterprise_accounts(app, client, make, two):
    mine, _, account = two
    client.post("/login", data={"email": account.email, "password": "password123"})
    token = make.run(lambda: token_for(db.session.get(User, account.id)))
    reached = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.endpoint == "static" or enterprise_may_use(view):
            continue
        url = _url(rule, mine.reference)  # even with their own case's reference
        headers = {"Authorization": f"Bearer {token}"} if url.startswith("/api/") else {}
        for method in _methods(rule):
            answer = client.open(
                url, method=method, headers=headers, json={} if method != "GET" else None
            )
            if answer.status_code != 404:
                reached.append((method, url, answer.status_code))
    assert reached == []


def test_an_enterprise_sees_its_own_cases_without_staff_names(client, make, api_as, two):
    mine, theirs, account = two
    lawyer = make.lawyer(name="黄志强")
    make.assign(mine, lawyer.id)
    api = api_as(account)
    listed = api.get("/consultations").json
    assert [c["reference"] for c in listed["items"]] == [mine.reference]
    detail = api.get(f"/consultations/{mine.reference}").json
    assert detail["assignee"] is None and all(t["by"] is None for t in detail["timeline"])
    client.post("/login", data={"email": account.email, "password": "password123"})
    assert client.get("/").headers["Location"].endswith("/my")
    page = client.get("/my").get_data(as_text=True)
    assert mine.reference in page and theirs.reference not in page
    case_page = client.get(f"/my/cases/{mine.reference}").get_data(as_text=True)
    assert "黄志强" not in case_page and "周经理" not in case_page


def test_a_question_online_is_the_accounts_own_and_online(client, make, api_as, two):
    _, _, account = two
    client.post("/login", data={"email": account.email, "password": "password123"})
    form = client.get("/my/new").get_data(as_text=True)
    key = form.split('name="form_key" value="')[1].split('"')[0]
    data = {
        "form_key": key,
        "contact_name": "周经理",
        "phone": "13805710001",
        "email": "zhou@example.com",
        "category": "export_control",
        "countries": ["KZ"],
        "summary": "新的出口问题",
        "description": "想了解哈萨克斯坦的进口许可要求。",
        "urgency": "normal",
    }
    bad = client.post("/my/new", data={**data, "phone": "12"})
    assert bad.status_code == 422 and "新的出口问题" in bad.get_data(as_text=True)
    first = client.post("/my/new", data=data)
    again = client.post("/my/new", data=data)  # a double click
    assert first.status_code == again.status_code == 302
    shown = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "仅显示这一次" in shown
    # through the API, even naming another enterprise, it is the account's own
    api = api_as(account)
    made = api.post(
        "/consultations",
        json={
            "enterprise": OTHER,
            "contact": {"name": "周经理", "phone": "13805710001"},
            "channel": "walk_in",
            "category": "export_control",
            "countries": ["KZ"],
            "summary": "经接口提交",
            "description": "",
            "urgency": "normal",
        },
    )
    assert made.status_code == 201
    rows = make.run(
        lambda: db.session.execute(
            sa.select(Consultation.summary, Consultation.channel, Consultation.enterprise_id).where(
                Consultation.summary.in_(("新的出口问题", "经接口提交"))
            )
        ).all()
    )
    assert len(rows) == 2 and {r.channel for r in rows} == {"online"}
    assert len({r.enterprise_id for r in rows}) == 1
    assert made.json["enterprise"]["uscc"] == "91330105MA2H00010X"


def test_the_satisfaction_answer_and_a_callback_when_unhappy(client, make, api_as, two):
    mine, _, account = two
    client.post("/login", data={"email": account.email, "password": "password123"})
    early = client.post(
        f"/my/cases/{mine.reference}/satisfaction",
        data={"satisfaction": "4"},
        follow_redirects=True,
    )
    assert "收到法律意见后才能评价服务" in early.get_data(as_text=True)
    lawyer = make.lawyer()
    make.assign(mine, lawyer.id)
    coordinator = api_as("coordinator")
    for status in ("accepted", "advised"):
        coordinator.post(f"/consultations/{mine.reference}/transitions", json={"to": status})
    client.post(
        f"/my/cases/{mine.reference}/satisfaction", data={"satisfaction": "2", "comment": "太慢"}
    )
    client.post(f"/my/cases/{mine.reference}/satisfaction", data={"satisfaction": "1"})  # revised
    callbacks = make.run(lambda: db.session.scalars(sa.select(Callback)).all())
    assert len(callbacks) == 1 and callbacks[0].satisfaction == 1
    page = client.get(f"/my/cases/{mine.reference}").get_data(as_text=True)
    assert "您的评价：1 / 5" in page


def test_an_enterprise_can_stop_e_mail(client, make, api_as, two):
    mine, _, account = two
    client.post("/login", data={"email": account.email, "password": "password123"})
    client.post("/my/settings", data={"email_updates": "0"})
    before = make.run(
        lambda: db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))
    )
    coordinator = api_as("coordinator")
    coordinator.post(f"/consultations/{mine.reference}/transitions", json={"to": "withdrawn"})
    after = make.run(
        lambda: db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage))
    )
    assert after == before
