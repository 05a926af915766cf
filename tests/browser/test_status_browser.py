"""The logistics company, new to the desk, scans its receipt's QR code: it sees where
the case stands, the center's follow-up and the outcome, and never a name."""

import pytest

from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.demo import LOGISTICS_REFERENCE, demo_access_code, load_demo
from legaldesk.zone import desk_zone
from tests.browser.conftest import screenshot
from tests.conftest import fresh_sqlite_app
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def demo_desk(tmp_path):
    app = fresh_sqlite_app(tmp_path, "demo")
    with app.app_context():
        load_demo(db.session, utcnow(), desk_zone())
        db.session.commit()
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        yield server


def test_the_receipts_qr_link_shows_the_follow_up_and_outcome(page, demo_desk):
    base = demo_desk.base
    page.goto(f"{base}/status?reference={LOGISTICS_REFERENCE}")  # what the QR code holds
    assert page.input_value("input[name=reference]") == LOGISTICS_REFERENCE
    page.fill("input[name=code]", demo_access_code(LOGISTICS_REFERENCE).lower())
    page.click("main button[type=submit]")
    result = page.locator("#status-result")
    result.wait_for()
    text = result.inner_text()
    assert "已结案" in text
    assert "2026-07-07 已回访" in page.inner_text("#followup-dates")
    assert page.inner_text("#outcome").startswith("办理结果：A · ")
    for secret in ("周经理", "Steppe", "3,000,000", "陈思远"):
        assert secret not in page.inner_text("main")
    screenshot(page, "status-logistics")

    # the enterprise's account shows the same case among its own
    page.goto(base + "/login")
    page.fill("input[name=email]", "enterprise@legaldesk.local")
    page.fill("input[name=password]", "demo1234")
    page.click("main button[type=submit]")
    page.wait_for_url(base + "/my")
    page.click(f"text={LOGISTICS_REFERENCE}")
    main = page.inner_text("main")
    assert "中心回访" in main
    # its satisfaction came with its confirmation of the loss avoided: asked once
    assert "对服务评分 5 / 5" in main and "您对本次服务满意吗" not in main
