"""The lawyer directory names things (issue 13, item 5): jurisdictions by country or
region name in the reader's language, specialties by category label, firms by name,
never by code or number, in the list and on the lawyer's page, whose pickers offer
names; unknown codes sent anyway are field errors."""

from __future__ import annotations

import re

from legaldesk.db import db
from legaldesk.routing.models import Firm, Lawyer


def _firm(make, name="浙江涉外律师事务所", name_en="Zhejiang Foreign Law Firm"):
    def build():
        firm = Firm(name=name, name_en=name_en)
        db.session.add(firm)
        db.session.commit()
        return firm.id

    return make.run(build)


def _cells(page: str, lawyer_name: str) -> str:
    row = re.search(rf"<tr><td><a [^>]*>{lawyer_name}</a>.*?</tr>", page, re.S)
    assert row, page
    return row.group(0)


def test_the_list_names_jurisdictions_specialties_and_firms(client, login, make):
    firm = _firm(make)
    make.lawyer(
        name="王律师",
        kind="firm_lawyer",
        firm_id=firm,
        jurisdictions=["US", "KZ", "EU"],
        specialties=["export_control", "overseas_ip"],
    )
    login("coordinator")
    row = _cells(client.get("/directory").get_data(as_text=True), "王律师")
    assert "美国" in row and "哈萨克斯坦" in row and "欧盟" in row
    assert "出口管制与制裁" in row and "海外知识产权" in row
    assert "浙江涉外律师事务所" in row
    assert "KZ" not in row and "export_control" not in row


def test_the_lawyers_page_offers_names_and_keeps_a_retired_specialty(
    app, client, login, make, api_as
):
    lawyer = make.lawyer(
        name="李律师", jurisdictions=["JP", "ASEAN"], specialties=["credit_repair"]
    )
    api_as("coordinator").patch("/categories/credit_repair", json={"active": False})
    login("coordinator")
    page = client.get(f"/directory/lawyers/{lawyer.id}").get_data(as_text=True)
    assert re.search(r'<option value="JP" selected>日本</option>', page)
    assert re.search(r'<option value="ASEAN" selected>东盟</option>', page)
    assert re.search(r'<option value="US">美国</option>', page)
    assert 'value="credit_repair" checked' in page and "信用修复" in page
    saved = client.post(
        f"/directory/lawyers/{lawyer.id}",
        data={
            "name": "李律师",
            "kind": "panel_expert",
            "jurisdictions": ["JP", "KR"],
            "specialties": ["credit_repair", "overseas_ip"],
            "languages": "zh, ja",
            "capacity": "5",
            "active": "1",
        },
    )
    assert saved.status_code == 302, saved.get_data(as_text=True)
    with app.app_context():
        stored = db.session.get(Lawyer, lawyer.id)
        assert stored.jurisdictions == ["JP", "KR"]
        assert stored.specialties == ["credit_repair", "overseas_ip"]


def test_unknown_codes_are_field_errors_in_chinese(app, client, login, make):
    lawyer = make.lawyer(name="赵律师")
    login("coordinator")
    refused = client.post(
        f"/directory/lawyers/{lawyer.id}",
        data={
            "name": "赵律师",
            "kind": "panel_expert",
            "jurisdictions": ["XX", "US"],
            "specialties": ["astrology"],
            "languages": "zh",
            "capacity": "5",
        },
    )
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert "未知的国家或地区代码" in page or "XX" in page
    assert page.count('class="error"') >= 2
    assert re.search(r'<option value="US" selected>美国</option>', page)  # kept as chosen
    other_retired = client.post(
        f"/directory/lawyers/{lawyer.id}",
        data={
            "name": "赵律师",
            "kind": "panel_expert",
            "jurisdictions": ["US"],
            "specialties": ["credit_repair"],
            "languages": "zh",
            "capacity": "5",
        },
    )
    assert other_retired.status_code == 302  # still offered: not retired yet
