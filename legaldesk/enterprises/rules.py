"""Validation of the enterprise's identifiers: plain Python."""

from __future__ import annotations

import re

import phonenumbers
from stdnum.cn import uscc as uscc_std
from stdnum.exceptions import InvalidChecksum, ValidationError

from legaldesk.messages import N_, Msg
from legaldesk.pinyin import Style, lazy_pinyin


def normalise_uscc(raw: str) -> tuple[str, Msg | None]:
    """Upper-case and strip a USCC; say precisely what is wrong with a bad one."""
    code = re.sub(r"[\s-]", "", raw).upper()
    try:
        return uscc_std.validate(code), None
    except InvalidChecksum:
        return code, Msg(N_("The check character of this credit code is wrong."))
    except ValidationError:
        return code, Msg(
            N_("A unified social credit code has 18 characters (digits and capital letters).")
        )


def normalise_phone(raw: str) -> tuple[str, Msg | None]:
    """A Chinese mobile or landline number in E.164 form."""
    try:
        number = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        return raw, Msg(N_("Enter a valid mobile or landline number."))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164), None


def display_phone(e164: str) -> str:
    try:
        number = phonenumbers.parse(e164, "CN")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def name_initials(name: str) -> str:
    """First letters of each syllable: 杭州物流 -> hzwl (other characters kept, lower-cased)."""
    letters = lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default")
    return re.sub(r"[^0-9a-z]", "", "".join(letters).lower())
