"""When a new intake is probably a case the desk already has: plain Python.

An enterprise that calls twice about the same matter, or a clerk who presses Back and
sends the form again, should not silently make a second case. Two summaries are "the
same" after folding away how they were typed (traditional or simplified characters,
full- or half-width forms, case, spaces, punctuation) when their rapidfuzz ratio
reaches DUPLICATE_SCORE. The desk only warns: the clerk may record the case anyway.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from datetime import datetime, timedelta
from typing import TypeVar

from rapidfuzz import fuzz

from legaldesk.textkey import fold

# Summaries are short (10-30 characters). At 90 a one-character slip in a summary of
# ten or more characters still counts as the same matter (拟向某国出口前的法律风险咨询
# without 的 scores 96), while two short matters differing in one word do not
# (美国商标被抢注 / 英国商标被抢注 score 86; at 85 they would warn).
# tests/cases/test_duplicate_rules.py holds the pairs this was chosen by.
DUPLICATE_SCORE = 90
DEFAULT_WINDOW_DAYS = 14
_NOT_TEXT = re.compile(r"[\W_]+", re.UNICODE)  # spaces and punctuation, any width
T = TypeVar("T")


def summary_key(summary: str) -> str:
    """The summary as compared: folded, without spaces or punctuation."""
    return _NOT_TEXT.sub("", fold(summary))


def similar_summaries(a: str, b: str) -> bool:
    left, right = summary_key(a), summary_key(b)
    if not left or not right:
        return False
    return left == right or fuzz.ratio(left, right) >= DUPLICATE_SCORE


def window_start(now: datetime, days: int) -> datetime:
    """Cases created from this moment on are "recent" (``days`` from the settings)."""
    return now - timedelta(days=max(days, 0))


def likely_duplicates(
    summary: str, earlier: Iterable[T], summary_of: Callable[[T], str]
) -> list[T]:
    """The earlier cases (already limited to the enterprise's open or recent ones)
    whose summary is the same matter as ``summary``, in the order given."""
    return [case for case in earlier if similar_summaries(summary, summary_of(case))]


def unconfirmed(found: Iterable[str], confirmed: Collection[str]) -> list[str]:
    """References of likely duplicates the person has not yet seen and recorded
    anyway: a case that turned up after the warning warns again."""
    return [reference for reference in found if reference not in confirmed]


def confirmed_references(raw: str | None) -> frozenset[str]:
    """The references a "Record it anyway" button carries (space separated)."""
    return frozenset((raw or "").split()[:50])
