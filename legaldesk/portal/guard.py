"""Counting access-code guesses before they are checked (the policy is in rules.py),
and ``checked_lookup``, the one way the status page and the status API check a code.

The counters live in the limiter's storage (the database by default, Redis when set),
so every worker and server sees every guess. Each reservation is an atomic increment
whose answer already includes every simultaneous request.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse

from legaldesk.cases.codes import normalise_reference
from legaldesk.cases.models import Consultation
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import TooManyGuesses
from legaldesk.extensions import limiter
from legaldesk.portal import rules, service
from legaldesk.reads_first import reads_then_writes

# Every lookup from one address (the status page and the API); wrong codes per case
# are counted by ``reserve``.
PER_ADDRESS = "30 per minute"

T = TypeVar("T")
_PAIR = parse(rules.PER_ADDRESS_AND_REFERENCE)
_CEILING = parse(rules.PER_REFERENCE)


@dataclass(frozen=True)
class Reservation:
    """The counters this attempt took; ``release`` gives them back."""

    counters: tuple[tuple[str, int], ...] = ()

    def release(self) -> None:
        for key, expiry in self.counters:
            limiter.storage.incr(key, expiry, amount=-1)


def reserve(reference: object) -> Reservation:
    """Count one guess at ``reference`` from this address, or raise TooManyGuesses.

    Known and unknown references are counted alike, so the answer never tells them
    apart. Call it before the request's session has work pending: the counters are
    written on a connection of their own (on SQLite an open write transaction of the
    request would make that connection wait).
    """
    if not current_app.config["RATELIMIT_ENABLED"]:
        return Reservation()
    db.session.commit()
    case = normalise_reference(reference if isinstance(reference, str) else "")[:20] or "-"
    counters = (
        (_PAIR.key_for("status-guess", case, get_remote_address()), _PAIR.get_expiry()),
        (_CEILING.key_for("status-ceiling", case), _CEILING.get_expiry()),
    )
    counts = rules.Reserved(*(limiter.storage.incr(key, expiry) for key, expiry in counters))
    reservation = Reservation(counters)
    if not rules.may_evaluate(counts, _PAIR.amount, _CEILING.amount):
        reservation.release()  # refused attempts are not guesses: nothing was checked
        now = time.time()
        left = [limiter.storage.get_expiry(key) - now for key, _ in counters]
        raise TooManyGuesses(rules.wait_seconds(counts, _PAIR.amount, _CEILING.amount, *left))
    return reservation


def checked_lookup(reference: object, code: object, shown: Callable[[Consultation], T]) -> T:
    """Reserve the guess, check the code and build the answer (``shown``) from the case
    it opens, write the audit entry, then give the reservation back if the code was
    right (the owner's lookups never count).

    The check and the answer are reads outside SQLite's write lock; the audit entry
    (written for a wrong code too) and an old hash's replacement follow in a short
    transaction of their own (``reads_first``).
    """
    reservation = reserve(reference)
    with reads_then_writes(db.session):
        answer = shown(service.lookup(db.session, utcnow(), reference, code))
    reservation.release()
    return answer
