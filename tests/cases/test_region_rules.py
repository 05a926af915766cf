"""涉港澳台 apart from 涉外 (issue 13 item 3): Hong Kong, Macao and Taiwan are regions of
China, so naming them makes a case 涉港澳台, never foreign-related by itself. Pure rules."""

import pytest

from legaldesk.cases.region_rules import REGION_FILTERS, is_foreign_related, names_hk_mo_tw
from legaldesk.cases.rules import validate_intake
from tests.conftest import dummy_intake


@pytest.mark.parametrize(
    "countries,counterparties,foreign,hk_mo_tw",
    [
        ([], [], False, False),
        (["CN"], ["宁波东港贸易有限公司"], False, False),
        (["HK"], ["香港汇丰贸易有限公司"], False, True),
        (["MO"], [], False, True),
        (["TW"], ["台积精密股份有限公司"], False, True),
        # a Hong Kong company often has only an English name: still 涉港澳台, not 涉外
        (["HK"], ["Harbour Trade Finance Ltd"], False, True),
        (["CN", "HK", "TW"], [], False, True),
        (["HK", "US"], [], True, True),
        (["TW", "JP"], ["Sakura Trading Co., Ltd."], True, True),
        ([], ["Acme Inc."], True, False),
        (["CN"], ["Acme Inc."], True, False),
        (["CN", "US"], [], True, False),
    ],
)
def test_foreign_related_and_hk_mo_tw(countries, counterparties, foreign, hk_mo_tw):
    assert is_foreign_related(countries, counterparties) is foreign
    assert names_hk_mo_tw(countries) is hk_mo_tw


def test_intake_data_carries_both_flags():
    data = validate_intake(
        dummy_intake(countries=["hk"], counterparties=["Harbour Trade Finance Ltd"]),
        {"export_control"},
        {"HK", "KZ"},
    )
    assert data.countries == ["HK"]
    assert (data.foreign_related, data.hk_mo_tw) == (False, True)


def test_the_list_filter_knows_both_groups():
    assert set(REGION_FILTERS) == {"foreign", "hk_mo_tw"}
