"""Issue 12's done-when walk, one desk and four people in one browser: the clerk
corrects a phone number and adds a counterparty; the lawyer gives the advice with its
letter and records the loss avoided; the enterprise downloads the letter on /my and
confirms the loss; a coordinator reassigns another case with a reason and reopens a
closed one. Each person's own pages say what happened, in Chinese."""

from pathlib import Path

import pytest

from legaldesk.db import db
from tests.browser.conftest import huangs_cases, log_in, screenshot
from tests.conftest import create_user, fresh_sqlite_app
from tests.documents.samples import PDF
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

OPINION = "经尽职调查，建议暂缓向该国出口，先核查最终用户是否列入制裁名单。"
USCC = "91330105MA2H00010X"  # the enterprise of tests.conftest.dummy_intake


@pytest.fixture
def desk(tmp_path):
    """Three cases of 黄志强's: one to advise, one to hand on, one closed."""
    app = fresh_sqlite_app(tmp_path, "walk")
    with app.app_context():
        create_user("intake", email="clerk@desk.test", name="林晓")
        references = huangs_cases(
            [
                ("出口哈萨克斯坦物流设备的法律风险", ["accepted"]),
                ("海外仓租赁合同审查", ["accepted"]),
                ("跨境电商平台封店申诉", ["accepted", "advised"]),
            ]
        )
        create_user("enterprise", email="me@yuanhang.example", enterprise_uscc=USCC)
        db.session.commit()
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        server.references = references
        yield server


def as_someone(browser, base, email, lands_on="/"):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations, answered yes
    log_in(page, base, email, lands_on=lands_on)
    return context, page


def clerk_corrects(page, base, reference):
    page.goto(f"{base}/cases/{reference}")
    page.click("#correct-case")
    page.fill("input[name=phone]", "139 0571 0002")
    page.fill("textarea[name=counterparties]", "Steppe Trade LLP")
    page.click("#correct-form button[type=submit]")
    page.wait_for_url(f"{base}/cases/{reference}")
    timeline = page.locator("ol.timeline:not(.notes)").inner_text()
    assert "联系电话：138 0571 0001 → 139 0571 0002" in timeline
    assert "Steppe Trade LLP" in page.locator("dl.facts").first.inner_text()


def lawyer_advises_with_the_letter(page, base, reference, letter):
    page.goto(f"{base}/cases/{reference}")
    form = page.locator("#advice-form")
    form.locator("textarea[name=opinion]").fill(OPINION)
    form.locator("input[value=full]").check()
    form.locator("#advice-letter-file").set_input_files(str(letter))
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/cases/{reference}#advice")
    assert "已出具意见" in page.locator("h1 .status").inner_text()
    documents = page.locator("#documents").inner_text()
    assert "法律意见书.pdf" in documents and "已向企业公开" in documents

    record = page.locator('#followups form[action$="/record"]').first
    record.locator("input[name=advice_worked][value=yes]").check()
    record.locator("textarea[name=result]").fill("企业回电：意见及时，避免了货款损失")
    record.locator("input[name=loss_avoided_cny]").fill("3000000")
    record.locator("input[name=loss_basis]").fill("按拟签合同金额估算")
    record.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/cases/{reference}#followups")
    assert "律师填报（待企业确认）" in page.locator("#followups").inner_text()


def enterprise_downloads_and_confirms(page, base, reference):
    page.goto(f"{base}/my/cases/{reference}")
    assert OPINION in page.locator("#outcome").inner_text()
    with page.expect_download() as download:
        page.locator("#documents a.download", has_text="法律意见书.pdf").click()
    assert Path(download.value.path()).read_bytes() == PDF
    confirm = page.locator("form.confirm-loss")
    confirm.locator("input[name=answer][value=confirm]").check()
    confirm.locator("input[name=satisfaction][value='5']").check()
    confirm.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/my/cases/{reference}#outcome")
    outcome = page.locator("#outcome").inner_text()
    assert "企业已确认" in outcome and "¥3,000,000" in outcome


def coordinator_reassigns_and_reopens(page, base, handed_on, closed):
    page.goto(f"{base}/cases/{handed_on}")
    form = page.locator("#assign-form")
    wang = next(o for o in form.locator("option").all_inner_texts() if o.startswith("王立明"))
    form.locator("select[name=lawyer_id]").select_option(label=wang)
    form.locator("[name=reason]").fill("黄律师出差两周，企业希望本周答复")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/cases/{handed_on}#hand-on")
    assert "王立明" in page.locator("dl.facts").first.inner_text()
    assert "黄律师出差两周" in page.locator(".draw-record").inner_text()

    page.goto(f"{base}/cases/{closed}")
    page.click("#reopen-case")
    page.fill("#reopen-form textarea[name=reason]", "企业来电：平台再次封店")
    page.click("#reopen-form button[type=submit]")
    page.wait_for_url(f"{base}/cases/{closed}")
    assert "回访中" in page.locator("h1 .status").inner_text()
    assert "企业来电：平台再次封店" in page.locator("ol.timeline:not(.notes)").inner_text()


def test_the_weeks_after_intake_walked_by_each_person(browser, desk, tmp_path):
    base = desk.base
    advised, handed_on, closed = desk.references
    letter = tmp_path / "法律意见书.pdf"
    letter.write_bytes(PDF)

    walks = (
        ("clerk@desk.test", "/", lambda page: clerk_corrects(page, base, advised)),
        (
            "huang@desk.test",
            "/",
            lambda page: lawyer_advises_with_the_letter(page, base, advised, letter),
        ),
        (
            "me@yuanhang.example",
            "/my",
            lambda page: enterprise_downloads_and_confirms(page, base, advised),
        ),
        (
            "chen@desk.test",
            "/",
            lambda page: coordinator_reassigns_and_reopens(page, base, handed_on, closed),
        ),
    )
    for email, lands_on, walk in walks:
        context, page = as_someone(browser, base, email, lands_on)
        walk(page)
        screenshot(page, f"walk-{email.split('@')[0]}")
        context.close()
