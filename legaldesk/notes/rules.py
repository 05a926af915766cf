"""What a note may say: plain Python."""

from __future__ import annotations

from typing import Any

from legaldesk.errors import FieldErrors
from legaldesk.validation import text

MAX_LENGTH = 2000


def parse_note(raw: Any) -> str:
    """The note's text (1 to MAX_LENGTH characters, stripped), or ValidationFailed
    naming the field ``text``."""
    errors = FieldErrors()
    value = raw.get("text") if isinstance(raw, dict) else None
    checked = text(errors, value, "text", MAX_LENGTH, required=True)
    errors.raise_if_any()
    return checked
