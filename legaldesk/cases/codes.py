"""Case references and access codes: random, unguessable, easy to read aloud.

Both use Crockford's base-32 alphabet (no I, L, O, U), so a clerk reading a
code over the phone cannot confuse 0 with O or 1 with I.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_CHARS = 6  # 30 random bits after the year
ACCESS_CODE_CHARS = 10  # 50 random bits (the contract asks for at least 40)
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def _random_chars(count: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(count))


def new_reference(year: int) -> str:
    return f"LD-{year}-{_random_chars(REFERENCE_CHARS)}"


def new_access_code() -> str:
    return _random_chars(ACCESS_CODE_CHARS)


def display_access_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def normalise_access_code(raw: str) -> str:
    """Accept what a person types: any case, spaces or dashes, O for 0 and I/L for 1."""
    return re.sub(r"[\s-]", "", raw or "").upper().translate(_CONFUSABLE)


def normalise_reference(raw: str) -> str:
    return re.sub(r"\s", "", raw or "").upper()
