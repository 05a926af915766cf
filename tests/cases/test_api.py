"""POST/GET /api/v1/consultations, transitions and the error body, on every database."""

import pytest
import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.enterprises.models import Enterprise
from tests.conftest import count, dummy_intake


def test_intake_answers_reference_code_and_status(api_as):
    api = api_as("intake")
    response = api.post("/consultations", json=dummy_intake())
    assert response.status_code == 201
    body = response.json
    assert body["status"] == "new"
    assert body["foreign_related"] is True
    assert body["reference"].startswith("LD-")
    assert len(body["access_code"].replace("-", "")) == 10
    assert body["enterprise"]["uscc"] == "91330105MA2H00010X"
    assert body["contact"]["phone"] == "+8613805710001"
    assert [t["status"] for t in body["timeline"]] == ["new"]
    assert response.headers["Location"].endswith(body["reference"])


def test_access_code_is_stored_hashed(app, api_as):
    body = api_as("intake").post("/consultations", json=dummy_intake()).json
    code = body["access_code"].replace("-", "")
    with app.app_context():
        stored = db.session.scalar(sa.select(Consultation.access_code_hash))
    assert code not in stored


def test_same_enterprise_twice_is_one_record(app, api_as):
    api = api_as("intake")
    api.post("/consultations", json=dummy_intake())
    lower = dummy_intake(enterprise={"name": "远航物流", "uscc": "91330105ma2h00010x"})
    assert api.post("/consultations", json=lower).status_code == 201
    with app.app_context():
        assert count(Enterprise) == 1
        assert count(Consultation) == 2


def test_references_do_not_follow_each_other(api_as):
    api = api_as("intake")
    refs = [api.post("/consultations", json=dummy_intake()).json["reference"] for _ in range(3)]
    suffixes = [int(r.rsplit("-", 1)[1], 36) for r in refs]
    assert len(set(refs)) == 3
    assert sorted(suffixes) != suffixes or suffixes[1] - suffixes[0] != suffixes[2] - suffixes[1]


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"enterprise": {"name": "x", "uscc": "91330105MA2H000101"}}, "enterprise.uscc"),
        ({"contact": {"name": "x", "phone": "12345"}}, "contact.phone"),
        ({"category": "astrology"}, "category"),
        ({"countries": ["XX"]}, "countries"),
        ({"summary": "长" * 100_000}, "summary"),
        ({"channel": None}, "channel"),
    ],
)
def test_bad_fields_get_422_with_the_field_named_and_nothing_saved(app, api_as, overrides, field):
    response = api_as("intake").post("/consultations", json=dummy_intake(**overrides))
    assert response.status_code == 422
    error = response.json["error"]
    assert error["code"] == "invalid"
    assert field in error["fields"]
    with app.app_context():
        assert count(Consultation) == 0
        assert count(Enterprise) == 0


def test_field_errors_speak_chinese_by_default_and_english_on_request(api_as):
    body = dummy_intake(enterprise={"name": "x", "uscc": "91330105MA2H000101"})
    zh = api_as("intake").post("/consultations", json=body).json["error"]
    en = api_as("intake", language="en-US,en;q=0.9").post("/consultations", json=body).json["error"]
    assert zh["fields"]["enterprise.uscc"] == ["统一社会信用代码的校验位不正确。"]
    assert en["fields"]["enterprise.uscc"] == ["The check character of this credit code is wrong."]


@pytest.mark.parametrize("data", ["{not json", "", "[1, 2", "\xff\xfe"])
def test_malformed_json_is_400(api_as, data):
    response = api_as("intake").post("/consultations", data=data, content_type="application/json")
    assert response.status_code == 400
    assert response.json["error"]["code"] == "malformed"


@pytest.mark.parametrize("data", ["[]", "42", '"text"', "null"])
def test_json_that_is_not_an_object_is_refused(api_as, data):
    response = api_as("intake").post("/consultations", data=data, content_type="application/json")
    assert response.status_code in (400, 422)
    assert "error" in response.json


def test_no_token_or_bad_token_is_401(client):
    assert client.get("/api/v1/consultations").status_code == 401
    response = client.get("/api/v1/consultations", headers={"Authorization": "Bearer nope"})
    assert response.status_code == 401
    assert response.json["error"]["code"] == "unauthorized"


def test_a_lawyer_cannot_record_intake(api_as):
    response = api_as("lawyer").post("/consultations", json=dummy_intake())
    assert response.status_code == 403
    assert response.json["error"]["code"] == "forbidden"


def test_unknown_route_and_method_answer_json(api_as):
    api = api_as("intake")
    assert api.get("/nowhere").json["error"]["code"] == "not_found"
    response = api.delete("/consultations")
    assert response.status_code == 405
    assert response.json["error"]["code"] == "method_not_allowed"


def test_list_filters_search_and_pages(make, api_as):
    clerk = make.user("intake")
    make.case(clerk)
    make.case(
        clerk,
        enterprise={"name": "杭州拱墅丝绸进出口有限公司", "uscc": "91330105MA2H000212"},
        category="overseas_ip",
        countries=["JP"],
        channel="walk_in",
        summary="商标在日本被抢注",
        counterparties=[],
    )
    make.case(
        clerk,
        enterprise={"name": "杭州大关五金制品厂", "uscc": "92330105MA2H00087P"},
        category="domestic_commercial",
        countries=[],
        counterparties=["宁波东港贸易有限公司"],
        summary="货款纠纷",
        description="100% 的货款未付_",
    )
    api = api_as(clerk)

    def refs(query):
        response = api.get("/consultations" + query)
        assert response.status_code == 200, response.json
        return response.json

    assert refs("")["total"] == 3
    assert refs("?q=丝绸")["total"] == 1  # a Chinese substring of the enterprise name
    assert refs("?q=抢注")["total"] == 1  # of the summary
    assert refs("?q=hgdgwz")["total"] == 0
    assert refs("?q=hzdgwj")["total"] == 1  # pinyin initials of 杭州大关五金
    assert refs("?q=100%25")["total"] == 1  # LIKE wildcards are literal
    assert refs("?q=%25")["total"] == 1
    assert refs("?category=overseas_ip")["total"] == 1
    assert refs("?country=jp")["total"] == 1
    assert refs("?channel=walk_in")["total"] == 1
    assert refs("?status=open")["total"] == 3
    assert refs("?from=2026-11-26&to=2026-11-26")["total"] == 3
    assert refs("?to=2026-11-25")["total"] == 0
    page = refs("?per_page=2&page=2")
    assert (page["page"], page["per_page"], page["total"], len(page["items"])) == (2, 2, 3, 1)


@pytest.mark.parametrize(
    "query,field",
    [
        ("?page=0", "page"),
        ("?per_page=1000", "per_page"),
        ("?page=abc", "page"),
        ("?status=lost", "status"),
        ("?from=26/11/2026", "from"),
        ("?from=0001-01-01", "from"),
        ("?to=9999-12-31", "to"),
    ],
)
def test_bad_list_parameters_are_422(api_as, query, field):
    response = api_as("coordinator").get("/consultations" + query)
    assert response.status_code == 422
    assert field in response.json["error"]["fields"]


def test_a_lawyer_sees_only_the_cases_routed_to_them(make, api_as):
    mine, theirs = make.case(), make.case()
    lawyer = make.user("lawyer")
    make.assign(mine, lawyer.lawyer_id)
    api = api_as(lawyer)
    listed = api.get("/consultations").json
    assert [c["reference"] for c in listed["items"]] == [mine.reference]
    assert api.get(f"/consultations/{mine.reference}").status_code == 200
    hidden = api.get(f"/consultations/{theirs.reference}")
    unknown = api.get("/consultations/LD-2026-XXXXXX")
    assert hidden.status_code == unknown.status_code == 404
    assert hidden.json == unknown.json


def test_case_detail_has_timeline_and_assignee(make, api_as):
    case = make.case()
    lawyer = make.lawyer(name="黄志强")
    make.assign(case, lawyer.id)
    api = api_as("coordinator")
    assert (
        api.post(f"/consultations/{case.reference}/transitions", json={"to": "routed"}).status_code
        == 200
    )
    body = api.get(f"/consultations/{case.reference.lower()}").json
    assert body["assignee"] == {
        "id": lawyer.id,
        "name": "黄志强",
        "kind": "panel_expert",
        "firm": None,
    }
    assert [t["status"] for t in body["timeline"]] == ["new", "routed"]
    assert body["timeline"][0]["at"].endswith("+08:00")


def test_the_whole_lifecycle_through_the_api(make, api_as):
    case = make.case()
    lawyer = make.user("lawyer")
    make.assign(case, lawyer.lawyer_id)
    coordinator, counsel = api_as("coordinator"), api_as(lawyer)
    path = f"/consultations/{case.reference}/transitions"
    assert coordinator.post(path, json={"to": "routed"}).status_code == 200
    for status in ("accepted", "advised", "following_up"):
        response = counsel.post(path, json={"to": status, "note": f"→ {status}"})
        assert response.status_code == 200, response.json
    missing_code = counsel.post(path, json={"to": "closed"})
    assert missing_code.status_code == 422
    assert "closing_code" in missing_code.json["error"]["fields"]
    closed = counsel.post(path, json={"to": "closed", "closing_code": "A"})
    assert closed.json["status"] == "closed" and closed.json["closing_code"] == "A"
    statuses = [t["status"] for t in closed.json["timeline"]]
    assert statuses == ["new", "routed", "accepted", "advised", "following_up", "closed"]
    again = coordinator.post(path, json={"to": "advised"})
    assert again.status_code == 409
    assert again.json["error"]["code"] == "invalid_transition"


def test_transition_errors(make, api_as):
    case = make.case()
    path = f"/consultations/{case.reference}/transitions"
    coordinator = api_as("coordinator")
    assert coordinator.post(path, json={"to": "advised"}).status_code == 409
    assert coordinator.post(path, json={"to": "routed"}).status_code == 409  # nobody assigned
    assert coordinator.post(path, json={"to": "nowhere"}).status_code == 422
    assert coordinator.post(path, json={}).status_code == 422
    assert coordinator.post(path, json={"to": "withdrawn", "note": "x" * 5000}).status_code == 422
    assert coordinator.post(path, data="{", content_type="application/json").status_code == 400
    assert (
        coordinator.post("/consultations/LD-0-0/transitions", json={"to": "withdrawn"}).status_code
        == 404
    )
    assert api_as("intake").post(path, json={"to": "accepted"}).status_code == 403
    withdrawn = api_as("intake").post(path, json={"to": "withdrawn", "note": "企业撤回"})
    assert withdrawn.status_code == 200 and withdrawn.json["status"] == "withdrawn"


def test_categories_statuses_and_closing_codes_are_listed(api_as):
    api = api_as("intake")
    categories = api.get("/categories").json
    credit = next(c for c in categories if c["code"] == "credit_repair")
    assert credit == {
        "code": "credit_repair",
        "label": "信用修复",
        "label_zh": "信用修复",
        "label_en": "Credit repair",
        "foreign": False,
        "active": True,
        "position": credit["position"],
    }
    assert len(categories) == 12
    codes = [c["code"] for c in api.get("/closing-codes").json]
    assert codes == ["A", "B", "C", "E", "F", "G", "H", "I", "K", "L"]
    english = api_as("intake", language="en").get("/statuses").json
    assert {"code": "following_up", "label": "Following up"} in english


def test_a_repeated_idempotency_key_answers_the_first_case(app, api_as, client):
    api = api_as("intake")
    key = {"Idempotency-Key": "retry-7f3a"}
    first = api.post("/consultations", json=dummy_intake(), headers=key)
    again = api.post("/consultations", json=dummy_intake(), headers=key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json["reference"] == first.json["reference"]
    assert again.json["access_code"] != first.json["access_code"]
    reference = first.json["reference"]
    old = client.get(f"/api/v1/status/{reference}?code={first.json['access_code']}")
    new = client.get(f"/api/v1/status/{reference}?code={again.json['access_code']}")
    assert (old.status_code, new.status_code) == (404, 200)
    other_user = api_as("intake").post("/consultations", json=dummy_intake(), headers=key)
    assert other_user.status_code == 201  # keys belong to the user who sent them
    with app.app_context():
        assert count(Consultation) == 2


def test_an_overlong_idempotency_key_is_a_field_error(api_as):
    response = api_as("intake").post(
        "/consultations", json=dummy_intake(), headers={"Idempotency-Key": "k" * 101}
    )
    assert response.status_code == 422
    assert "idempotency_key" in response.json["error"]["fields"]


def test_every_page_fits_the_next_from_either_end(make, api_as):
    """Pages in the older half are read from the oldest end and turned around: walking
    all pages gives every case once, newest first, whatever the page size."""
    from datetime import timedelta

    from tests.conftest import NOW

    clerk = make.user("intake")
    for i in range(23):
        make.case(clerk, now=NOW + timedelta(minutes=i % 7), summary=f"第{i}件")  # with ties
    api = api_as(clerk)
    newest_first = [c["reference"] for c in api.get("/consultations?per_page=100").json["items"]]
    assert len(newest_first) == 23
    for size in (1, 4, 5, 10, 22, 23):
        walked = []
        for page in range(1, 30):
            items = api.get(f"/consultations?per_page={size}&page={page}").json["items"]
            if not items:
                break
            walked += [c["reference"] for c in items]
        assert walked == newest_first, size
