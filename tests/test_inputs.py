"""Input no database takes alike is a 4xx with the usual body on both engines, before
anything reads the database: NUL and other control characters anywhere, JSON nested
thousands deep, ids that do not exist or overflow an integer."""

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from tests.conftest import count
from tests.helpers import future_working_day, iso

DAY = future_working_day()


def refused(response, field=None):
    """400 with the usual error body (naming the field when there is one)."""
    assert response.status_code == 400, response.get_data(as_text=True)[:300]
    if response.is_json:
        error = response.json["error"]
        assert error["code"] == "malformed"
        if field:
            assert list(error["fields"]) == [field] and error["fields"][field][0]
    return response


def test_nul_at_login_is_400_not_a_database_error(client):
    page = refused(client.post("/login", data={"email": "a\x00b@x.cn", "password": "x"}))
    assert "NUL" in page.get_data(as_text=True)  # said on the page, in the user's language


def test_the_refusal_speaks_chinese_by_default(client):
    page = client.post("/login", data={"email": "a\x00b", "password": "x"})
    assert page.status_code == 400 and "控制字符" in page.get_data(as_text=True)


def test_nul_in_the_public_lookup_is_400_and_logs_nothing(app, client, make):
    case = make.case()
    refused(client.get("/status?reference=%00&code=x"))
    refused(client.post("/status", data={"reference": case.reference, "code": "\x00"}))
    refused(client.get("/api/v1/status/LD%00X?code=x"), "reference")
    refused(client.get(f"/api/v1/status/{case.reference}?code=%00"), "code")
    with app.app_context():
        lookups = sa.select(AuditEntry).where(AuditEntry.action.like("status.%"))
        assert db.session.scalars(lookups).all() == []  # refused before the database


def test_nul_in_a_search_matches_nothing(api_as, make):
    """SQLite's LIKE stopped reading the pattern at NUL: q=%00 matched every case."""
    api = api_as("coordinator")
    make.case()
    refused(api.get("/consultations?q=%00"), "q")
    refused(api.get("/consultations?q=a%00b"), "q")


@pytest.mark.parametrize(
    "text",
    ["\x00", "a\x01b", "\x1b[31m", "\x7f", "\ud800"],
    ids=["nul", "soh", "esc", "del", "lone surrogate"],
)
def test_control_characters_in_json_name_the_field(api_as, make, text):
    api = api_as("coordinator")
    case = make.case()
    refused(api.post("/consultations", json={"contact": {"name": text}}), "contact.name")
    refused(api.post("/consultations", json={"countries": ["US", text]}), "countries")
    moved = api.post(f"/consultations/{case.reference}/transitions", json={"note": text})
    refused(moved, "note")
    refused(api.post("/bookings", json={"consultation": text}), "consultation")


def test_control_characters_in_json_keys_and_headers(api_as):
    api = api_as("coordinator")
    raw = b'{"summary\\u0000": "x"}'
    refused(api.post("/consultations", data=raw, content_type="application/json"), "summary?")
    refused(api.get("/rooms", headers={"Idempotency-Key": "a\x00"}), "Idempotency-Key")


def test_tabs_and_new_lines_stay_allowed(api_as, make):
    api = api_as("coordinator")
    case = make.case()
    note = "一\n二\r\n\t三"
    moved = api.post(
        f"/consultations/{case.reference}/transitions", json={"to": "withdrawn", "note": note}
    )
    assert moved.status_code == 200, moved.get_data(as_text=True)


@pytest.mark.parametrize("depth", [40, 1_000, 50_000])
def test_json_nested_deep_is_400_malformed(api_as, depth):
    api = api_as("coordinator")
    for body in ("[" * depth + "]" * depth, '{"a":' * depth + "1" + "}" * depth):
        response = api.post("/bookings", data=body, content_type="application/json")
        assert response.status_code == 400, response.get_data(as_text=True)[:200]
        assert response.json["error"]["code"] == "malformed"


def test_a_huge_body_is_413(api_as):
    response = api_as("coordinator").post(
        "/bookings", data="[" + "1," * 1_500_000 + "1]", content_type="application/json"
    )
    assert response.status_code == 413 and response.json["error"]["code"] == "too_large"


def booking(room, **extra):
    return {
        "room_id": room,
        "starts_at": iso(DAY, "10:00"),
        "ends_at": iso(DAY, "11:00"),
        "title": "调解",
        **extra,
    }


BAD_IDS = [999, 2**31, 2**63, 10**30, 1e309, -1, 0, True, "1", 1.5]


@pytest.mark.parametrize("field", ["mediator_id", "room_id"])
@pytest.mark.parametrize("value", BAD_IDS, ids=repr)
def test_ids_unknown_or_overflowing_are_a_field_error(app, api_as, make, field, value):
    room = make.room()
    response = api_as("coordinator").post("/bookings", json=booking(room, **{field: value}))
    assert response.status_code == 422, response.get_data(as_text=True)[:300]
    assert list(response.json["error"]["fields"]) == [field]
    from legaldesk.rooms.models import Booking

    with app.app_context():
        assert count(Booking) == 0


def test_an_unknown_case_or_mediator_in_a_series_is_a_field_error(api_as, make):
    room, api = make.room(), api_as("coordinator")
    series = booking(room, repeat={"every_days": 7, "count": 2})
    for extra in ({"mediator_id": 2**31 - 1}, {"consultation": "LD-2026-ZZZZZZ"}):
        response = api.post("/bookings", json={**series, **extra})
        assert response.status_code == 422
        assert list(response.json["error"]["fields"]) == list(extra)


def test_moving_a_booking_to_an_overflowing_room_is_a_field_error(api_as, make):
    room, api = make.room(), api_as("coordinator")
    made = api.post("/bookings", json=booking(room)).json
    for value in (2**31, 2**63, 999):
        moved = api.patch(f"/bookings/{made['id']}", json={**booking(value)})
        assert moved.status_code == 422 and "room_id" in moved.json["error"]["fields"]


def test_the_booking_form_with_an_unknown_mediator_is_not_a_500(client, login, make):
    room = make.room()
    login("coordinator")
    response = client.post(
        "/rooms/book",
        data={
            "room_id": str(room),
            "day": DAY.isoformat(),
            "start": "10:00",
            "end": "11:00",
            "title": "调解",
            "mediator_id": "999999",
        },
    )
    assert response.status_code < 500
