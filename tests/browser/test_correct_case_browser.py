"""Issue 12's first walk: a clerk corrects a case's phone number and adds a
counterparty in the browser; the timeline says what changed from what to what."""

import pytest

from legaldesk.db import db
from tests.browser.conftest import log_in, screenshot
from tests.conftest import create_case, create_user, fresh_sqlite_app
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def desk_with_case(tmp_path):
    app = fresh_sqlite_app(tmp_path, "correct")
    with app.app_context():
        clerk = create_user("intake", email="clerk@desk.test", name="林晓")
        case, _ = create_case(clerk)
        reference = case.reference
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        server.reference = reference
        yield server


def test_a_clerk_corrects_the_phone_and_adds_a_counterparty(page, desk_with_case):
    base, reference = desk_with_case.base, desk_with_case.reference
    log_in(page, base, "clerk@desk.test")
    page.goto(f"{base}/cases/{reference}")
    page.click("#correct-case")
    page.wait_for_url(f"{base}/cases/{reference}/correct")
    assert page.input_value("input[name=phone]") == "138 0571 0001"  # prefilled

    page.fill("input[name=phone]", "1390571000")  # one digit short
    page.fill("textarea[name=counterparties]", "Steppe Trade LLP\n北方贸易有限公司")
    page.click("#correct-form button[type=submit]")
    page.wait_for_load_state()
    assert "有效" in page.locator("#correct-form").inner_text()  # the phone's error
    # nothing typed is lost
    assert page.input_value("textarea[name=counterparties]").splitlines() == [
        "Steppe Trade LLP",
        "北方贸易有限公司",
    ]

    page.fill("input[name=phone]", "139 0571 0002")
    page.click("#correct-form button[type=submit]")
    page.wait_for_url(f"{base}/cases/{reference}")
    timeline = page.locator("ol.timeline:not(.notes)").inner_text()  # the notes panel is one too
    assert "联系电话：138 0571 0001 → 139 0571 0002" in timeline
    assert "相对方：Steppe Trade LLP → Steppe Trade LLP；北方贸易有限公司" in timeline
    assert "北方贸易有限公司" in page.locator("dl.facts").inner_text()
    screenshot(page, "case-corrected")
