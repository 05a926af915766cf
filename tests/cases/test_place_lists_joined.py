"""Review finding 5: lists of countries and regions are joined the reader's way: "、"
in Chinese, "; " in English (the names themselves hold commas: "Macao, China"), on
the case page, the enterprise's /my page, the directory and the export."""

from __future__ import annotations

import csv
import io

import pytest

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.i18n import join_names

EN = "Macao, China; Taiwan, China; United States"
ZH = "中国澳门、中国台湾、美国"


def _login_in(client, login, locale: str) -> None:
    login("coordinator")
    client.post(f"/lang/{locale}")


@pytest.fixture
def case(make):
    made = make.case(countries=["MO", "TW", "US"])

    def order():  # as entered
        stored = db.session.get(Consultation, made.id)
        assert stored.country_codes == ["MO", "TW", "US"]

    make.run(order)
    return made


@pytest.mark.parametrize("locale, joined", [("en", EN), ("zh_CN", ZH)])
def test_the_case_page_and_the_export(client, login, make, case, locale, joined):
    _login_in(client, login, locale)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert joined in page
    answer = client.get("/cases/export.csv")
    rows = list(csv.reader(io.StringIO(answer.data.decode("utf-8-sig"))))
    assert rows[1][4] == joined


@pytest.mark.parametrize("locale, joined", [("en", "; "), ("zh_CN", "、")])
def test_the_directory(client, login, make, locale, joined):
    make.lawyer(
        name="周律师", jurisdictions=["MO", "TW"], specialties=["export_control", "overseas_ip"]
    )
    _login_in(client, login, locale)
    page = client.get("/directory").get_data(as_text=True)
    row = page[page.index("周律师") :]
    row = row[: row.index("</tr>")]
    names = {"en": ("Macao, China", "Taiwan, China"), "zh_CN": ("中国澳门", "中国台湾")}[locale]
    assert joined.join(names) in row
    assert ("、" in row) == (locale == "zh_CN")


def test_one_helper_joins(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert join_names(["a, b", "c"]) == "a, b; c"
    with app.test_request_context(headers={"Accept-Language": "zh-CN"}):
        assert join_names(["甲", "乙"]) == "甲、乙"


@pytest.mark.parametrize("locale, languages", [("en", "Chinese; English"), ("zh_CN", "中文、英语")])
def test_the_directory_names_languages(client, login, make, locale, languages):
    make.lawyer(name="周律师", languages=["zh", "en"])
    _login_in(client, login, locale)
    page = client.get("/directory").get_data(as_text=True)
    row = page[page.index("周律师") :]
    assert languages in row[: row.index("</tr>")]
