"""Issue 13 items 1 and 2: the /reports page with its period picker, SVG charts and
links to the cases behind each figure; its XLSX and CSV exports (audited, read back
with openpyxl); its A4 print layout; and the demo desk's half-year story."""

import io
import json
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from openpyxl import load_workbook

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.models import Consultation
from legaldesk.clock import zone_named
from legaldesk.db import db
from legaldesk.demo import LOGISTICS_REFERENCE, load_demo
from tests.conftest import NOW

STYLESHEET = Path(__file__).resolve().parents[2] / "legaldesk" / "static" / "desk.css"
H2 = "kind=half&on=2026-07"


def _demo(app):
    with app.app_context():
        load_demo(db.session, NOW, zone_named(app.config["TIMEZONE"]))
        db.session.commit()


def test_only_coordinators_and_admins_see_the_report(client, login):
    login("intake")
    assert client.get("/reports").status_code == 403
    assert client.get("/reports/export.xlsx").status_code == 403
    assert client.get("/reports/export.csv").status_code == 403


def test_the_page_defaults_to_a_half_year_and_links_figures_to_cases(client, login, make):
    make.case(make.user("intake"))  # received 2026-11-26
    login("coordinator")
    page = client.get("/reports?" + H2).get_data(as_text=True)
    assert "2026年下半年" in page and "2026-07-01 至 2026-12-31" in page
    assert "营商环境法律服务中心" in page and "打印日期" in page
    assert '<svg class="chart"' in page and "<script>" not in page and "style=" not in page
    assert 'href="/cases?from=2026-07-01&amp;to=2026-12-31&amp;status=new"' in page
    assert 'href="/cases?from=2026-07-01&amp;to=2026-12-31&amp;region=foreign"' in page
    assert 'href="/cases?from=2026-07-01&amp;to=2026-12-31&amp;country=KZ"' in page
    assert 'id="print-report"' in page and "/reports/export.xlsx?from=2026-07-01" in page
    default = client.get("/reports").get_data(as_text=True)
    assert "半年" in default  # the current half year
    month = client.get("/reports?kind=month&on=2026-11").get_data(as_text=True)
    assert "2026年11月" in month and "2026-11-01 至 2026-11-30" in month
    custom = client.get("/reports?from=2026-01-01&to=2026-03-31").get_data(as_text=True)
    assert "2026年第1季度" in custom  # a span that is a quarter is named so
    wrong = client.get("/reports?kind=month&on=2026-13")
    assert wrong.status_code == 422 and "YYYY-MM" in wrong.get_data(as_text=True)


def test_the_print_layout_is_a4_without_navigation():
    css = STYLESHEET.read_text(encoding="utf-8")
    print_rules = css[css.index("@media print", css.index("/* The report")) :]
    assert "@page { size: A4" in print_rules
    assert ".no-print, .topbar" in css  # navigation hidden on paper


def test_the_xlsx_has_chinese_headers_and_the_figures(client, login, make, app):
    make.case(make.user("intake"))
    user = login("coordinator")
    response = client.get("/reports/export.xlsx?from=2026-07-01&to=2026-12-31")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(io.BytesIO(response.data))
    assert "概况" in book.sheetnames and "按律师" in book.sheetnames
    overview = book["概况"]
    assert [c.value for c in overview[1]] == ["指标", "数值"]
    figures = {row[0].value: row[1].value for row in overview.iter_rows(min_row=2)}
    assert figures["咨询总数"] == 1 and figures["涉外咨询"] == 1
    assert figures["起始日期"] == datetime(2026, 7, 1)  # a date cell, not text
    assert overview["B2"].is_date and overview.column_dimensions["A"].width >= 30
    countries = book["按国家或地区"]
    assert [c.value for c in countries[1]] == ["国家或地区", "咨询数"]
    assert [c.value for c in countries[2]] == ["哈萨克斯坦", 1]
    csv = client.get("/reports/export.csv?from=2026-07-01&to=2026-12-31")
    text = csv.data.decode("utf-8")
    assert text.startswith('\ufeff"概况"') and '"哈萨克斯坦",1' in text

    def exported():
        return [
            (e.actor_id, json.loads(e.detail))
            for e in db.session.scalars(
                sa.select(AuditEntry)
                .where(AuditEntry.action == "report.export")
                .order_by(AuditEntry.id)
            )
        ]

    assert make.run(exported) == [
        (user.id, {"format": "xlsx", "from": "2026-07-01", "to": "2026-12-31"}),
        (user.id, {"format": "csv", "from": "2026-07-01", "to": "2026-12-31"}),
    ]


def test_the_demo_half_year_counts_the_logistics_case(app, client, login, api_as, make):
    """The center's story: the logistics company phoned on 1 July; the half-year
    report counts it among July's foreign-related consultations, ¥3,000,000 confirmed."""
    _demo(app)
    zone = zone_named(app.config["TIMEZONE"])
    low, high = datetime(2026, 7, 1, tzinfo=zone), datetime(2026, 8, 1, tzinfo=zone)

    def july_foreign() -> list[str]:
        return list(
            db.session.scalars(
                sa.select(Consultation.reference).where(
                    Consultation.foreign_related,
                    Consultation.created_at >= low,
                    Consultation.created_at < high,
                )
            )
        )

    references = make.run(july_foreign)
    assert LOGISTICS_REFERENCE in references
    api = api_as("coordinator")
    july = api.get("/reports/summary?from=2026-07-01&to=2026-07-31").json
    assert july["foreign_related"] == len(references)
    assert july["by_country"]["KZ"] >= 1 and july["by_channel"]["phone"] >= 1
    half = api.get("/reports/summary?from=2026-07-01&to=2026-12-31").json
    assert half["loss_confirmed_by_enterprise_cny"] == 3_000_000
    assert half["loss_avoided_cny"] >= 3_000_000
    assert half["loss_claimed_cny"] > half["loss_avoided_cny"]  # the unconfirmed claim apart
    assert half["hours_to_acceptance"]["count"] >= 1 and half["by_lawyer"]
    login("coordinator")
    page = client.get("/reports?" + H2).get_data(as_text=True)
    assert "2026年下半年" in page and "¥3,000,000" in page
    listed = client.get("/cases?from=2026-07-01&to=2026-07-31&country=KZ")
    assert LOGISTICS_REFERENCE in listed.get_data(as_text=True)
