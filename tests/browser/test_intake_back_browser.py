"""Issue 12 item 8 in a real browser: a clerk saves an intake, presses Back, finds
every field as typed (the credit code too), sends it again, and is warned that the
case is recorded already instead of silently making a second one."""

import re

import pytest

from tests.browser.conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TYPED = {
    "input[name=uscc]": "91330105MA2H00010X",
    "input[name=enterprise_name]": "杭州远航国际物流有限公司",
    "input[name=contact_name]": "周经理",
    "input[name=phone]": "138 0571 0001",
    "input[name=email]": "zhou@example.com",
    "input[name=summary]": "拟向某国出口前的法律风险咨询",
    "textarea[name=description]": "即将出口一批物流设备，咨询出口管制与制裁风险。",
    "textarea[name=counterparties]": "Steppe Trade LLP",
}


def _fill(page):
    for selector, value in TYPED.items():
        page.fill(selector, value)
    page.check("input[name=channel][value=phone]")
    page.select_option("select[name=category]", "export_control")
    page.select_option("select[name=countries]", ["KZ"])
    page.check("input[name=urgency][value=urgent]")


def _assert_as_typed(page):
    for selector, value in TYPED.items():
        assert page.input_value(selector) == value, selector
    assert page.is_checked("input[name=channel][value=phone]")
    assert page.input_value("select[name=category]") == "export_control"
    chosen = page.eval_on_selector(
        "select[name=countries]", "s => Array.from(s.selectedOptions).map(o => o.value)"
    )
    assert chosen == ["KZ"]
    assert page.is_checked("input[name=urgency][value=urgent]")


def test_back_keeps_every_field_and_a_resubmission_warns(page, live_desk):
    base = live_desk.base
    log_in(page, base, "clerk@desk.test")
    page.goto(base + "/intake/new")
    _fill(page)
    page.click("text=保存并打印回执")
    page.wait_for_url(re.compile(r".*/receipt$"))
    first = page.inner_text("#receipt-reference").strip()

    page.go_back()
    page.wait_for_url(base + "/intake/new")
    page.wait_for_load_state()
    _assert_as_typed(page)  # the credit code too

    page.click("text=保存并打印回执")  # the clerk sends it again
    warning = page.locator("#possible-duplicates")
    warning.wait_for(state="visible")
    assert first in warning.inner_text()
    assert "新登记" in warning.inner_text()
    assert page.locator(f"#possible-duplicates a[href='/cases/{first}']").is_visible()
    _assert_as_typed(page)  # nothing typed is lost
    screenshot(page, "intake-duplicate-warning")

    page.click("#record-anyway")  # a new matter after all: the clerk records it
    page.wait_for_url(re.compile(r".*/receipt$"))
    assert page.inner_text("#receipt-reference").strip() != first
