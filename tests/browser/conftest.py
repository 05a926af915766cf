"""A real browser (Debian's Chromium through Playwright) against a real server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from legaldesk.cases.service import transition
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.routing import handon
from legaldesk.zone import desk_zone
from tests.conftest import create_case, create_lawyer, create_user, fresh_sqlite_app
from tests.servers import desk_server

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Without these, Chromium keeps trying the network that this machine does not have.
QUIET = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("LEGALDESK_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing (scripts/install-chromium.sh installs it)")
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET)
        yield browser
        browser.close()


@pytest.fixture
def live_desk(tmp_path):
    """A gunicorn-served desk on a fresh SQLite database with an intake clerk."""
    app = fresh_sqlite_app(tmp_path, "browser")
    with app.app_context():
        create_user("intake", email="clerk@desk.test", name="林晓")
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        yield server


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def log_in(page, base: str, email: str, password: str = "password123", lands_on: str = "/") -> None:
    """Through the login form, as a person would; waits for the desk's home page
    (``lands_on``: an enterprise account lands on /my)."""
    page.goto(base + "/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")
    page.wait_for_url(base + lands_on)


def huangs_cases(cases: list[tuple[str, list[str]]]) -> list[str]:
    """Inside an app context: the coordinator 陈思远 assigns each case (its summary, the
    statuses 黄志强 walks it through) to the lawyer 黄志强, while 王立明 stays free, and
    closes the last one. Returns the references in order."""
    coordinator = create_user("coordinator", email="chen@desk.test", name="陈思远")
    huang = create_lawyer("黄志强")
    create_lawyer("王立明")
    lawyer = create_user("lawyer", email="huang@desk.test", name="黄志强", lawyer_id=huang.id)
    now, zone = utcnow(), desk_zone()
    references = []
    for summary, path in cases:
        case, _ = create_case(coordinator, summary=summary)
        assignment = {"lawyer_id": huang.id, "reason": "初次指派"}
        handon.assign(db.session, coordinator, now, case, assignment, zone=zone)
        for status in path:
            transition(db.session, lawyer, now, case, status, zone=zone)
        references.append(case.reference)
    transition(db.session, coordinator, now, case, "closed", closing_code="A", zone=zone)
    return references
