"""What Chinese users type into the case search finds the cases it should, on every
database (issue 14): two-character and longer words, references and credit codes
(whole or begun), enterprise names, pinyin initials word by word, traditional and
full-width forms; newest first; a lawyer's search stays within their cases."""

from types import SimpleNamespace

import pytest

from tests.conftest import NOW

LOGISTICS = {"name": "杭州远航国际物流有限公司", "uscc": "91330105MA2H00010X"}
SILK = {"name": "杭州拱墅丝绸進出口有限公司", "uscc": "91330105MA2H000212"}  # 進: traditional
HARDWARE = {"name": "ＡＣＭＥ五金制品厂", "uscc": "92330105MA2H00087P"}  # full width


@pytest.fixture
def desk(make, api_as):
    """Four cases, recorded in this order (so the last is the newest)."""
    clerk = make.user("intake")
    cases = [
        make.case(clerk, enterprise=LOGISTICS, summary="出口美国的合同审查", description=""),
        make.case(
            clerk,
            enterprise=SILK,
            summary="商标在日本被搶注",  # 搶: traditional
            description="货款未付，另有纠纷。",  # 货款 and 纠纷, but never 货款纠纷
            countries=["JP"],
        ),
        make.case(
            clerk,
            enterprise=HARDWARE,
            summary="货款纠纷",
            description="Overdue payment from ACME Corp, 100% unpaid",
            countries=[],
            counterparties=[],
        ),
        make.case(clerk, enterprise=LOGISTICS, summary="海外仓租赁合同", description=""),
    ]
    return SimpleNamespace(cases=cases, clerk=clerk, api=api_as("coordinator"))


def found(desk, query):
    response = desk.api.get("/consultations", query_string={"q": query, "per_page": 100})
    assert response.status_code == 200, response.json
    assert response.json["total"] == len(response.json["items"])
    return [item["reference"] for item in response.json["items"]]


def refs(desk, *numbers):
    """References of the desk's cases by number, newest first (the search's order)."""
    return [desk.cases[n].reference for n in sorted(numbers, reverse=True)]


def test_two_character_and_longer_words(desk):
    assert found(desk, "合同") == refs(desk, 0, 3)  # newest first among equals
    assert found(desk, "出口") == refs(desk, 0, 1)  # 出口: the summary; 进出口: a name
    assert found(desk, "美国") == refs(desk, 0)
    assert found(desk, "货款纠纷") == refs(desk, 2)  # not the case with 货款… and …纠纷
    assert found(desk, "海外仓租赁") == refs(desk, 3)
    assert found(desk, "合同 海外") == refs(desk, 3)  # every word of the search
    assert found(desk, "仓") == refs(desk, 3)  # a single character
    assert found(desk, "没有这种案件") == []


def test_references_whole_and_begun(desk):
    reference = desk.cases[1].reference  # LD-2026-XXXXXX
    random_part = reference.rsplit("-", 1)[1]
    assert found(desk, reference) == [reference]
    assert found(desk, reference.lower()) == [reference]
    assert found(desk, random_part) == [reference]
    assert reference in found(desk, random_part[:4])  # begun: the last word is a prefix
    assert found(desk, "LD-2026") == refs(desk, 0, 1, 2, 3)


def test_credit_codes_and_enterprise_names(desk):
    assert found(desk, "91330105MA2H000212") == refs(desk, 1)
    assert found(desk, "91330105ma2h00010x") == refs(desk, 0, 3)
    assert found(desk, "92330105") == refs(desk, 2)  # the beginning of a code
    assert found(desk, "远航国际") == refs(desk, 0, 3)
    assert found(desk, "拱墅丝绸") == refs(desk, 1)


def test_pinyin_initials_word_by_word(desk):
    assert found(desk, "yhwl") == refs(desk, 0, 3)  # 远航 … 物流, apart in the name
    assert found(desk, "hzyh") == refs(desk, 0, 3)  # a run of the name
    assert found(desk, "HZ WL") == refs(desk, 0, 3)
    assert found(desk, "yhw") == refs(desk, 0, 3)  # 远航 and a word beginning with w
    assert found(desk, "scjck") == refs(desk, 1)  # 丝绸進出口: the name's traditional 進
    assert found(desk, "wjzp") == refs(desk, 2)  # 五金制品 after Latin letters
    assert found(desk, "hgdgwz") == []


def test_traditional_and_simplified_fold_together(desk):
    assert found(desk, "遠航") == refs(desk, 0, 3)  # typed traditional, stored simplified
    assert found(desk, "进出口") == refs(desk, 1)  # typed simplified, stored 進出口
    assert found(desk, "抢注") == refs(desk, 1)  # stored 搶注
    assert found(desk, "貨款糾紛") == refs(desk, 2)


def test_full_width_half_width_and_case_fold_together(desk):
    assert found(desk, "acme") == refs(desk, 2)  # stored ＡＣＭＥ (name) and ACME (text)
    assert found(desk, "ＡＣＭＥ") == refs(desk, 2)
    assert found(desk, "Ｏｖｅｒｄｕｅ") == refs(desk, 2)
    assert found(desk, "ｙｈｗｌ") == refs(desk, 0, 3)
    assert found(desk, "ＬＤ－２０２６") == refs(desk, 0, 1, 2, 3)


def test_signs_alone_are_looked_up_as_signs(desk):
    assert found(desk, "100%") == refs(desk, 2)
    assert found(desk, "%") == refs(desk, 2)
    assert found(desk, "，") == refs(desk, 1, 2)  # full-width comma: ，and , alike
    assert found(desk, "#") == []


def test_a_lawyers_search_sees_only_their_cases(desk, make, api_as):
    lawyer_user = make.user("lawyer")
    make.assign(desk.cases[0], lawyer_user.lawyer_id)
    mine = api_as(lawyer_user).get("/consultations", query_string={"q": "合同"}).json
    assert [item["reference"] for item in mine["items"]] == refs(desk, 0)
    assert mine["total"] == 1


def test_a_correction_is_searchable_at_once(desk, make):
    case = desk.cases[3]
    assert (
        desk.api.patch(
            f"/consultations/{case.reference}", json={"summary": "跨境电商平台封店"}
        ).status_code
        == 200
    )
    assert found(desk, "封店") == [case.reference]
    assert found(desk, "海外仓") == []  # the old summary is gone from the index
    assert found(desk, "合同") == refs(desk, 0)


def test_a_new_intake_is_searchable_at_once(desk, make):
    newest = make.case(desk.clerk, summary="数据出境安全评估", now=NOW)
    assert found(desk, "出境") == [newest.reference]
    assert found(desk, "yhwl")[0] == newest.reference  # the default enterprise is 远航
