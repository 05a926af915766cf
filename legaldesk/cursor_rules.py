"""Opaque cursors for keyset paging: where a list's page starts, carried in a link.

A page of a long list is found from the sort key of the row next to it ("the 50
cases after this one") instead of by counting rows from the top, so page 10,000
costs what page 1 does. The cursor holds that key, the sort it belongs to, the
direction of the walk and the page's number (counted from the first page, or from
the last when negative: the end of a list too long to count), signed with the
desk's secret so that an edited cursor is refused rather than trusted.

Pure: no flask, no database; the secret is an argument.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

VERSION = 1
MAX_LENGTH = 600  # longer than any cursor this module writes
_SIGNATURE_BYTES = 12
Key = tuple[Any, ...]  # the sort key of one row, the row's id last


class BadCursor(ValueError):
    """A cursor that was edited, cut short, or made for another order or version."""


@dataclass(frozen=True)
class Cursor:
    """Where a page starts: after ``key`` (or before it, walking ``backward``), or,
    with no key and ``backward``, the list's last page. ``page`` is the number of the
    page it leads to (1 the first, -1 the last, 0 not known)."""

    sort: str
    key: Key | None
    backward: bool = False
    page: int = 0

    @classmethod
    def last(cls, sort: str) -> Cursor:
        return cls(sort, None, backward=True, page=-1)


def _value(value: Any) -> Any:
    """A key's value in JSON: dates and times tagged, so they come back as such."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return "t" + value.isoformat()
    if isinstance(value, date):
        return "d" + value.isoformat()
    if isinstance(value, str):
        return "s" + value
    if value is None or isinstance(value, int):
        return value
    raise TypeError(f"not a sort key value: {value!r}")


def _from_value(raw: Any) -> Any:
    if raw is None or (isinstance(raw, int) and not isinstance(raw, bool)):
        if isinstance(raw, int) and abs(raw) > 2**63:
            raise BadCursor("number out of range")
        return raw
    if not isinstance(raw, str) or not raw:
        raise BadCursor("not a key value")
    tag, text = raw[0], raw[1:]
    try:
        if tag == "t":
            moment = datetime.fromisoformat(text)
            if moment.tzinfo is None:
                raise BadCursor("a time without its offset")
            return moment
        if tag == "d":
            return date.fromisoformat(text)
    except ValueError as error:
        raise BadCursor("not a date or time") from error
    if tag == "s":
        return text
    raise BadCursor("unknown tag")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise BadCursor("not base64") from error


def _signature(payload: bytes, secret: bytes) -> bytes:
    return hmac.new(secret, b"list-cursor:" + payload, hashlib.sha256).digest()[:_SIGNATURE_BYTES]


def encode(cursor: Cursor, secret: bytes) -> str:
    """The cursor as URL-safe text: base64 of its JSON, a dot, base64 of its signature."""
    key = None if cursor.key is None else [_value(v) for v in cursor.key]
    body = [VERSION, cursor.sort, int(cursor.backward), cursor.page, key]
    payload = json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()
    return _b64(payload) + "." + _b64(_signature(payload, secret))


def decode(text: str, secret: bytes, sort: str) -> Cursor:
    """The cursor ``text`` stands for, if this desk signed it for the order ``sort``;
    raises BadCursor otherwise (never anything else)."""
    if len(text) > MAX_LENGTH or text.count(".") != 1:
        raise BadCursor("not a cursor")
    encoded, signed = text.split(".")
    payload = _unb64(encoded)
    if not hmac.compare_digest(_unb64(signed), _signature(payload, secret)):
        raise BadCursor("signature does not match")
    try:
        body = json.loads(payload)
    except ValueError as error:
        raise BadCursor("not JSON") from error
    if not isinstance(body, list) or len(body) != 5 or body[0] != VERSION:
        raise BadCursor("another version")
    _, made_for, backward, page, key = body
    if made_for != sort:
        raise BadCursor("made for another order")
    if backward not in (0, 1) or not isinstance(page, int) or abs(page) > 10**9:
        raise BadCursor("bad direction or page")
    if key is not None and not (isinstance(key, list) and 0 < len(key) <= 10):
        raise BadCursor("bad key")
    values = None if key is None else tuple(_from_value(v) for v in key)
    if values is None and not backward:
        raise BadCursor("a walk forward needs a key")
    return Cursor(sort, values, bool(backward), page)
