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
    assert set(body) == {"reference", "status", "status_label", "updated_at", "timeline"}
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
            .order_by(AuditEntry.seq)
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


def test_lookups_are_rate_limited(tmp_path):
    client = fresh_sqlite_app(tmp_path, RATELIMIT_ENABLED=True).test_client()
    codes = [client.get(f"/api/v1/status/LD-2026-AAAAAA?code={i}").status_code for i in range(35)]
    assert codes[:30] == [404] * 30
    assert codes[-1] == 429
    limited = client.get("/api/v1/status/LD-2026-AAAAAA?code=x")
    assert limited.json["error"]["code"] == "rate_limited"
