"""Issue 12's walk for items 5 and 6: a coordinator reassigns a case to another
lawyer with a reason (confirming that it takes the case from its lawyer), and reopens
a closed case through its confirmation page."""

import pytest

from legaldesk.db import db
from tests.browser.conftest import huangs_cases, log_in, screenshot
from tests.conftest import fresh_sqlite_app
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def desk(tmp_path):
    """Two cases with 黄志强: one accepted, one advised and closed; 王立明 is free."""
    app = fresh_sqlite_app(tmp_path, "handon")
    with app.app_context():
        references = huangs_cases(
            [("转交的案件", ["accepted"]), ("已结的案件", ["accepted", "advised"])]
        )
        db.session.commit()
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        server.references = references
        yield server


def test_a_coordinator_reassigns_with_a_reason_and_reopens_a_closed_case(page, desk):
    base = desk.base
    active, closed = desk.references
    questions = []

    def answer(dialog):
        questions.append(dialog.message)
        dialog.accept()

    page.on("dialog", answer)
    log_in(page, base, "chen@desk.test")
    page.goto(f"{base}/cases/{active}")
    form = page.locator("#assign-form")
    options = form.locator("select[name=lawyer_id] option").all_inner_texts()
    assert any(o.startswith("王立明") for o in options)
    assert not any(o.startswith("黄志强") for o in options)  # it is already theirs
    form.locator("select[name=lawyer_id]").select_option(
        label=next(o for o in options if o.startswith("王立明"))
    )
    form.locator("[name=reason]").fill("黄律师出差两周，企业希望本周答复")
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{base}/cases/{active}#hand-on")
    assert questions and "黄志强" in questions[0]  # it takes the case from someone
    assert "王立明" in page.locator("dl.facts").first.inner_text()
    record = page.locator(".draw-record").inner_text()
    assert "人工指派" in record and "黄律师出差两周，企业希望本周答复" in record
    assert "已从本案收回" in record
    screenshot(page, "case-reassigned")

    page.goto(f"{base}/cases/{closed}")
    page.click("#reopen-case")
    page.wait_for_url(f"{base}/cases/{closed}/reopen")
    assert "回访中" in page.locator("main").inner_text()  # where it will return
    page.click("#reopen-form button[type=submit]")  # no reason yet
    assert "必填" in page.locator("#reopen-form").inner_text()
    page.fill("textarea[name=reason]", "企业来电：对方再次发函")
    page.click("#reopen-form button[type=submit]")
    page.wait_for_url(f"{base}/cases/{closed}")
    assert "案件已重新开启" in page.locator("main").inner_text()
    assert "回访中" in page.locator("h1 .status").inner_text()
    timeline = page.locator("ol.timeline:not(.notes)").inner_text()
    assert "企业来电：对方再次发函" in timeline
    screenshot(page, "case-reopened")
