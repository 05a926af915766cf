"""A party's name as a conflict-of-interest check compares it: plain Python, below
every wing, because the key is stored beside each name (``enterprises.party_key``,
``counterparties.party_key``) so that a check finds a party's earlier cases through
an index rather than by reading every case a lawyer ever had.

"ＡＣＭＥ Co., Ltd." and "acme" are the same party; 杭州遠航國際物流有限公司 and
杭州远航国际物流 are the same party (``routing.parties`` compares them).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from legaldesk.textkey import fold

# Company-form words and suffixes, longest first (after simplification and NFKC).
_FORMS_ZH = ["股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司", "商行", "厂"]
# Japanese forms (after simplification), written after the name or before it:
# 株式会社日立製作所 and 日立製作所株式会社 are both 日立制作所.
_FORMS_JA = ["株式会社", "有限会社", "合同会社"]
_FORMS_LATIN = [
    "company limited",
    "co ltd",
    "co limited",
    "pte ltd",
    "sdn bhd",
    "private limited",
    "corporation",
    "incorporated",
    "limited",
    "company",
    "corp",
    "inc",
    "llc",
    "llp",
    "ltd",
    "gmbh",
    "spa",
    "srl",
    "plc",
    "ag",
    "sa",
    "bv",
    "nv",
    "oy",
    "ab",
    "kk",
    "pt",
    "co",
]
_LEADING_FORMS = {"pt", "ooo", "cv"}
_PUNCTUATION = re.compile(r"[\s\W_]+", re.UNICODE)


@lru_cache(maxsize=4096)
def normalise_party(name: str) -> str:
    """A comparable key: simplified, half-width, lower case, no spaces, punctuation
    or company-form suffixes (有限公司, Co., Ltd., Inc., GmbH …)."""
    text = fold(name)
    text = re.sub(r"\([^)]*\)", " ", text)  # (中国), (Hong Kong) …: a branch, same party
    words = _join_initials(_PUNCTUATION.sub(" ", text).split())
    if len(words) > 1 and words[0] in _LEADING_FORMS:  # PT Nusantara, OOO Stepnaya …
        words = words[1:]
    while words and " ".join(words[-2:]) in _FORMS_LATIN and len(words) > 2:
        words = words[:-2]
    while words and words[-1] in _FORMS_LATIN and len(words) > 1:
        words = words[:-1]
    joined = "".join(words)
    for form in _FORMS_JA:
        if joined.startswith(form) and len(joined) > len(form):
            return joined[len(form) :]
    for form in _FORMS_JA + _FORMS_ZH:
        if joined.endswith(form):
            return joined[: -len(form)] or joined
    return joined


def _join_initials(words: list[str]) -> list[str]:
    """S.p.A. arrives as "s p a": a run of single Latin letters becomes one word."""
    joined: list[str] = []
    in_run = False
    for word in words:
        single = len(word) == 1 and word.isascii()
        if single and in_run:
            joined[-1] += word
        else:
            joined.append(word)
        in_run = single
    return joined


def party_key_default(context: Any) -> str:
    """The column default of ``party_key``: the key of the row's ``name`` (an insert
    by the ORM or by a Core statement alike)."""
    return normalise_party(context.get_current_parameters().get("name") or "")
