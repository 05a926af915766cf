"""Text folded for comparison: the one place that knows how Chinese and Latin text
written differently can be the same text. Plain Python, below every wing.

杭州遠航 and 杭州远航 (traditional and simplified), ＡＢＣ and abc (full-width and
half-width, case) fold to the same key; what each caller strips beyond that
(company-form suffixes, punctuation) is its own business.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """Simplified characters, half-width forms (NFKC), case folded."""
    return unicodedata.normalize("NFKC", _to_simplified().convert(text or "")).casefold()
