"""Case references and access codes: random, unguessable, easy to read aloud.

Both use Crockford's base-32 alphabet (no I, L, O, U), so a clerk reading a
code over the phone cannot confuse 0 with O or 1 with I.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
REFERENCE_CHARS = 6  # 30 random bits after the year
ACCESS_CODE_CHARS = 10  # 50 random bits (the contract asks for at least 40)
# The stored form of an access code: an HMAC-SHA256 under a key outside the database.
DIGEST_PREFIX = "hmac-sha256$"
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


def code_digest(reference: str, code: str, key: bytes) -> str:
    """What the database keeps of a (normalised) access code: an HMAC-SHA256 under the
    desk's access-code key, of the case's reference and the code.

    Keyed and fast rather than salted and slow (scrypt took 70-400 ms a lookup): the
    database alone gives no code away, since nobody can compute a digest without the
    key; with the key as well, the 50-bit code space can be searched offline (the
    lookup's rate limit guards only the online way). The reference binds the digest
    to its case, so a digest copied into another row opens nothing there.
    """
    message = f"{reference}\n{code}".encode()
    return DIGEST_PREFIX + hmac.new(key, message, hashlib.sha256).hexdigest()


def is_digest(stored: str) -> bool:
    """Whether ``stored`` is the HMAC form (not an older scrypt or PBKDF2 hash)."""
    return stored.startswith(DIGEST_PREFIX)


def digest_matches(stored: str, reference: str, code: str, key: bytes) -> bool:
    """Whether ``code`` (normalised) is the one ``stored`` digests, compared in constant
    time (a stored hash of the older forms never matches here)."""
    return hmac.compare_digest(stored, code_digest(reference, code, key))
