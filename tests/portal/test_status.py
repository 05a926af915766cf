"""The public status lookup: stage and dates only, the same 404 for every miss."""

import json

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from tests.conftest import fresh_sqlite_app


def test_lookup_shows_stage_and_dates_only(client, make):
    case = make.case(summary="机密事由", counterparties=["Acme Inc."])
    response = client.get(f"/api/v1/status/{case.reference}?code={case.code}")
    assert response.status_code == 200
    body = response.json
    assert set(body) == {
        "reference",
        "status",
        "status_label",
        "updated_at",
        "timeline",
        "next_step",
        "followups",
        "advice_given_on",
        "outcome",
    }
    assert body["next_step"]["kind"] == "routing" and body["outcome"] is None
    assert body["status"] == "new" and body["status_label"] == "新登记"
    assert set(body["timeline"][0]) == {"at", "status", "status_label"}
    dumped = json.dumps(body, ensure_ascii=False)
    for secret in ("机密", "Acme", "周经理", "杭州", "intake"):
        assert secret not in dumped


def test_wrong_code_and_unknown_reference_look_the_same(client, make):
    case = make.case()
    wrong = client.get(f"/api/v1/status/{case.reference}?code=AAAAA-AAAAA")
    unknown = client.get(f"/api/v1/status/LD-2026-ZZZZZZ?code={case.code}")
    missing = client.get(f"/api/v1/status/{case.reference}")
    assert wrong.status_code == unknown.status_code == missing.status_code == 404
    assert wrong.json == unknown.json == missing.json


def test_codes_are_forgiving_about_how_they_are_typed(client, make):
    case = make.case()
    typed = f"{case.code[:5].lower()} {case.code[5:].lower()}"
    assert (
        client.get(
            f"/api/v1/status/{case.reference.lower()}", query_string={"code": typed}
        ).status_code
        == 200
    )


def test_every_lookup_is_logged(app, client, make):
    case = make.case()
    client.get(f"/api/v1/status/{case.reference}?code=AAAAAAAAAA")
    client.get(f"/api/v1/status/{case.reference}?code={case.code}")
    with app.app_context():
        actions = db.session.scalars(
            sa.select(AuditEntry.action)
            .where(AuditEntry.action.like("status.%"))
            .order_by(AuditEntry.id)
        ).all()
    assert actions == ["status.lookup_failed", "status.lookup"]


def test_status_page_prefills_from_the_qr_code_and_looks_up(client, make):
    case = make.case()
    page = client.get(f"/status?reference={case.reference}").get_data(as_text=True)
    assert f'value="{case.reference}"' in page and 'name="code"' in page
    found = client.post("/status", data={"reference": case.reference, "code": case.code})
    assert found.status_code == 200
    text = found.get_data(as_text=True)
    assert "新登记" in text and "周经理" not in text
    miss = client.post("/status", data={"reference": case.reference, "code": "nope"})
    assert miss.status_code == 404
    assert "案件编号与查询码不匹配。" in miss.get_data(as_text=True)


def test_lookups_are_rate_limited_per_address(tmp_path):
    client = fresh_sqlite_app(tmp_path, RATELIMIT_ENABLED=True).test_client()
    codes = [
        client.get(f"/api/v1/status/LD-2026-AAAA{i:02d}?code=x").status_code for i in range(35)
    ]
    assert codes[:30] == [404] * 30
    assert codes[-1] == 429
    limited = client.get("/api/v1/status/LD-2026-BBBBBB?code=x")
    assert limited.json["error"]["code"] == "rate_limited"


def _guessing_desk(tmp_path):
    """A desk with limits on and one case: (look(code, address) -> status, reference, code)."""
    from tests.conftest import create_case, create_user

    app = fresh_sqlite_app(tmp_path, RATELIMIT_ENABLED=True)
    with app.app_context():
        case, code = create_case(create_user("intake"))
        reference = case.reference
    client = app.test_client()

    def look(code_tried, address, at=reference):
        return client.get(
            f"/api/v1/status/{at}?code={code_tried}", environ_base={"REMOTE_ADDR": address}
        ).status_code

    return client, look, reference, code


def test_wrong_codes_are_limited_per_address_and_the_owner_keeps_working(tmp_path):
    """Ten wrong codes for one case from one address: that address is refused, even with
    the right code, and the page counts with the API; the enterprise, elsewhere, is not
    locked out, and its own right answers never counted."""
    client, look, reference, code = _guessing_desk(tmp_path)
    assert [look(code, "10.0.0.1") for _ in range(15)] == [200] * 15  # the owner, often
    assert [look("AAAAA-AAAAA", "10.0.1.1") for _ in range(10)] == [404] * 10
    assert look("AAAAA-AAAAA", "10.0.1.1") == 429
    assert look(code, "10.0.1.1") == 429
    page = client.post(
        "/status",
        data={"reference": reference, "code": code},
        environ_base={"REMOTE_ADDR": "10.0.1.1"},
    )
    assert page.status_code == 429
    assert look(code, "10.0.2.1") == 200  # the receipt's code, from the enterprise
    # an unknown reference is counted exactly alike: nothing tells them apart
    unknown = [look("AAAAA-AAAAA", "10.0.1.1", "LD-2026-ZZZZZZ") for _ in range(11)]
    assert unknown == [404] * 10 + [429]


def test_past_the_ceiling_each_address_gets_one_try(tmp_path):
    """Fifty wrong codes for one case from five addresses reach the case's ceiling:
    then each further address has one evaluation, so a fresh address with the right
    code (the owner) still gets in, and a botnet gets one guess per address."""
    _, look, _, code = _guessing_desk(tmp_path)
    for n in range(5):
        assert [look("AAAAA-AAAAA", f"10.0.1.{n}") for _ in range(10)] == [404] * 10
    assert look("AAAAA-AAAAA", "10.0.9.1") == 404
    assert look("AAAAA-AAAAA", "10.0.9.1") == 429
    assert look(code, "10.0.9.1") == 429
    assert look(code, "10.0.9.2") == 200


def test_a_new_access_code_retires_the_old_one(client, login, make):
    case = make.case()
    login("intake")
    answer = client.post(f"/cases/{case.reference}/access-code", follow_redirects=True)
    page = answer.get_data(as_text=True)
    assert "已签发新的查询码" in page
    new_code = page.split('id="receipt-code">')[1].split("<")[0].strip()
    assert new_code != case.code
    old = client.get(f"/api/v1/status/{case.reference}?code={case.code}")
    new = client.get(f"/api/v1/status/{case.reference}?code={new_code}")
    assert old.status_code == 404 and new.status_code == 200
    client.post("/logout")
    login("lawyer")
    assert client.post(f"/cases/{case.reference}/access-code").status_code == 404


def test_the_next_step_names_the_mediation_session_but_no_person(app, client, make):
    from datetime import timedelta

    from legaldesk.clock import utcnow
    from legaldesk.rooms.models import Booking
    from tests.helpers import mediation_in_progress

    case = make.case()
    room = make.room("商事调解室一")
    mediator = make.lawyer(name="孙雅")
    coordinator = make.user("coordinator")

    def setup():
        mediation_in_progress(coordinator.id, case.id, mediator.id, utcnow())
        start = utcnow() + timedelta(days=3)
        db.session.add(
            Booking(
                room_id=room,
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                blocked_until=start + timedelta(hours=2),
                title="调解会 周经理",
                purpose="mediation_session",
                consultation_id=case.id,
                mediator_id=mediator.id,
                created_at=utcnow(),
            )
        )
        db.session.commit()

    make.run(setup)
    body = client.get(f"/api/v1/status/{case.reference}?code={case.code}").json
    assert body["next_step"]["kind"] == "mediation_session"
    assert "商事调解室一" in body["next_step"]["text"] and body["next_step"]["at"]
    dumped = json.dumps(body, ensure_ascii=False)
    assert "孙雅" not in dumped and "周经理" not in dumped and "Steppe" not in dumped


def test_the_code_can_stay_out_of_the_url(client, make):
    """POST with {"code"} or an X-Access-Code header answers what GET ?code= answers."""
    case = make.case()
    by_query = client.get(f"/api/v1/status/{case.reference}?code={case.code}")
    by_body = client.post(f"/api/v1/status/{case.reference}", json={"code": case.code})
    by_header = client.get(f"/api/v1/status/{case.reference}", headers={"X-Access-Code": case.code})
    assert by_query.status_code == by_body.status_code == by_header.status_code == 200
    assert by_query.json == by_body.json == by_header.json
    wrong = client.post(f"/api/v1/status/{case.reference}", json={"code": "AAAAAAAAAA"})
    odd = client.post(f"/api/v1/status/{case.reference}", json=["not", "an", "object"])
    assert wrong.status_code == odd.status_code == 404 and wrong.json == odd.json


def test_a_status_link_with_the_code_still_works_and_drops_it(client, make):
    case = make.case()
    linked = client.get(f"/status?reference={case.reference}&code={case.code}")
    assert linked.status_code == 200 and "data-strip-code" in linked.get_data(as_text=True)
    posted = client.post("/status", data={"reference": case.reference, "code": case.code})
    assert "data-strip-code" not in posted.get_data(as_text=True)
