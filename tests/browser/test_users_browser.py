"""Issue 13 item 5 in a browser: an admin creates a lawyer account and copies its
one-time link; the lawyer sets a password and logs in; the admin deactivates them
and the lawyer's browser is logged out at its next click."""

import pytest

from legaldesk.db import db
from tests.browser.conftest import log_in, screenshot
from tests.conftest import create_lawyer, create_user, fresh_sqlite_app
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def desk_with_admin(tmp_path):
    app = fresh_sqlite_app(tmp_path, "users")
    with app.app_context():
        create_user("admin", email="admin@desk.test", name="系统管理员")
        create_lawyer(name="周律师")
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        yield server


def test_admin_creates_a_lawyer_who_sets_a_password_and_is_shut_out(browser, page, desk_with_admin):
    base = desk_with_admin.base
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations
    log_in(page, base, "admin@desk.test")
    page.click("header a:has-text('用户管理')")
    page.click("a:has-text('新建账户')")
    page.fill("input[name=email]", "zhou@firm.cn")
    page.fill("input[name=name]", "周律师")
    page.select_option("select[name=account_role]", "lawyer")
    page.select_option("select[name=lawyer_id]", label="周律师（涉外法律服务专家团）")
    page.click("main button[type=submit]")
    link = page.input_value("#password-link")
    screenshot(page, "users-link")
    path = link[link.index("/set-password") :]

    lawyer = browser.new_context(locale="zh-CN").new_page()
    lawyer.goto(base + path)
    lawyer.wait_for_url(base + "/set-password")
    lawyer.fill("input[name=password]", "zhou secret 1")
    lawyer.fill("input[name=confirm]", "zhou secret 2")
    lawyer.click("main button[type=submit]")
    assert "不一致" in lawyer.locator("main").inner_text()
    lawyer.fill("input[name=password]", "zhou secret 1")
    lawyer.fill("input[name=confirm]", "zhou secret 1")
    lawyer.click("main button[type=submit]")
    lawyer.wait_for_url(base + "/login")
    log_in(lawyer, base, "zhou@firm.cn", "zhou secret 1")
    assert "我的待办" in lawyer.locator("header").inner_text()

    page.goto(base + "/admin/users?q=zhou")
    page.click("#users a:has-text('周律师')")
    page.click("#deactivate")
    page.wait_for_load_state()
    assert "账户已停用" in page.locator("main").inner_text()

    lawyer.goto(base + "/cases")
    assert "/login" in lawyer.url
    assert "您的账户已被停用，请联系管理员" in lawyer.locator("main").inner_text()
    lawyer.context.close()
