"""涉港澳台 on the case (issue 13 item 3): intake and correction store it apart from
涉外; the case page, the list row and the API say which; the list filters by it."""

import re

import sqlalchemy as sa

from legaldesk.cases import correction
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from tests.conftest import NOW, create_case, create_user

HK_FINANCE = {"countries": ["HK"], "counterparties": ["Harbour Trade Finance Ltd"]}


def test_intake_stores_hk_mo_tw_apart_from_foreign_related(ctx):
    hk, _ = create_case(**HK_FINANCE)
    both, _ = create_case(countries=["TW", "JP"], counterparties=[])
    domestic, _ = create_case(countries=["CN"], counterparties=["宁波东港贸易有限公司"])
    foreign, _ = create_case()  # Kazakhstan
    flags = lambda c: (c.foreign_related, c.hk_mo_tw)  # noqa: E731
    assert flags(hk) == (False, True)
    assert flags(both) == (True, True)
    assert flags(domestic) == (False, False)
    assert flags(foreign) == (True, False)


def test_a_correction_recomputes_both_flags(ctx):
    case, _ = create_case(countries=["CN"], counterparties=["北方贸易"])
    clerk = create_user()
    correction.correct_case(db.session, clerk, NOW, case, {"countries": ["mo"]})
    assert (case.foreign_related, case.hk_mo_tw) == (False, True)
    correction.correct_case(db.session, clerk, NOW, case, {"countries": ["MO", "US"]})
    assert (case.foreign_related, case.hk_mo_tw) == (True, True)
    correction.correct_case(db.session, clerk, NOW, case, {"countries": ["KZ"]})
    assert (case.foreign_related, case.hk_mo_tw) == (True, False)


def test_the_api_case_says_hk_mo_tw_beside_foreign_related(make, api_as):
    api = api_as("intake")
    created = api.post(
        "/consultations",
        json={
            "enterprise": {"name": "杭州远航国际物流有限公司", "uscc": "91330105MA2H00010X"},
            "contact": {"name": "周经理", "phone": "13805710001"},
            "channel": "phone",
            "category": "cross_border_contracts",
            "countries": ["TW"],
            "counterparties": ["台积精密股份有限公司"],
            "summary": "台湾供应商合同争议",
            "description": "供货合同质量条款争议。",
            "urgency": "normal",
        },
    )
    assert created.status_code == 201, created.json
    assert created.json["foreign_related"] is False and created.json["hk_mo_tw"] is True
    body = api_as("coordinator").get(f"/consultations/{created.json['reference']}").json
    assert (body["foreign_related"], body["hk_mo_tw"]) == (False, True)
    listed = api_as("coordinator").get("/consultations").json["items"][0]
    assert listed["hk_mo_tw"] is True


def test_the_list_filters_by_region_in_the_api_and_on_the_page(make, api_as, client, login):
    clerk = make.user("intake")
    hk = make.case(clerk, summary="香港贸易融资纠纷", **HK_FINANCE)
    both = make.case(clerk, summary="台湾日本", countries=["TW", "JP"], counterparties=[])
    kz = make.case(clerk, summary="哈萨克斯坦出口")
    make.case(clerk, summary="国内纠纷", countries=[], counterparties=[])
    api = api_as("coordinator")

    def refs(region):
        answer = api.get(f"/consultations?region={region}")
        assert answer.status_code == 200, answer.json
        return {item["reference"] for item in answer.json["items"]}

    assert refs("hk_mo_tw") == {hk.reference, both.reference}
    assert refs("foreign") == {kz.reference, both.reference}
    assert len(refs("")) == 4
    bad = api.get("/consultations?region=mars")
    assert bad.status_code == 422 and "region" in bad.json["error"]["fields"]
    login("coordinator")
    page = client.get("/cases?region=hk_mo_tw").get_data(as_text=True)
    assert hk.reference in page and kz.reference not in page
    assert '<option value="hk_mo_tw" selected>涉港澳台</option>' in page
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{hk.reference}.*?</tr>", page, re.S).group(0)
    assert "涉港澳台" in row and "涉外" not in row
    row = re.search(rf"<tr[^>]*>(?:(?!</tr>).)*{both.reference}.*?</tr>", page, re.S).group(0)
    assert "涉港澳台" in row and "涉外" in row


def test_the_case_page_says_hk_mo_tw_and_names_the_region(make, client, login):
    case = make.case(**HK_FINANCE)
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    heading = page.split("</h1>", 1)[0]
    assert "涉港澳台" in heading and "涉外" not in heading
    assert "中国香港" in page and "特别行政区" not in page
    english = client.get(f"/cases/{case.reference}", headers={"Accept-Language": "en"})
    assert "Hong Kong, China" in english.get_data(as_text=True)


def test_the_region_picker_groups_hong_kong_macao_and_taiwan_after_china(client, login):
    login("intake")
    page = client.get("/intake/new").get_data(as_text=True)
    groups = re.findall(r'<optgroup label="([^"]+)">', page)
    assert groups[:3] == ["中国", "港澳台地区", "其他国家"]
    regions = page.split('<optgroup label="港澳台地区">', 1)[1].split("</optgroup>", 1)[0]
    assert re.findall(r">([^<]+)</option>", regions) == ["中国香港", "中国澳门", "中国台湾"]
    assert '<option value="KZ">哈萨克斯坦</option>' in page
    assert "台湾</option>" not in page.replace("中国台湾</option>", "")


def test_stored_flags_are_what_the_rows_say(ctx):
    create_case(**HK_FINANCE)
    row = db.session.execute(sa.select(Consultation.foreign_related, Consultation.hk_mo_tw)).one()
    assert tuple(row) == (False, True)
