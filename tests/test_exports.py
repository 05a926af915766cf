"""Spreadsheets leave the desk readable and inert: read back with openpyxl and csv."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook

from legaldesk.exports import Column, Table, neutralise, to_csv, to_xlsx

TABLE = Table(
    "按类别/统计",
    [
        Column("类别"),
        Column("件数", "int"),
        Column("受理日期", "date"),
        Column("登记时间", "datetime"),
    ],
    [
        ["出口管制", 3, date(2026, 7, 1), datetime(2026, 7, 1, 9, 30, 5, 123456)],
        ['=HYPERLINK("http://x")', -2, None, None],
        ["@SUM(A1)", 0, None, None],
    ],
)


def test_formula_starts_are_neutralised_and_numbers_are_not():
    assert neutralise("=1+1") == "'=1+1"
    for start in "+-@\t\r":
        assert neutralise(start + "x") == "'" + start + "x"
    assert neutralise("合同") == "合同"
    assert neutralise(-5) == -5


def test_xlsx_reads_back_with_chinese_headers_dates_and_inert_cells():
    book = load_workbook(io.BytesIO(to_xlsx([TABLE, TABLE])))
    assert book.sheetnames == ["按类别 统计", "按类别 统计 (2)"]
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == ["类别", "件数", "受理日期", "登记时间"]
    assert sheet["C2"].value == datetime(2026, 7, 1)  # a date cell, not text
    assert sheet["C2"].is_date and sheet["D2"].is_date
    assert sheet["D2"].value == datetime(2026, 7, 1, 9, 30, 5)  # no microseconds
    assert sheet["A3"].value == '\'=HYPERLINK("http://x")'
    assert sheet["A3"].data_type == "s"
    assert sheet["B3"].value == -2
    assert sheet.column_dimensions["A"].width >= 10
    assert sheet.freeze_panes == "A2"


def test_csv_has_a_bom_and_neutralised_cells():
    data = to_csv([TABLE])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["类别", "件数", "受理日期", "登记时间"]
    assert rows[1] == ["出口管制", "3", "2026-07-01", "2026-07-01 09:30"]
    assert rows[2][0].startswith("'=")
    assert rows[3][0] == "'@SUM(A1)"


def test_several_tables_in_one_csv_keep_their_titles():
    rows = list(csv.reader(io.StringIO(to_csv([TABLE, TABLE]).decode("utf-8-sig"))))
    assert rows[0] == ["按类别/统计"]
    assert [] in rows


def test_csv_text_is_quoted_so_a_semicolon_reader_finds_no_formula():
    table = Table("t", [Column("名称"), Column("件数", "int")], [[";=1+1", 2]])
    text = to_csv([table]).decode("utf-8-sig")
    assert '";=1+1",2' in text  # one quoted field, whatever the reader splits on


def test_a_csv_download_names_its_charset_once():
    from flask import Flask

    from legaldesk.exports import CSV_TYPE, download

    with Flask(__name__).test_request_context():
        response = download(b"x", "案件.csv", CSV_TYPE)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]


def test_full_width_formula_signs_are_neutralised_too():
    """Attack finding: ＝1+2科技有限公司 came out raw in the CSV."""
    for text in ("＝1+2科技有限公司", "＋1", "－1", "＠SUM(A1)"):
        assert neutralise(text) == "'" + text


def test_small_form_signs_and_the_minus_sign_are_neutralised_too():
    """Second attack pass: ﹦ ﹢ ﹣ and − were exported as they were."""
    for text in ("﹦1+2", "﹢1", "﹣1", "﹫x", "−1"):
        assert neutralise(text) == "'" + text
