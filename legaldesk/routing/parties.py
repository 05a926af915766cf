"""Party names compared as a conflict check needs: plain Python.

"ＡＣＭＥ Co., Ltd." and "acme" are the same party; 杭州遠航國際物流有限公司 and
杭州远航国际物流 are the same party. A similar but not equal name is a near miss,
shown to the coordinator as a warning, never silently ignored.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from legaldesk.partykey import normalise_party

__all__ = ["NEAR_MISS_SCORE", "near_miss", "normalise_party", "same_party"]

NEAR_MISS_SCORE = 85


def same_party(a: str, b: str) -> bool:
    key = normalise_party(a)
    return bool(key) and key == normalise_party(b)


def near_miss(a: str, b: str) -> bool:
    """Similar enough to ask a person, not equal after normalising."""
    left, right = normalise_party(a), normalise_party(b)
    if not left or not right or left == right:
        return False
    return fuzz.ratio(left, right) >= NEAR_MISS_SCORE
