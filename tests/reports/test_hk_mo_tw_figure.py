"""The report counts 涉港澳台 apart from foreign-related (issue 13 item 3): cases
received in the period that name Hong Kong, Macao or Taiwan, each once."""

from datetime import timedelta

from tests.conftest import NOW


def test_hk_mo_tw_is_counted_apart_and_each_case_once(make, api_as):
    clerk = make.user("intake")
    make.case(clerk, countries=["HK"], counterparties=["Harbour Trade Finance Ltd"])
    make.case(clerk, countries=["HK", "MO", "TW"], counterparties=[])  # once, not three times
    make.case(clerk, countries=["TW", "JP"], counterparties=[])  # both
    make.case(clerk)  # Kazakhstan: foreign only
    make.case(clerk, countries=["CN"], counterparties=["宁波东港贸易有限公司"])
    make.case(clerk, countries=["MO"], now=NOW - timedelta(days=400))  # outside the period
    summary = api_as("coordinator").get("/reports/summary?from=2026-01-01&to=2026-12-31").json
    assert summary["consultations"] == 5
    assert summary["hk_mo_tw"] == 3
    assert summary["foreign_related"] == 2
    assert summary["by_country"] == {"HK": 2, "JP": 1, "KZ": 1, "MO": 1, "TW": 2, "CN": 1}
