"""Issue 13 item 3 in the browser: the clerk finds Hong Kong as 中国香港 under its own
heading 港澳台地区 in the country picker, saves, and the case page says 涉港澳台."""

import re

import pytest

from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _visible_groups(page):
    return page.eval_on_selector(
        "select[name=countries]",
        "s => Array.from(s.querySelectorAll('optgroup')).filter(g => !g.hidden).map(g => g.label)",
    )


def test_a_clerk_picks_hong_kong_and_the_case_says_hk_mo_tw(page, live_desk):
    base = live_desk.base
    log_in(page, base, "clerk@desk.test")
    page.goto(f"{base}/intake/new")
    assert _visible_groups(page) == ["中国", "港澳台地区", "其他国家"]
    page.fill("input.country-filter", "日本")
    page.wait_for_function("document.querySelectorAll('optgroup[hidden]').length == 2")
    assert _visible_groups(page) == ["其他国家"]  # headings over nothing are hidden
    page.fill("input.country-filter", "香港")
    page.press("input.country-filter", "Enter")
    assert "已选：中国香港" in page.inner_text(".chosen")
    chosen = page.eval_on_selector(
        "select[name=countries]", "s => Array.from(s.selectedOptions).map(o => o.value)"
    )
    assert chosen == ["HK"]

    page.fill("input[name=uscc]", "91330105MA2H000212")
    page.fill("input[name=enterprise_name]", "杭州拱墅丝绸进出口有限公司")
    page.fill("input[name=contact_name]", "沈会计")
    page.fill("input[name=phone]", "138 0571 9101")
    page.check("input[name=channel][value=walk_in]")
    page.select_option("select[name=category]", "cross_border_contracts")
    page.fill("input[name=summary]", "香港贸易融资公司拒付信用证项下款项纠纷")
    page.fill("textarea[name=description]", "对方以单证不符为由拒付。")
    page.fill("textarea[name=counterparties]", "Harbour Trade Finance Limited")
    page.click("text=保存并打印回执")
    page.wait_for_url(re.compile(r".*/receipt$"))
    page.click("text=打开案件")
    page.wait_for_url(re.compile(r".*/cases/LD-\d{4}-[0-9A-Z]{6}$"))
    heading = page.inner_text("h1")
    assert "涉港澳台" in heading and "涉外" not in heading
    assert "中国香港" in page.inner_text("dl.facts")
    screenshot(page, "case-hk-mo-tw")
