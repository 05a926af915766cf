"""The pages a clerk uses: intake, receipt, case list, case page, status changes."""

import re

import pytest
import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from tests.conftest import count

INTAKE_FORM = {
    "uscc": "91330105MA2H00010X",
    "enterprise_name": "杭州远航国际物流有限公司",
    "contact_name": "周经理",
    "phone": "138 0571 0001",
    "email": "",
    "channel": "phone",
    "category": "export_control",
    "countries": ["KZ"],
    "counterparties": "Steppe Trade LLP\n",
    "summary": "拟向某国出口前的法律风险咨询",
    "description": "即将出口物流设备。",
    "urgency": "urgent",
}


def test_intake_page_is_in_chinese_with_countries_by_name(client, login):
    login("intake")
    page = client.get("/intake/new").get_data(as_text=True)
    assert "新咨询登记" in page and "统一社会信用代码" in page
    assert '<option value="KZ">哈萨克斯坦</option>' in page
    assert "现场来访" in page and "出口管制与制裁" in page


def test_intake_saves_and_shows_the_receipt_once(app, client, login):
    login("intake")
    response = client.post("/intake/new", data=INTAKE_FORM)
    assert response.status_code == 302
    receipt_url = response.headers["Location"]
    assert "/receipt" in receipt_url
    receipt = client.get(receipt_url).get_data(as_text=True)
    reference = re.search(r'id="receipt-reference">([^<]+)<', receipt).group(1)
    code = re.search(r'id="receipt-code">([0-9A-Z]{5}-[0-9A-Z]{5})<', receipt).group(1)
    assert 'src="data:image/svg+xml' in receipt  # the QR code
    assert f"status?reference={reference}" in receipt
    again = client.get(receipt_url).get_data(as_text=True)
    assert code not in again  # the access code is shown once
    with app.app_context():
        case = db.session.scalars(sa.select(Consultation)).one()
        assert case.reference == reference and case.foreign_related
        assert case.contact.phone == "+8613805710001"
    status = client.get(f"/api/v1/status/{reference}?code={code.lower()}")
    assert status.status_code == 200


def test_intake_errors_are_shown_by_field_in_chinese_and_nothing_is_saved(app, client, login):
    login("intake")
    bad = {**INTAKE_FORM, "uscc": "91330105MA2H000101", "phone": "123", "summary": ""}
    response = client.post("/intake/new", data=bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "统一社会信用代码的校验位不正确。" in page
    assert "请输入有效的手机号码或固定电话号码。" in page
    assert "此项为必填项。" in page
    assert 'value="杭州远航国际物流有限公司"' in page  # what was typed is kept
    with app.app_context():
        assert count(Consultation) == 0


def test_enterprise_hint_names_open_cases(client, login, make):
    case = make.case()
    login("intake")
    known = client.get("/intake/enterprise?uscc=91330105ma2h00010x").json
    assert known["known"] and known["name"] == "杭州远航国际物流有限公司"
    assert [c["reference"] for c in known["open_cases"]] == [case.reference]
    assert client.get("/intake/enterprise?uscc=91330105MA2H000212").json == {
        "valid": True,
        "known": False,
    }
    assert client.get("/intake/enterprise?uscc=123").json["valid"] is False


def test_lawyers_cannot_open_the_intake_page(client, login):
    login("lawyer")
    assert client.get("/intake/new").status_code == 403


def test_case_list_filters_and_paginates(client, login, make):
    for i in range(23):
        make.case(summary=f"咨询 {i:02d}")
    make.case(summary="商标被抢注", category="overseas_ip")
    login("coordinator")
    first = client.get("/cases").get_data(as_text=True)
    assert "第 1 页，共 2 页" in first
    assert client.get("/cases?page=2").get_data(as_text=True).count("<tr>") == 1 + 4
    found = client.get("/cases?q=抢注").get_data(as_text=True)
    assert "商标被抢注" in found and "咨询 01" not in found
    by_category = client.get("/cases?category=overseas_ip").get_data(as_text=True)
    assert "商标被抢注" in by_category and "咨询 02" not in by_category
    empty = client.get("/cases?q=没有这种案件").get_data(as_text=True)
    assert "暂无案件。" in empty
    assert client.get("/cases?page=0").status_code == 422


def test_case_page_timeline_and_status_change(app, client, login, make):
    case = make.case()
    make.assign(case, make.lawyer(name="黄志强").id)
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "办理进程" in page and "新登记" in page and "黄志强" in page
    assert 'data-confirm="确定撤回此案件吗？撤回后，只有协调员可以说明理由后恢复办理。"' in page
    moved = client.post(
        f"/cases/{case.reference}/transition", data={"to": "routed", "note": "已分派"}
    )
    assert moved.status_code == 302
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "案件已转为“已分派”。" in page and "已分派" in page
    refused = client.post(f"/cases/{case.reference}/transition", data={"to": "closed"})
    assert refused.status_code == 409
    assert "案件不能从" in refused.get_data(as_text=True)


def test_a_lawyer_gets_404_for_a_case_not_theirs(client, login, make):
    case = make.case()
    login("lawyer")
    assert client.get(f"/cases/{case.reference}").status_code == 404
    assert client.get(f"/cases/{case.reference}/receipt").status_code == 404
    assert (
        client.post(f"/cases/{case.reference}/transition", data={"to": "withdrawn"}).status_code
        == 404
    )


def test_english_on_request(client, login):
    login("intake")
    page = client.get("/intake/new", headers={"Accept-Language": "en-GB,en;q=0.8"})
    text = page.get_data(as_text=True)
    assert "New consultation" in text and "Unified social credit code" in text
    assert "Kazakhstan" in text


def test_the_user_can_pick_a_language(client, login):
    login("intake")
    client.post("/lang/en", data={"next": "/cases"})
    assert "Cases" in client.get("/cases").get_data(as_text=True)
    assert "暂无案件" not in client.get("/cases").get_data(as_text=True)
    client.post("/lang/zh_CN", data={"next": "/cases"})
    assert "暂无案件。" in client.get("/cases").get_data(as_text=True)


@pytest.mark.parametrize("path", ["/", "/intake/new", "/cases", "/status", "/login"])
def test_pages_have_no_inline_script_or_style(client, login, path):
    if path != "/login":
        login("coordinator")
    response = client.get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert " style=" not in page and "onclick=" not in page.lower()


def test_submitting_the_same_form_twice_records_one_case(app, client, login):
    login("intake")
    page = client.get("/intake/new").get_data(as_text=True)
    key = re.search(r'name="intake_key" type="hidden" value="([0-9a-f]{32})"', page).group(1)
    first = client.post("/intake/new", data={**INTAKE_FORM, "intake_key": key})
    second = client.post("/intake/new", data={**INTAKE_FORM, "intake_key": key})
    assert first.headers["Location"] == second.headers["Location"]
    receipt = client.get(second.headers["Location"]).get_data(as_text=True)
    assert "该咨询已保存，未重复登记。" in receipt
    assert re.search(r'id="receipt-code">[0-9A-Z]{5}-[0-9A-Z]{5}<', receipt)
    with app.app_context():
        assert count(Consultation) == 1
    fresh = client.get("/intake/new").get_data(as_text=True)
    assert key not in fresh  # a new blank form gets a new key


def test_coordinators_see_who_read_or_changed_a_case(client, login, make):
    case = make.case()
    make.assign(case, make.lawyer().id)
    clerk = login("intake")
    client.get(f"/cases/{case.reference}")
    assert "查阅与变更记录" not in client.get(f"/cases/{case.reference}").get_data(as_text=True)
    client.get(f"/api/v1/status/{case.reference}?code=WRONGWRONG")
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    trail = page.split("查阅与变更记录", 1)[1]
    assert clerk.name in trail and "查阅" in trail and "登记" in trail
    assert "查询码错误的进度查询" in trail
