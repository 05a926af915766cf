"""Issue 13 item 2 for the case list: GET /cases/export.xlsx and .csv with the list's
filters, read back with openpyxl and csv: Chinese headers, date-time cells, inert
formula-looking names, only what the actor may read, no description, phone or
access code, a row limit, one audit entry."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.export import case_export, record_export
from legaldesk.cases.listing import CaseFilters
from legaldesk.db import db
from legaldesk.zone import desk_zone
from tests.conftest import NOW, dummy_intake
from tests.desk import made_up
from tests.helpers import statements_during

SHANGHAI = ZoneInfo("Asia/Shanghai")

HEADERS = [
    "案件编号",
    "登记时间",
    "企业",
    "咨询类别",
    "涉及国家和地区",
    "状态",
    "紧急程度",
    "律师",
    "涉外／涉港澳台",
]


@pytest.fixture
def desk(app):
    with app.app_context():
        return made_up.build()


def sheet_of(answer):
    assert answer.status_code == 200, answer.get_data(as_text=True)
    assert answer.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in answer.headers["Content-Disposition"]
    return load_workbook(io.BytesIO(answer.data)).worksheets[0]


def test_xlsx_with_the_lists_filters(client, login, app, desk):
    login("coordinator")
    sheet = sheet_of(client.get("/cases/export.xlsx?status=new&sort=oldest"))
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == HEADERS
    assert [row[0] for row in rows[1:]] == [desk.refs["new_urgent"], desk.refs["new_normal"]]
    first = rows[1]
    assert isinstance(first[1], datetime) and sheet["B2"].is_date
    assert first[1] == NOW.astimezone(SHANGHAI).replace(tzinfo=None)  # the desk's local time
    assert first[2] == '\'=HYPERLINK("x")公司'  # neutralised, a text cell
    assert sheet["C2"].data_type == "s"
    assert first[3] == "出口管制与制裁" and first[4] == "哈萨克斯坦" and first[5] == "新登记"
    assert first[6] == "紧急" and first[8] == "涉外"
    everything = " ".join(str(v) for row in rows for v in row)
    for secret in (dummy_intake()["description"], "13805710001", "138 0571 0001"):
        assert secret not in everything
    with app.app_context():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "case.export")
        ).one()
        detail = json.loads(entry.detail)
        assert detail["rows"] == 2 and detail["format"] == "xlsx"
        assert detail["filters"] == {"status": "new", "sort": "oldest"}


def test_csv_opens_in_excel_and_names_the_lawyer(client, login, desk):
    login("admin")
    answer = client.get(f"/cases/export.csv?lawyer={desk.busy}&q=%E7%89%A9%E6%B5%81")
    assert answer.status_code == 200 and answer.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))
    assert rows[0] == HEADERS
    assert {row[0] for row in rows[1:]} == {desk.refs["late"], desk.refs["fresh"]}
    assert {row[7] for row in rows[1:]} == {"王律师"}
    assert rows[1][1].count(":") == 1  # "YYYY-MM-DD HH:MM"


def test_a_lawyer_exports_only_their_own_cases(client, login, make, app, desk):
    with app.app_context():
        from legaldesk.routing.models import Lawyer

        lawyer = db.session.get(Lawyer, desk.busy)
        assert lawyer is not None
    lawyer_user = make.user("lawyer", lawyer_id=desk.busy)
    login(lawyer_user)
    sheet = sheet_of(client.get("/cases/export.xlsx"))
    listed = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert listed == {desk.refs["late"], desk.refs["fresh"]}


def test_an_enterprise_account_cannot_export(client, login, make, desk):
    enterprise = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")
    login(enterprise)
    assert client.get("/cases/export.xlsx").status_code in (403, 404)
    assert client.get("/cases/export.csv").status_code in (403, 404)


def test_bad_filters_are_refused_not_a_500(client, login):
    login("coordinator")
    assert client.get("/cases/export.xlsx?sort=nope").status_code in (400, 422)
    assert client.get("/cases/export.csv?lawyer=x").status_code in (400, 422)


def test_the_limit_cuts_the_export_and_says_so(app, desk):
    from legaldesk.auth.models import User
    from legaldesk.clock import utcnow
    from tests.conftest import create_user

    with app.test_request_context():
        coordinator = create_user("coordinator")
        made = case_export(
            db.session,
            db.session.get(User, coordinator.id),
            utcnow(),
            CaseFilters(),
            zone=desk_zone(),
            limit=3,
        )
        assert made.rows == 3 and made.truncated and len(made.table.rows) == 3
        record_export(db.session, coordinator, utcnow(), CaseFilters(), made, "csv")
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "case.export")
        ).one()
        assert json.loads(entry.detail)["truncated"] is True


def test_the_export_costs_the_same_queries_for_more_cases(client, login, app, desk):
    from tests.conftest import create_case

    login("coordinator")
    counts = []
    for _ in range(2):
        counts.append(statements_during(app, lambda: client.get("/cases/export.xlsx")))
        with app.app_context():
            for _ in range(10):
                create_case()
    assert counts[0] == counts[1]


def test_the_front_desk_reads_the_list_but_cannot_export_it(client, login, desk):
    login("intake")
    page = client.get("/cases")
    assert page.status_code == 200
    assert b"/cases/export.xlsx" not in page.data and b"/cases/export.csv" not in page.data
    assert client.get("/cases/export.xlsx").status_code == 403
    assert client.get("/cases/export.csv").status_code == 403


def test_a_domestic_case_says_so_in_the_region_column(client, login, make):
    """Walk finding: a domestic case's region cell was blank, read as "not filled in"."""
    clerk = make.user("intake")
    make.case(clerk, countries=["CN"], counterparties=[], category="domestic_commercial")
    login("coordinator")
    rows = list(sheet_of(client.get("/cases/export.xlsx")).iter_rows(values_only=True))
    assert [row[8] for row in rows[1:]] == ["国内"]
