"""Issue 13's coordinator walk: the dashboard on /, a line followed to the filtered
case list, and that list exported to Excel with its filters."""

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from legaldesk.db import db
from tests.browser.conftest import log_in, screenshot
from tests.conftest import create_user, fresh_sqlite_app
from tests.desk import made_up
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def busy_desk(tmp_path):
    app = fresh_sqlite_app(tmp_path, "dashboard")
    with app.app_context():
        create_user("coordinator", email="coord@desk.test", name="陈协调")
        made = made_up.build()
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        server.refs = made.refs
        yield server


def test_the_coordinator_follows_a_line_and_exports_the_list(page, busy_desk):
    base, refs = busy_desk.base, busy_desk.refs
    log_in(page, base, "coord@desk.test")
    waiting = page.locator("#dash-waiting")
    assert "待分派" in waiting.inner_text() and waiting.locator(".figure").inner_text() == "2"
    assert "已达承办上限的律师" in page.locator("#dash-load").inner_text()
    screenshot(page, "dashboard")

    page.locator("#dash-drawn p a").click()  # the drawn cases past the time to accept
    page.wait_for_url(f"{base}/cases?*")
    assert "overdue=1" in page.url
    assert page.locator("input[name=overdue]").is_checked()
    rows = page.locator("table.cases tbody tr")
    assert rows.count() == 1 and refs["late"] in rows.first.inner_text()

    with page.expect_download() as download_info:
        page.click("text=导出 Excel")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "案件编号" and [row[0] for row in values[1:]] == [refs["late"]]
