"""Issue 13, item 5 in the browser: a coordinator retires a category and renames a
closing code from the reference-data pages; the intake form no longer offers the
category, and an old case keeps it and shows the closing code's new name."""

import pytest

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from tests.browser.conftest import log_in, screenshot
from tests.conftest import create_case, create_user, fresh_sqlite_app
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def desk_with_old_case(tmp_path):
    app = fresh_sqlite_app(tmp_path, "reference")
    with app.app_context():
        create_user("coordinator", email="coord@desk.test", name="陈主任")
        case, _ = create_case(category="credit_repair", countries=[], counterparties=[])
        stored = db.session.get(Consultation, case.id)
        stored.status, stored.closing_code = "closed", "A"  # an old, closed case
        db.session.commit()
        reference = case.reference
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        server.reference = reference
        yield server


def test_a_coordinator_retires_a_category_and_renames_a_closing_code(page, desk_with_old_case):
    base, reference = desk_with_old_case.base, desk_with_old_case.reference
    log_in(page, base, "coord@desk.test")
    page.click("header nav >> text=基础资料")
    page.wait_for_url(f"{base}/settings/categories")

    questions = []
    page.on("dialog", lambda dialog: (questions.append(dialog.message), dialog.accept()))
    page.click("#entry-credit_repair button:has-text('停用')")
    page.wait_for_load_state()
    assert questions and "信用修复" in questions[0]
    row = page.locator("#entry-credit_repair")
    assert "已停用" in row.inner_text()

    page.click("nav.tabs >> text=结案代码")
    page.wait_for_url(f"{base}/settings/closing-codes")
    page.click("#entry-A >> text=改名")
    page.fill("input[name=label_zh]", "")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("[data-for=label_zh]").count() == 1  # a field error, in place
    page.fill("input[name=label_zh]", "法律咨询与书面意见")
    page.click("main button[type=submit]")
    page.wait_for_url(f"{base}/settings/closing-codes")
    assert "法律咨询与书面意见" in page.locator("#entry-A").inner_text()
    screenshot(page, "reference-closing-codes")

    page.goto(f"{base}/intake/new")
    offered = page.locator("select[name=category] option").all_inner_texts()
    assert "出口管制与制裁" in offered and "信用修复" not in offered

    page.goto(f"{base}/cases/{reference}")
    facts = page.locator("main").inner_text()
    assert "信用修复" in facts
    assert "A · 法律咨询与书面意见" in facts
    screenshot(page, "reference-old-case")
