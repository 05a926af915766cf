"""An enterprise (or someone guessing) typed wrong codes ten times: the browser shows the
form again with a plain message, and the code is gone from the address bar."""

import pytest

from legaldesk.db import db
from tests.browser.conftest import screenshot
from tests.conftest import create_case, create_user, fresh_sqlite_app
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def limited_desk(tmp_path):
    app = fresh_sqlite_app(tmp_path, "limited")
    with app.app_context():
        case, code = create_case(create_user("intake"))
        reference = case.reference
        db.engine.dispose()
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with desk_server(url, workers=2, RATELIMIT_ENABLED="true") as server:
        yield server, reference, code


def test_the_limited_status_page_explains_and_keeps_the_code_out_of_the_url(page, limited_desk):
    server, reference, code = limited_desk
    for _ in range(10):
        answer = page.goto(f"{server.base}/status?reference={reference}&code=AAAAA-AAAAA")
        assert answer.status == 404
    answer = page.goto(f"{server.base}/status?reference={reference}&code={code}")
    assert answer.status == 429
    page.wait_for_load_state("load")
    assert "code=" not in page.url and reference in page.url
    assert page.input_value("input[name=reference]") == reference
    assert page.input_value("input[name=code]") == ""
    message = page.inner_text("[role=alert]")
    assert "分钟" in message and "中心前台" in message and "新的查询码" in message
    assert code not in page.content()
    screenshot(page, "status-limited")

    # The language switch returns to the page without the code.
    page.click("button.lang")
    page.wait_for_load_state("load")
    assert "code=" not in page.url and reference in page.url

    # Posting the form again: the same page, in English, nothing in the address bar.
    page.fill("input[name=code]", code)
    page.click("main button[type=submit]")
    page.wait_for_load_state("load")
    assert page.url.endswith("/status")
    message = page.inner_text("[role=alert]")
    assert "minute" in message and "front desk" in message
    assert page.input_value("input[name=reference]") == reference
    assert page.input_value("input[name=code]") == ""
