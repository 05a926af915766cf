"""Field checks shared by every feature's rules: plain Python."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any, TypeGuard

from legaldesk.errors import FieldErrors
from legaldesk.messages import N_, Msg

REQUIRED = Msg(N_("This field is required."))
NOT_TEXT = Msg(N_("This field must be text."))
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
BAD_EMAIL = Msg(N_("Enter a valid e-mail address."))


ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def calendar_day(raw: str) -> date:
    """A day written YYYY-MM-DD, as every date field asks; ValueError otherwise.
    ``date.fromisoformat`` alone also reads 20260101 and 2026-W01-1, which a reader of
    the URL or the audit entry would not recognise as the day meant."""
    if not isinstance(raw, str) or not ISO_DAY.fullmatch(raw):
        raise ValueError(raw)
    return date.fromisoformat(raw)


EARLIEST_DAY = date(2000, 1, 1)
LATEST_DAY = date(2999, 12, 31)


def day_span(
    raw_from: Any, raw_to: Any, default_from: date | None = None, default_to: date | None = None
) -> tuple[date | None, date | None]:
    """A period asked for as two YYYY-MM-DD fields ``from`` and ``to`` (both days
    included), a blank one standing for its default (None: open-ended); field errors
    for a malformed day, one outside 2000-2999, or an end before the start."""
    errors = FieldErrors()
    days: list[date | None] = []
    for name, raw, default in (("from", raw_from, default_from), ("to", raw_to, default_to)):
        try:
            day = calendar_day(raw) if raw else default
        except (TypeError, ValueError):
            errors.add(name, Msg(N_("Enter a date as YYYY-MM-DD.")))
            day = default
        if day is not None and not EARLIEST_DAY <= day <= LATEST_DAY:
            errors.add(name, Msg(N_("A date from 2000 to 2999.")))
        days.append(day)
    start, end = days
    if not errors and start is not None and end is not None and end < start:
        errors.add("to", Msg(N_("The end date is before the start date.")))
    errors.raise_if_any()
    return start, end


def is_whole(value: Any) -> TypeGuard[int]:
    """A JSON whole number (True and False are ints in Python, not numbers here)."""
    return isinstance(value, int) and not isinstance(value, bool)


MAX_ROW_ID = 2**31 - 1  # an id column's range on PostgreSQL
CHOOSE = Msg(N_("Choose one of the listed options."))


def row_id(errors: FieldErrors, value: Any, name: str, required: bool = True) -> int | None:
    """A row's id in a JSON body: a whole number from 1 to MAX_ROW_ID. Anything else
    (2**63, -1, 1e309, true, "1") is a field error here, not an overflow in the database;
    whether the row exists is the service's question."""
    if value is None and not required:
        return None
    if not is_whole(value) or not 1 <= value <= MAX_ROW_ID:
        errors.add(name, CHOOSE)
        return None
    return value


# Full-width digits and space ("１２", typed with a Chinese input method) as ASCII. Only
# these: NFKC would also read "²" as 2.
FULL_WIDTH = str.maketrans("０１２３４５６７８９\u3000", "0123456789 ")


def whole_from_form(raw: str | None, max_digits: int = 9) -> int | None:
    """A form field's whole number, or None. Full-width digits count as the digits
    they show; then ASCII digits only: str.isdigit() also accepts characters such as
    "²" that int() refuses."""
    raw = (raw or "").translate(FULL_WIDTH).strip()
    if raw.isascii() and raw.isdigit() and len(raw) <= max_digits:
        return int(raw)
    return None


def number_from_form(raw: str | None, max_digits: int = 9) -> int | str | None:
    """An optional number field: None when left empty, its whole number, or else the
    text as typed, which the service then refuses with a field error. A default must
    never stand in for something the user typed ("十二" is not one attendee)."""
    if not (raw or "").strip():
        return None
    number = whole_from_form(raw, max_digits)
    return raw if number is None else number


def text(errors: FieldErrors, value: Any, name: str, limit: int, required: bool) -> str:
    """Stripped text, with a field error when it is missing, not text or too long."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(name, NOT_TEXT)
        return ""
    value = value.strip()
    if required and not value:
        errors.add(name, REQUIRED)
    elif len(value) > limit:
        errors.add(name, Msg(N_("At most %(max)d characters."), {"max": limit}))
    return value


HIDDEN_CHARACTERS = Msg(N_("No invisible characters or text-direction controls here."))


# Characters that show as nothing but are not format characters (the attack passes):
# Hangul fillers, the blank Braille pattern, the combining grapheme joiner, the
# Mongolian vowel separator and free variation selectors, Khmer inherent vowels, the
# Khitan filler and the variation selectors.
_BLANK = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u2800\u3164\uffa0\U00016fe4")
_BLANK_RANGES = ((0x180B, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
# Format characters (Cf: the controls U+202A-U+202E and U+2066-U+2069, zero-width
# spaces and joiners, the byte-order mark), private-use characters that no font shows
# alike (Co) and surrogates (Cs).
_HIDDEN_CATEGORIES = frozenset({"Cf", "Co", "Cs"})


def _noncharacter(code: int) -> bool:
    """U+FDD0-U+FDEF and the last two code points of every plane: never characters.
    (Other unassigned code points may be characters newer than Python's Unicode
    tables, such as rare CJK in people's names, so they are let through.)"""
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def hidden(char: str) -> bool:
    """Whether ``char`` is invisible or steers the text's direction: the categories,
    the noncharacters and the blanks above."""
    code = ord(char)
    return (
        unicodedata.category(char) in _HIDDEN_CATEGORIES
        or _noncharacter(code)
        or char in _BLANK
        or any(low <= code <= high for low, high in _BLANK_RANGES)
    )


def visible_text(errors: FieldErrors, value: Any, name: str, limit: int, required: bool) -> str:
    """Like :func:`text`, refusing :func:`hidden` characters, which make a name read
    as another one: names of people, rooms and the labels of lists."""
    checked = text(errors, value, name, limit, required)
    if any(hidden(c) for c in checked):
        errors.add(name, HIDDEN_CHARACTERS)
    return checked


def required_text(value: Any, name: str, limit: int) -> str:
    """One required text field: its stripped value, or ValidationFailed."""
    errors = FieldErrors()
    checked = text(errors, value, name, limit, required=True)
    errors.raise_if_any()
    return checked


def optional_email(errors: FieldErrors, value: Any, name: str) -> str | None:
    """An e-mail address, or None when left empty."""
    checked = text(errors, value, name, 254, required=False) or None
    if checked and not EMAIL.match(checked):
        errors.add(name, BAD_EMAIL)
    return checked
