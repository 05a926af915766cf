"""ISO 3166-1 alpha-2 countries, named in the user's language by Babel, and Hong Kong,
Macao and Taiwan named as the regions of China they are (中国香港, 中国澳门, 中国台湾),
never as countries."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale

from legaldesk.messages import N_
from legaldesk.pinyin import lazy_pinyin

# Regions of China that Chinese statistics count apart, as 涉港澳台, never as
# countries and never as foreign-related (涉外).
HK_MO_TW = ("HK", "MO", "TW")
CHINA = "CN"
# How the desk names them, as Chinese official statistics do (Babel's zh has
# 中国香港特别行政区 and lists 台湾 as if a country).
REGION_NAMES = {
    "zh": {"HK": "中国香港", "MO": "中国澳门", "TW": "中国台湾"},
    "en": {"HK": "Hong Kong, China", "MO": "Macao, China", "TW": "Taiwan, China"},
}
# Where the installed Babel (CLDR) still lags the standard's current short name: each
# entry cites the ISO 3166-1 change. tests/test_country_names.py fails for an entry
# once Babel agrees with it, so the table only ever shrinks.
ISO_RENAMED = {
    # ISO 3166-1 (2013): PS's short name became "Palestine, State of"; CLDR keeps
    # "Palestinian Territories" / 巴勒斯坦领土.
    "PS": {"zh": "巴勒斯坦", "en": "Palestine"},
    # ISO 3166-1 (2018): SZ renamed from Swaziland to Eswatini; CLDR's zh keeps 斯威士兰.
    "SZ": {"zh": "埃斯瓦蒂尼"},
}
# The intake picker's groups (country_groups), in order.
GROUP_LABELS = {
    "china": N_("China"),
    "hk_mo_tw": N_("Hong Kong, Macao and Taiwan"),
    "foreign": N_("Other countries"),
}

# Babel also lists groupings and private-use codes that are not countries.
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "XK", "ZZ"}


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    territories = Locale.parse("en").territories
    return frozenset(
        code
        for code in map(str, territories)
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    )


def _language(locale: str) -> str:
    return "zh" if Locale.parse(locale).language == "zh" else "en"


@lru_cache(maxsize=8)
def _names(locale: str) -> dict[str, str]:
    territories = Locale.parse(locale).territories
    language = _language(locale)
    names = {code: territories.get(code, code) for code in country_codes()}
    for code, renamed in ISO_RENAMED.items():
        names[code] = renamed.get(language, names[code])
    return names | REGION_NAMES[language]


def country_name(code: str, locale: str) -> str:
    return _names(locale).get(code, code)


@lru_cache(maxsize=8)
def country_choices(locale: str) -> list[tuple[str, str]]:
    """(code, name) sorted as a reader of that language expects (pinyin for Chinese)."""
    names = _names(locale)
    if locale.startswith("zh"):

        def key(code: str) -> str:
            return "".join(lazy_pinyin(names[code]))
    else:

        def key(code: str) -> str:
            return names[code].casefold()

    return [(code, names[code]) for code in sorted(names, key=key)]


@lru_cache(maxsize=8)
def country_groups(locale: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The choices in three groups, keys of GROUP_LABELS: China, then its regions Hong
    Kong, Macao and Taiwan, then the other countries, so no region sorts among them."""
    names = _names(locale)
    return [
        ("china", [(CHINA, names[CHINA])]),
        ("hk_mo_tw", [(code, names[code]) for code in HK_MO_TW]),
        (
            "foreign",
            [(c, n) for c, n in country_choices(locale) if c != CHINA and c not in HK_MO_TW],
        ),
    ]
