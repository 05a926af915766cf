"""The front desk as a clerk uses it: the logistics export-risk call, from login to the
printed receipt, and the enterprise opening its status from the receipt's link."""

import re
import time

import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def log_in(page, base):
    page.goto(base + "/login")
    page.fill("input[name=email]", "clerk@desk.test")
    page.fill("input[name=password]", "password123")
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/")


def record_logistics_call(page, base):
    page.click("text=新咨询登记")
    page.wait_for_url(base + "/intake/new")
    page.fill("input[name=uscc]", "91330105MA2H00010X")
    page.fill("input[name=enterprise_name]", "杭州远航国际物流有限公司")
    page.fill("input[name=contact_name]", "周经理")
    page.fill("input[name=phone]", "138 0571 0001")
    page.check("input[name=channel][value=phone]")
    page.select_option("select[name=category]", "export_control")
    page.fill("input.country-filter", "哈萨克")
    page.press("input.country-filter", "Enter")
    assert "已选：哈萨克斯坦" in page.inner_text(".chosen")
    page.fill("input[name=summary]", "拟向某国出口前的法律风险咨询")
    page.fill("textarea[name=description]", "即将出口一批物流设备，咨询出口管制与制裁风险。")
    page.fill("textarea[name=counterparties]", "Steppe Trade LLP")
    page.check("input[name=urgency][value=urgent]")
    page.dblclick("text=保存并打印回执")  # a hurried clerk; still one case
    page.wait_for_url(re.compile(r".*/receipt$"))


def test_logistics_call_to_printed_receipt_to_status(browser, page, live_desk):
    base = live_desk.base
    started = time.monotonic()
    log_in(page, base)
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    record_logistics_call(page, base)
    elapsed = time.monotonic() - started

    reference = page.inner_text("#receipt-reference").strip()
    code = page.inner_text("#receipt-code").strip()
    assert re.fullmatch(r"LD-\d{4}-[0-9A-Z]{6}", reference)
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", code)
    qr = page.locator(".qr img")
    assert qr.is_visible() and qr.get_attribute("src").startswith("data:image/svg+xml")
    assert page.locator("text=咨询登记回执").is_visible()
    screenshot(page, "receipt")
    page.emulate_media(media="print")
    assert not page.locator("header.topbar").is_visible()  # the receipt prints alone
    page.emulate_media(media="screen")
    assert elapsed < 120

    status_link = re.search(
        r"(https?://\S+/status\?reference=\S+?)[，,。\s]", page.inner_text(".receipt")
    ).group(1)
    enterprise = browser.new_context(locale="zh-CN").new_page()
    enterprise.goto(status_link.replace("http://localhost", base))
    assert enterprise.input_value("input[name=reference]") == reference
    enterprise.fill("input[name=code]", code.lower())
    enterprise.click("main button[type=submit]")
    result = enterprise.inner_text("#status-result")
    assert "新登记" in result and "周经理" not in result and "林晓" not in result
    screenshot(enterprise, "status")
    enterprise.context.close()


def test_second_call_from_the_same_enterprise_shows_the_open_case(page, live_desk):
    base = live_desk.base
    log_in(page, base)
    record_logistics_call(page, base)
    first = page.inner_text("#receipt-reference").strip()
    page.goto(base + "/intake/new")
    page.fill("input[name=uscc]", "91330105ma2h00010x")
    page.locator("input[name=uscc]").blur()
    hint = page.locator("#enterprise-hint")
    hint.wait_for(state="visible")
    assert first in hint.inner_text()
    assert hint.inner_text().count("LD-") == 1  # the double click recorded one case
    assert page.input_value("input[name=enterprise_name]") == "杭州远航国际物流有限公司"


def test_a_wrong_credit_code_is_marked_at_the_field(page, live_desk):
    base = live_desk.base
    log_in(page, base)
    page.goto(base + "/intake/new")
    page.fill("input[name=uscc]", "91330105MA2H000101")
    page.locator("input[name=uscc]").blur()
    page.locator("#enterprise-hint").wait_for(state="visible")
    assert "校验位不正确" in page.inner_text("#enterprise-hint")
    page.click("text=保存并打印回执")
    assert "校验位不正确" in page.inner_text(".field.has-error")
    assert page.input_value("input[name=uscc]") == "91330105MA2H000101"
