"""Shared field parsing."""

from legaldesk.validation import is_whole, whole_from_form


def test_form_numbers_are_ascii_digits_only():
    assert whole_from_form(" 42 ") == 42 and whole_from_form("0") == 0
    for bad in ("", None, "-1", "4.5", "²", "٣", "1e3", "1234567890"):
        assert whole_from_form(bad) is None, bad
    assert whole_from_form("1234567890", max_digits=10) == 1234567890


def test_json_whole_numbers_are_not_booleans():
    assert is_whole(3) and not is_whole(True) and not is_whole(3.0) and not is_whole("3")
