"""涉外 and 涉港澳台: which counting a consultation falls under (issue 13 item 3).

Hong Kong, Macao and Taiwan are regions of China: naming one makes a case 涉港澳台
(counted apart in Chinese statistics), never foreign-related by itself. A case may be
both (a Taiwan supplier and a Japanese buyer). The panel serves both kinds.

Plain Python: every input is an argument (no Flask, no database, no clock).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from legaldesk.countries import CHINA, HK_MO_TW
from legaldesk.messages import N_

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# The case list's `region` filter: its values and what they are called.
REGION_FILTERS = {
    "foreign": N_("Foreign-related"),
    "hk_mo_tw": N_("Hong Kong, Macao and Taiwan-related"),
}
# The filter also takes "domestic": neither flag (the report's 国内 line links to it).
REGION_CHOICES = {**REGION_FILTERS, "domestic": N_("Domestic")}


def names_hk_mo_tw(countries: Iterable[str]) -> bool:
    """涉港澳台: the case names Hong Kong, Macao or Taiwan."""
    return any(code in HK_MO_TW for code in countries)


def is_foreign_related(countries: list[str], counterparties: list[str]) -> bool:
    """涉外: a country other than China and its regions, or, when no region of China
    is named, a counterparty whose name has no Chinese characters (a foreign company).
    A Hong Kong company's English name does not make its case foreign-related."""
    if any(code != CHINA and code not in HK_MO_TW for code in countries):
        return True
    if names_hk_mo_tw(countries):
        return False
    return any(not _CJK.search(name) for name in counterparties)
