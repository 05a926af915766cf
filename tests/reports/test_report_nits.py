"""Review finding 5: chart labels readable (no two rooms cut to the same "Commercial
medi…"), percent charts drawn against 100 %, the country chart says it shows the
first 15 of all and links to the full table, money cells formatted with thousands in
XLSX, the same rounding on page and in exports, one charset on CSV, and a Chinese
heading on the refusal page."""

import io
import re

from openpyxl import load_workbook

from legaldesk.exports import Column
from legaldesk.reports.charts import Bar, bar_chart
from legaldesk.reports.section import Section

H2 = "from=2026-07-01&to=2026-12-31"


def test_long_labels_are_not_cut_into_the_same_text():
    chart = str(
        bar_chart(
            [
                Bar("Commercial mediation room 1", 1, "1"),
                Bar("Commercial mediation room 2", 2, "2"),
            ],
            "Rooms",
        )
    )
    shown = [
        re.sub(r"<[^>]+>", " ", text)
        for text in re.findall(r'class="chart-label"[^>]*><title>[^<]*</title>(.*?)</text>', chart)
    ]
    assert len(set(shown)) == 2 and all("…" not in text for text in shown)
    longer = str(
        bar_chart([Bar("A very long name of a mediation room on the third floor", 1, "1")], "x")
    )
    assert "third floor" in longer  # wrapped onto a second line, not cut


def test_a_percent_chart_is_drawn_against_a_hundred_percent():
    section = Section("rooms", "Rooms", [Column("Room"), Column("Use", "percent")])
    section.add(["Room 1", 0.01])
    width = float(re.search(r'class="chart-bar"[^>]*width="([\d.]+)"', str(section.svg())).group(1))
    assert width < 10  # 1 % of the bar, not all of it


def test_the_country_chart_says_how_many_it_shows(client, login, make):
    clerk = make.user("intake")
    codes = [
        "KZ",
        "US",
        "DE",
        "FR",
        "JP",
        "KR",
        "RU",
        "GB",
        "IT",
        "ES",
        "NL",
        "BE",
        "PL",
        "SE",
        "NO",
        "FI",
        "DK",
        "AT",
        "CH",
        "AU",
    ]
    for code in codes:
        make.case(clerk, countries=[code])
    login("coordinator")
    page = client.get("/reports?" + H2).get_data(as_text=True)
    assert "前15个，共20个" in page
    assert 'href="#table-country"' in page and 'id="table-country"' in page


def test_money_has_thousands_and_rounding_matches_the_page(client, login, make):
    make.case(make.user("intake"))
    login("coordinator")
    book = load_workbook(io.BytesIO(client.get("/reports/export.xlsx?" + H2).data))
    rows = {row[0].value: row[1] for row in book["概况"].iter_rows(min_row=2)}
    money = (
        rows["避免损失（企业确认，元）"]
        if "避免损失（企业确认，元）" in rows
        else next(cell for label, cell in rows.items() if "元" in label)
    )
    assert money.number_format == "#,##0"


def test_satisfaction_is_rounded_as_on_the_page():
    section = Section("overview", "O", [Column("Figure"), Column("Value")])
    section.add(["Satisfaction", 4.333], None, "number")
    assert section.cells()[0][0][1] == "4.3"
    assert section.table().rows[0][1] == 4.3


def test_csv_has_one_charset(client, login, make):
    login("coordinator")
    response = client.get("/reports/export.csv?" + H2)
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"


def test_the_refusal_page_has_a_chinese_heading(client, login):
    login("intake")
    page = client.get("/reports").get_data(as_text=True)
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert "无权" in heading
