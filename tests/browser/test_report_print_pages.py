"""Review finding 3: the report prints compactly on A4: the title block and the
overview share page 1, small tables do not break, charts are smaller on paper, and
the demo desk's half year fits in about half the pages it took (12-13 before)."""

import re

import pytest

from legaldesk.clock import zone_named
from legaldesk.db import db
from legaldesk.demo import load_demo
from tests.browser.conftest import log_in
from tests.conftest import NOW, create_user, fresh_sqlite_app
from tests.servers import desk_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def demo_desk(tmp_path):
    app = fresh_sqlite_app(tmp_path, "print")
    with app.app_context():
        load_demo(db.session, NOW, zone_named(app.config["TIMEZONE"]))
        create_user("coordinator", email="printer@desk.test", name="打印人")
        db.session.commit()
        db.engine.dispose()
    with desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=2) as server:
        yield server


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_the_half_year_report_prints_on_few_a4_pages(page, demo_desk, tmp_path):
    base = demo_desk.base
    log_in(page, base, "printer@desk.test")
    page.goto(f"{base}/reports?kind=half&on=2026-07")
    page.emulate_media(media="print")
    overview_top = page.locator("#report-overview").bounding_box()
    assert overview_top is not None
    # charts print wide enough to read their labels (about 6.5pt; at 82mm they were
    # about 4.5pt), and the screen's "first N of M" links are not printed
    chart = page.locator("svg.chart").first.bounding_box()
    assert chart is not None and chart["width"] >= 110 / 25.4 * 96
    assert all(not more.is_visible() for more in page.locator(".chart-more").all())
    pdf = page.pdf(format="A4")
    (tmp_path / "report.pdf").write_bytes(pdf)
    pages = _pages(pdf)
    assert pages <= 6  # 12 before
    # page 1 holds the title block and the overview's start: A4 is about 1123 px high
    assert overview_top["y"] < 900
