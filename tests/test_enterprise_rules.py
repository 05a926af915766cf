"""Enterprise identifiers: USCC, phone numbers, pinyin initials."""

import pytest

from legaldesk.enterprises.rules import name_initials, normalise_phone, normalise_uscc


def test_uscc_is_upper_cased_and_stripped():
    assert normalise_uscc(" 91330105ma2h00010x ") == ("91330105MA2H00010X", None)


@pytest.mark.parametrize(
    "code,fragment",
    [
        ("91330105MA2H000101", "check character"),
        ("9133", "18 characters"),
        ("91330105MA2H0001I0", "18 characters"),
    ],
)
def test_bad_uscc_says_what_is_wrong(code, fragment):
    _, problem = normalise_uscc(code)
    assert problem is not None and fragment in problem.text


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("13805710001", "+8613805710001"),
        ("138 0571 0001", "+8613805710001"),
        ("+86 138-0571-0001", "+8613805710001"),
        ("0571-87654321", "+8657187654321"),
    ],
)
def test_chinese_phones_are_normalised(raw, expected):
    assert normalise_phone(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["12345", "abc", "1380571000", ""])
def test_bad_phones_are_refused(raw):
    assert normalise_phone(raw)[1] is not None


def test_pinyin_initials_find_chinese_names():
    assert name_initials("杭州物流有限公司") == "hzwlyxgs"
    assert name_initials("ACME 杭州") == "acmehz"
