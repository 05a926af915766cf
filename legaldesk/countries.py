"""ISO 3166-1 alpha-2 countries, named in the user's language by Babel."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from pypinyin import lazy_pinyin

# Regions of China that Chinese statistics count apart, as 涉港澳台, never as
# countries and never as foreign-related (涉外).
HK_MO_TW = ("HK", "MO", "TW")

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


@lru_cache(maxsize=8)
def _names(locale: str) -> dict[str, str]:
    territories = Locale.parse(locale).territories
    return {code: territories.get(code, code) for code in country_codes()}


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
