"""Which summaries are the same matter: the pairs DUPLICATE_SCORE was chosen by.
Pure rules, no app."""

from datetime import UTC, datetime

import pytest

from legaldesk.cases.duplicate_rules import (
    DUPLICATE_SCORE,
    confirmed_references,
    likely_duplicates,
    similar_summaries,
    summary_key,
    unconfirmed,
    window_start,
)

SUMMARY = "拟向某国出口前的法律风险咨询"


@pytest.mark.parametrize(
    "again",
    [
        SUMMARY,
        "擬向某國出口前的法律風險諮詢",  # traditional characters
        "拟向某国出口前的法律风险咨询。",  # a full stop
        "拟向某国 出口前的 法律风险咨询",  # spaces
        "拟向某国，出口前的法律风险咨询！",  # full-width punctuation
        "拟向某国出口前法律风险咨询",  # one character left out
        "拟向某国出口前的法律风险咨洵",  # one wrong character (a slip of the IME)
    ],
)
def test_the_same_matter_typed_differently_is_a_duplicate(again):
    assert similar_summaries(SUMMARY, again)


@pytest.mark.parametrize(
    "a,b",
    [
        ("ＡＢＣ Trading 合同审查", "abc trading合同审查"),  # width and case
        ("Export licence for KZ", "export licence for kz."),
        ("美國商標被搶注", "美国商标被抢注"),
    ],
)
def test_width_case_and_script_do_not_matter(a, b):
    assert summary_key(a) == summary_key(b)
    assert similar_summaries(a, b)


@pytest.mark.parametrize(
    "a,b",
    [
        ("美国商标被抢注", "英国商标被抢注"),  # another country: another matter (86)
        (SUMMARY, "哈萨克斯坦进口许可要求"),
        ("出口管制风险咨询", "出口管制合规咨询"),
        ("海外仓货物被扣", "海外仓租金纠纷"),
        ("", ""),  # nothing to compare is never a duplicate
        ("。。。", "！！"),
    ],
)
def test_another_matter_of_the_same_enterprise_is_not(a, b):
    assert not similar_summaries(a, b)


def test_the_threshold_is_the_one_documented():
    assert DUPLICATE_SCORE == 90


def test_likely_duplicates_keeps_the_given_order():
    earlier = [("LD-1", "海外仓租金纠纷"), ("LD-2", SUMMARY + "。"), ("LD-3", SUMMARY)]
    found = likely_duplicates(SUMMARY, earlier, lambda case: case[1])
    assert [ref for ref, _ in found] == ["LD-2", "LD-3"]


def test_a_case_found_after_the_warning_warns_again():
    seen = confirmed_references("LD-2026-AAAAAA  LD-2026-BBBBBB")
    assert unconfirmed(["LD-2026-AAAAAA"], seen) == []
    assert unconfirmed(["LD-2026-AAAAAA", "LD-2026-CCCCCC"], seen) == ["LD-2026-CCCCCC"]
    assert confirmed_references(None) == frozenset()


def test_the_window_counts_back_from_now():
    now = datetime(2026, 11, 26, 2, 0, tzinfo=UTC)
    assert window_start(now, 14) == datetime(2026, 11, 12, 2, 0, tzinfo=UTC)
    assert window_start(now, -3) == now
