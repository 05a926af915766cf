"""Issue 12's walk of the advice: the lawyer gives the advice on the case page (an
empty opinion first: the error, nothing lost) and records the follow-up's loss
avoided; the enterprise reads the advice in its account and confirms the loss (a
bad amount first: the error in its language)."""

import pytest

from legaldesk.cases.service import transition
from legaldesk.clock import zone_named
from legaldesk.db import db
from tests.browser.conftest import log_in, screenshot
from tests.conftest import NOW, create_case, create_lawyer, create_user, fresh_sqlite_app
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OPINION = "建议暂缓签约，先核查最终用户是否列入制裁名单，并改用信用证结算。"


@pytest.fixture
def desk_with_accepted_case(tmp_path):
    app = fresh_sqlite_app(tmp_path, "advice")
    with app.app_context():
        lawyer = create_lawyer("黄志强")
        counsel = create_user("lawyer", email="lawyer@desk.test", lawyer_id=lawyer.id)
        case, _ = create_case()
        create_user("enterprise", email="me@yuanhang.example", enterprise_uscc="91330105MA2H00010X")
        case.assignee_id = lawyer.id
        transition(db.session, counsel, NOW, case, "accepted", zone=zone_named("Asia/Shanghai"))
        db.session.commit()
        reference = case.reference
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        server.reference = reference
        yield server


def test_the_lawyer_advises_and_the_enterprise_confirms_the_loss(
    browser, page, desk_with_accepted_case
):
    base, reference = desk_with_accepted_case.base, desk_with_accepted_case.reference
    log_in(page, base, "lawyer@desk.test")
    page.goto(f"{base}/cases/{reference}")
    form = page.locator("#advice-form")
    assert page.locator("button[value=advised]").count() == 0  # the form, not the button
    form.locator("input[value=full]").check()
    form.locator("button[type=submit]").click()  # no opinion yet
    page.wait_for_url(f"{base}/cases/{reference}/advice")
    assert "此项为必填项" in page.locator("#advice-form").inner_text()
    assert page.locator("#advice-form input[value=full]").is_checked()  # the choice is kept
    page.fill("#advice-form textarea[name=opinion]", OPINION)
    page.click("#advice-form button[type=submit]")
    page.wait_for_url(f"{base}/cases/{reference}#advice")
    advice = page.locator("#advice").inner_text()
    assert OPINION in advice and "企业可查看此意见" in advice
    assert "已出具意见" in page.locator("h1 .status").inner_text()

    record = page.locator('#followups form[action$="/record"]').first
    record.locator("input[name=advice_worked][value=yes]").check()
    record.locator("textarea[name=result]").fill("企业回电：意见及时，避免了损失")
    record.locator("input[name=loss_avoided_cny]").fill("3,000,000")
    record.locator("input[name=loss_basis]").fill("按合同金额估算")
    record.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/cases/{reference}#followups")
    assert "律师填报（待企业确认）" in page.locator("#followups").inner_text()
    screenshot(page, "advice-given")

    enterprise = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    mine = enterprise.new_page()
    log_in(mine, base, "me@yuanhang.example", lands_on="/my")
    mine.goto(f"{base}/my/cases/{reference}")
    outcome = mine.locator("#outcome").inner_text()
    assert OPINION in outcome and "¥3,000,000" in outcome and "律师填报（待企业确认）" in outcome
    assert "黄志强" not in mine.content()

    confirm = mine.locator("form.confirm-loss")
    confirm.locator("input[name=answer][value=correct]").check()
    confirm.locator("input[name=amount_cny]").fill("二百万")
    confirm.locator("input[name=satisfaction][value='5']").check()
    confirm.locator("button[type=submit]").click()
    mine.wait_for_load_state()
    assert "请以整数元填写金额" in mine.locator("form.confirm-loss").inner_text()
    assert mine.locator("form.confirm-loss input[name=satisfaction][value='5']").is_checked()

    confirm = mine.locator("form.confirm-loss")
    confirm.locator("input[name=answer][value=confirm]").check()
    confirm.locator("button[type=submit]").click()
    mine.wait_for_url(f"{base}/my/cases/{reference}#outcome")
    outcome = mine.locator("#outcome").inner_text()
    assert "企业已确认" in outcome and "¥3,000,000" in outcome and "5 / 5" in outcome
    assert mine.locator("form.confirm-loss").count() == 0
    screenshot(mine, "loss-confirmed")
    enterprise.close()

    page.goto(f"{base}/cases/{reference}")
    assert "企业已确认" in page.locator("#followups").inner_text()
