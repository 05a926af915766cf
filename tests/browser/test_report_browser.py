"""Issue 13's report walk in a real browser: a coordinator picks a month, sees the
charts, follows a bar to the cases behind it, and downloads the XLSX."""

import pytest
from openpyxl import load_workbook

from legaldesk.db import db
from tests.browser.conftest import log_in, screenshot
from tests.conftest import create_case, create_user, fresh_sqlite_app
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def desk_with_cases(tmp_path):
    app = fresh_sqlite_app(tmp_path, "report")
    with app.app_context():
        clerk = create_user("intake", email="clerk@desk.test", name="林晓")
        create_user("coordinator", email="lead@desk.test", name="陈主任")
        case, _ = create_case(clerk)  # received 2026-11-26, about Kazakhstan
        create_case(clerk, countries=["HK"], channel="walk_in")
        reference = case.reference
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        server.reference = reference
        yield server


def test_a_coordinator_walks_the_report_and_downloads_it(page, desk_with_cases, tmp_path):
    base = desk_with_cases.base
    log_in(page, base, "lead@desk.test")
    page.click("header nav >> text=报告")
    page.wait_for_url(f"{base}/reports")
    page.select_option("select[name=kind]", "month")
    page.fill("input[name=on]", "2026-11")
    page.click("#report-picker button[type=submit]")
    page.wait_for_url(f"{base}/reports?kind=month*")
    assert page.url == f"{base}/reports?kind=month&on=2026-11"  # no dates of the period before
    assert page.inner_text("#report-period") == "2026年11月"
    assert page.locator("svg.chart").count() >= 5
    assert "咨询总数" in page.inner_text("#report-overview")
    screenshot(page, "report-month")

    page.click("#report-channel svg a.chart-link >> nth=0")
    page.wait_for_url(f"{base}/cases?from=2026-11-01&to=2026-11-30&channel=phone")
    assert desk_with_cases.reference in page.inner_text("main")  # the phoned-in case

    page.go_back()
    with page.expect_download() as waiting:
        page.click("#export-xlsx")
    download = waiting.value
    assert download.suggested_filename == "legaldesk-report-2026-11-01-2026-11-30.xlsx"
    path = tmp_path / "report.xlsx"
    download.save_as(path)
    book = load_workbook(path)
    figures = {row[0].value: row[1].value for row in book["概况"].iter_rows(min_row=2)}
    assert figures["咨询总数"] == 2 and figures["涉港澳台咨询"] == 1
