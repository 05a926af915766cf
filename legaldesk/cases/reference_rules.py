"""Checking the center's own lists (categories, closing codes) as a manager edits
them: plain Python. A code is what cases store and the API speaks, so it is checked
hard and never changes; the labels are what people read, in both languages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from legaldesk.errors import Conflict, FieldErrors
from legaldesk.messages import N_, Msg
from legaldesk.validation import visible_text


@dataclass(frozen=True)
class ListKind:
    """One kept list: how its codes look and how its audit actions are named."""

    slug: str  # in URLs and the API: "categories", "closing-codes"
    action: str  # audit actions are "<action>.add", "<action>.rename", ...
    pattern: re.Pattern[str]
    code_hint: str  # the message when a code does not fit the pattern


CATEGORY_CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
CLOSING_CODE = re.compile(r"^[A-Z]$")

KINDS = {
    "categories": ListKind(
        "categories",
        "category",
        CATEGORY_CODE,
        N_(
            "Use 2 to 40 lower-case letters, digits and underscores, "
            "starting with a letter, e.g. trade_fairs."
        ),
    ),
    "closing-codes": ListKind(
        "closing-codes", "closing_code", CLOSING_CODE, N_("Use one capital letter, e.g. M.")
    ),
}
LABEL_MAX = 100
DIRECTIONS = ("up", "down")


class CodeTaken(Conflict):
    """Another entry of the list already has this code (perhaps added a moment ago by
    someone else): codes are for ever, so the second one is refused."""

    code = "code_taken"
    default_message = Msg(N_("This code is already in use."))


def code_taken(code: str) -> CodeTaken:
    """The refusal, said at the form's code field too."""
    message = Msg(N_("The code %(code)s is already in use; choose another."), {"code": code})
    return CodeTaken(message, fields={"code": [message]})


def check_code(kind: ListKind, errors: FieldErrors, raw: Any) -> str:
    code = raw.strip() if isinstance(raw, str) else ""
    if not kind.pattern.match(code):
        errors.add("code", Msg(kind.code_hint))
    return code


def check_labels(errors: FieldErrors, raw: dict[str, Any], partial: bool) -> dict[str, str]:
    """The labels sent (both when adding; those present when renaming)."""
    labels = {}
    for name in ("label_zh", "label_en"):
        if partial and name not in raw:
            continue
        labels[name] = visible_text(errors, raw.get(name), name, LABEL_MAX, required=True)
    return labels


def check_flag(errors: FieldErrors, raw: Any, name: str) -> bool:
    if not isinstance(raw, bool):
        errors.add(name, Msg(N_("Answer true or false.")))
        return False
    return raw


def swapped(codes: list[str], code: str, direction: str) -> list[str]:
    """The list's order after moving ``code`` one place up or down (unchanged at an end)."""
    order = list(codes)
    i = order.index(code)
    j = i - 1 if direction == "up" else i + 1
    if 0 <= j < len(order):
        order[i], order[j] = order[j], order[i]
    return order
