"""Issue 15's walk: a clerk opens a new case (the page writes nothing), publishes the
draw's commitment, keys in the witness's number and sees the lawyer drawn; the draw
card and the public witness sheet fit a phone's width."""

import pytest

from legaldesk.db import db
from tests.browser.conftest import log_in, screenshot
from tests.conftest import create_case, create_lawyer, create_user, fresh_sqlite_app
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

NAMES = ["黄志强", "李佳慧", "张晨"]


@pytest.fixture
def desk(tmp_path):
    """A clerk, three eligible lawyers and one new case."""
    app = fresh_sqlite_app(tmp_path, "draw")
    with app.app_context():
        clerk = create_user("intake", email="clerk@desk.test", name="林晓")
        for name in NAMES:
            create_lawyer(name)
        case, _ = create_case(clerk, summary="出口美国的合同风险")
        db.session.commit()
        reference = case.reference
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        server.reference = reference
        yield server


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_a_clerk_publishes_the_commitment_then_draws_with_a_witness(browser, desk):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    base, reference = desk.base, desk.reference
    log_in(page, base, "clerk@desk.test")
    page.goto(f"{base}/cases/{reference}")
    offer = page.locator("#publish-draw")
    assert "（3 名律师）" in offer.inner_text() and page.locator("#pending-draw").count() == 0
    offer.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/cases/{reference}#pending-draw")
    card = page.locator("#pending-draw")
    commitment = card.locator("#commitment").inner_text()
    assert len(commitment) == 64 and _fits(page)
    screenshot(page, "draw-published-390")
    card.locator("input[name=contribution]").fill("２０２６０７０１")  # as an IME types it
    card.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/cases/{reference}")
    flashed = page.locator(".flash").first.inner_text()
    assert "抽签结果：" in flashed and any(name in flashed for name in NAMES)
    record = page.locator(".draw-record")
    assert commitment in record.inner_text() and "20260701" in record.inner_text()
    timeline = page.locator("ol.timeline").inner_text()
    assert "抽签选定律师" in timeline
    sheet = record.locator("a.public-record").first.get_attribute("href")
    page.goto(base + sheet)
    assert commitment in page.inner_text("main") and _fits(page)
    screenshot(page, "witness-sheet-390")
    context.close()
