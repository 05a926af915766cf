"""Issue 12's documents in a real browser: a clerk uploads the advice letter on the
case page, shared with the enterprise; the enterprise downloads it on /my."""

import pytest

from legaldesk.db import db
from tests.browser.conftest import log_in, screenshot
from tests.conftest import create_case, create_user, fresh_sqlite_app
from tests.documents.samples import PDF
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def desk_with_case(tmp_path):
    app = fresh_sqlite_app(tmp_path, "documents")
    with app.app_context():
        clerk = create_user("intake", email="clerk@desk.test", name="林晓")
        case, _ = create_case(clerk)  # the enterprise exists once its case does
        create_user(
            "enterprise", email="legal@yuanhang.example", enterprise_uscc="91330105MA2H00010X"
        )
        reference = case.reference
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        server.reference = reference
        yield server


def test_the_clerk_uploads_the_letter_and_the_enterprise_downloads_it(
    browser, page, desk_with_case, tmp_path
):
    base, reference = desk_with_case.base, desk_with_case.reference
    log_in(page, base, "clerk@desk.test")
    page.goto(f"{base}/cases/{reference}")
    page.set_input_files(
        "#document-file",
        files=[{"name": "法律意见书.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.select_option("#document-kind", "advice_letter")
    page.check("#upload-document input[name=shared]")
    page.click("#upload-document button[type=submit]")
    page.wait_for_url(f"{base}/cases/{reference}#documents")
    panel = page.locator("#documents").inner_text()
    assert "法律意见书.pdf" in panel and "已向企业公开" in panel and "林晓" in panel
    assert "材料已上传" in page.content()
    screenshot(page, "documents-uploaded")

    enterprise = browser.new_context(locale="zh-CN").new_page()
    enterprise.goto(base + "/login")
    enterprise.fill("input[name=email]", "legal@yuanhang.example")
    enterprise.fill("input[name=password]", "password123")
    enterprise.click("main button[type=submit]")
    enterprise.wait_for_url(base + "/my")
    enterprise.goto(f"{base}/my/cases/{reference}")
    assert "中心提供的材料" in enterprise.locator("#documents").inner_text()
    with enterprise.expect_download() as download_info:
        enterprise.click("#documents a.download")
    download = download_info.value
    assert download.suggested_filename == "法律意见书.pdf"
    saved = tmp_path / "downloaded.pdf"
    download.save_as(saved)
    assert saved.read_bytes() == PDF
    screenshot(enterprise, "documents-on-my")
    enterprise.context.close()
