"""Categories and closing codes kept in pages (issue 13, item 5): add with a checked
code, rename in both languages, reorder, retire and reinstate. A retired entry leaves
the intake, correction and closing forms, while old cases keep showing its label
everywhere and the list's filter still accepts it. On every database."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.cases import reference
from legaldesk.cases.models import Category, ClosingCode, Consultation
from legaldesk.cases.reference_rules import CodeTaken
from legaldesk.db import db
from legaldesk.errors import Forbidden, ValidationFailed
from tests.conftest import NOW, create_user

# --- the service -------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind,code,problem",
    [
        ("categories", "Trade Fairs", "code"),
        ("categories", "贸易", "code"),
        ("categories", "9fairs", "code"),
        ("categories", "", "code"),
        ("categories", "x" * 41, "code"),
        ("closing-codes", "a", "code"),
        ("closing-codes", "AB", "code"),
        ("closing-codes", "1", "code"),
        ("closing-codes", "Ä", "code"),
    ],
)
def test_codes_are_checked_with_a_field_error(ctx, kind, code, problem):
    coordinator = create_user("coordinator")
    with pytest.raises(ValidationFailed) as error:
        reference.add(
            db.session, coordinator, NOW, kind, {"code": code, "label_zh": "某", "label_en": "X"}
        )
    assert problem in error.value.fields


def test_labels_are_required_in_both_languages(ctx):
    with pytest.raises(ValidationFailed) as error:
        reference.add(
            db.session, create_user("admin"), NOW, "categories", {"code": "fairs", "label_zh": " "}
        )
    assert set(error.value.fields) == {"label_zh", "label_en"}


def test_a_taken_code_is_a_conflict(ctx):
    with pytest.raises(CodeTaken):
        reference.add(
            db.session,
            create_user("coordinator"),
            NOW,
            "closing-codes",
            {"code": "A", "label_zh": "重复", "label_en": "Again"},
        )


def test_only_managers_keep_reference_data(ctx):
    with pytest.raises(Forbidden):
        reference.add(
            db.session,
            create_user("intake"),
            NOW,
            "categories",
            {"code": "fairs", "label_zh": "境外展会", "label_en": "Trade fairs"},
        )


def test_every_change_is_audited(ctx):
    coordinator = create_user("coordinator")
    fairs = reference.add(
        db.session,
        coordinator,
        NOW,
        "categories",
        {"code": "fairs", "label_zh": "境外展会", "label_en": "Trade fairs", "foreign": True},
    )
    assert (fairs.active, fairs.foreign) == (True, True)
    assert fairs.position > max(
        c.position for c in db.session.scalars(sa.select(Category)) if c.code != "fairs"
    )
    reference.rename(
        db.session, coordinator, NOW, "categories", fairs, {"label_zh": "展会", "label_en": "Fairs"}
    )
    reference.move(db.session, coordinator, NOW, "categories", fairs, "up")
    reference.set_active(db.session, coordinator, NOW, "categories", fairs, False)
    reference.set_active(db.session, coordinator, NOW, "categories", fairs, True)
    actions = db.session.scalars(
        sa.select(AuditEntry.action).where(AuditEntry.object_id == "fairs").order_by(AuditEntry.id)
    ).all()
    assert actions == [
        "category.add",
        "category.rename",
        "category.reorder",
        "category.retire",
        "category.reinstate",
    ]
    renamed = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.action == "category.rename")
    ).one()
    assert json.loads(renamed.detail)["label_zh"] == ["境外展会", "展会"]


def test_moving_up_swaps_with_the_one_before(ctx):
    coordinator = create_user("coordinator")
    before = [c.code for c in reference.entries(db.session, "closing-codes")]
    reference.move(
        db.session, coordinator, NOW, "closing-codes", db.session.get(ClosingCode, "C"), "up"
    )
    after = [c.code for c in reference.entries(db.session, "closing-codes")]
    i = before.index("C")
    assert after[i - 1 : i + 1] == ["C", before[i - 1]]
    first = db.session.get(ClosingCode, after[0])
    reference.move(db.session, coordinator, NOW, "closing-codes", first, "up")  # stays first
    assert reference.entries(db.session, "closing-codes")[0].code == after[0]


# --- the API -----------------------------------------------------------------------


def test_api_lists_retired_categories_with_active_and_keeps_the_contract_names(app, api_as):
    coordinator = api_as("coordinator")
    answer = coordinator.patch("/categories/credit_repair", json={"active": False})
    assert answer.status_code == 200, answer.json
    assert answer.json["active"] is False
    listed = {c["code"]: c for c in api_as("intake").get("/categories").json}
    assert listed["credit_repair"]["active"] is False
    assert listed["export_control"]["active"] is True
    assert {"code", "label", "label_zh", "label_en", "foreign", "active"} <= set(
        listed["export_control"]
    )
    codes = {c["code"]: c for c in api_as("intake").get("/closing-codes").json}
    assert codes["A"]["active"] is True


def test_api_adds_and_renames_and_refuses_what_is_wrong(app, api_as):
    coordinator = api_as("coordinator", language="zh-CN")
    made = coordinator.post(
        "/categories", json={"code": "fairs", "label_zh": "境外展会", "label_en": "Trade fairs"}
    )
    assert made.status_code == 201, made.json
    assert made.json["code"] == "fairs" and made.json["active"] is True
    again = coordinator.post(
        "/categories", json={"code": "fairs", "label_zh": "再来", "label_en": "Again"}
    )
    assert again.status_code == 409
    assert again.json["error"]["code"] == "code_taken"
    assert "fairs" in again.json["error"]["message"]
    bad = coordinator.post("/closing-codes", json={"code": "zz", "label_zh": "", "label_en": 3})
    assert bad.status_code == 422
    assert set(bad.json["error"]["fields"]) == {"code", "label_zh", "label_en"}
    assert "大写" in bad.json["error"]["fields"]["code"][0]
    renamed = coordinator.patch("/closing-codes/K", json={"label_zh": "其他结果"})
    assert renamed.status_code == 200 and renamed.json["label_zh"] == "其他结果"
    assert coordinator.patch("/closing-codes/Q", json={"active": False}).status_code == 404
    assert coordinator.patch("/categories/fairs", json={"active": "no"}).status_code == 422
    assert (
        api_as("intake")
        .post("/categories", json={"code": "x", "label_zh": "某", "label_en": "X"})
        .status_code
        == 403
    )
    assert api_as("lawyer").patch("/categories/fairs", json={"active": False}).status_code == 403


# --- retiring never breaks old cases -------------------------------------------------


def _close(make, case, code):
    def do():
        stored = db.session.get(Consultation, case.id)
        stored.status, stored.closing_code = "closed", code

        db.session.commit()

    make.run(do)


def test_retired_entries_leave_the_forms_but_old_cases_keep_their_labels(
    app, client, login, make, api_as
):
    old = make.case(category="credit_repair")
    closed = make.case(category="overseas_ip")
    _close(make, closed, "L")
    coordinator = api_as("coordinator")
    assert coordinator.patch("/categories/credit_repair", json={"active": False}).status_code == 200
    assert coordinator.patch("/closing-codes/L", json={"active": False}).status_code == 200
    login("coordinator")

    intake = client.get("/intake/new").get_data(as_text=True)
    assert "信用修复" not in intake and "出口管制与制裁" in intake
    case_page = client.get(f"/cases/{old.reference}").get_data(as_text=True)
    assert "信用修复" in case_page
    assert 'value="L"' not in case_page  # the closing form no longer offers L
    correct = client.get(f"/cases/{old.reference}/correct").get_data(as_text=True)
    assert "信用修复" in correct  # the case's own category stays choosable
    other = make.case(category="overseas_ip")
    assert "信用修复" not in client.get(f"/cases/{other.reference}/correct").get_data(as_text=True)
    assert "L · 深度服务" in client.get(f"/cases/{closed.reference}").get_data(as_text=True)

    listing = client.get("/cases?category=credit_repair").get_data(as_text=True)
    assert old.reference in listing and other.reference not in listing
    assert "信用修复" in listing  # the filter still offers it (marked retired)
    api = api_as("intake")
    assert api.get(f"/consultations/{old.reference}").json["category_label"] == "信用修复"
    assert api.get("/consultations?category=credit_repair").json["total"] == 1
    refused = api.post(
        "/consultations",
        json={
            "enterprise": {"name": "杭州某公司", "uscc": "91330105MA2H00010X"},
            "contact": {"name": "周经理", "phone": "13805710001"},
            "channel": "phone",
            "category": "credit_repair",
            "countries": [],
            "counterparties": [],
            "summary": "信用修复咨询",
            "description": "",
            "urgency": "normal",
        },
    )
    assert refused.status_code == 422 and "category" in refused.json["error"]["fields"]


def test_a_retired_closing_code_cannot_close_a_case(app, make, api_as):
    case = make.case()

    def advised():
        db.session.get(Consultation, case.id).status = "advised"
        db.session.commit()

    make.run(advised)
    coordinator = api_as("coordinator")
    coordinator.patch("/closing-codes/B", json={"active": False})
    refused = coordinator.post(
        f"/consultations/{case.reference}/transitions", json={"to": "closed", "closing_code": "B"}
    )
    assert refused.status_code == 422 and "closing_code" in refused.json["error"]["fields"]
    done = coordinator.post(
        f"/consultations/{case.reference}/transitions", json={"to": "closed", "closing_code": "A"}
    )
    assert done.status_code == 200, done.json


def test_a_rename_shows_at_once_on_every_page(app, client, login, make, api_as):
    case = make.case(category="overseas_ip")
    _close(make, case, "A")
    login("coordinator")
    assert "海外知识产权" in client.get(f"/cases/{case.reference}").get_data(as_text=True)
    client.post(
        "/settings/categories/overseas_ip",
        data={"label_zh": "境外知识产权保护", "label_en": "IP abroad"},
    )
    client.post(
        "/settings/closing-codes/A", data={"label_zh": "法律咨询意见", "label_en": "Advice given"}
    )
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "境外知识产权保护" in page and "A · 法律咨询意见" in page
    assert "境外知识产权保护" in client.get("/cases").get_data(as_text=True)
    assert "境外知识产权保护" in client.get("/intake/new").get_data(as_text=True)
    api = api_as("intake", language="en")
    assert api.get(f"/consultations/{case.reference}").json["category_label"] == "IP abroad"


# --- the pages -----------------------------------------------------------------------


def test_the_pages_add_with_field_errors_in_chinese_and_retire_with_confirmation(
    app, client, login
):
    login("admin")
    page = client.get("/settings/categories")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "出口管制与制裁" in text and "data-confirm" in text
    refused = client.post(
        "/settings/categories", data={"code": "Trade Fairs", "label_zh": "", "label_en": "Fairs"}
    )
    assert refused.status_code == 422
    body = refused.get_data(as_text=True)
    assert "小写" in body and 'value="Trade Fairs"' in body
    made = client.post(
        "/settings/categories",
        data={"code": "fairs", "label_zh": "境外展会", "label_en": "Trade fairs", "foreign": "1"},
    )
    assert made.status_code == 302
    taken = client.post(
        "/settings/categories", data={"code": "fairs", "label_zh": "又一个", "label_en": "More"}
    )
    assert taken.status_code == 409 and "已被使用" in taken.get_data(as_text=True)
    client.post("/settings/categories/fairs/retire")
    with app.app_context():
        assert db.session.get(Category, "fairs").active is False
    client.post("/settings/categories/fairs/reinstate")
    with app.app_context():
        assert db.session.get(Category, "fairs").active is True
    codes = client.get("/settings/closing-codes").get_data(as_text=True)
    assert "深度服务" in codes


@pytest.mark.parametrize("role", ["intake", "lawyer"])
def test_other_roles_may_not_open_the_pages(client, login, role):
    login(role)
    assert client.get("/settings/categories").status_code == 403
    assert client.post("/settings/closing-codes/A/retire").status_code == 403
    assert "/settings/categories" not in client.get("/cases").get_data(as_text=True)


def test_the_navigation_offers_the_pages_to_managers(client, login):
    login("coordinator")
    assert "/settings/categories" in client.get("/cases").get_data(as_text=True)
