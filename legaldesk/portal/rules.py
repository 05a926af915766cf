"""How many access-code guesses a status lookup may evaluate, how long a refused address
waits, and what the page then says: pure, no flask, no clock.

The counts are reserved before the code is checked (increment first, then decide), so
thirty simultaneous wrong guesses see the counts 1..30 and only the first ten are
evaluated; a right code gives its reservation back, so the enterprise's own lookups
never count.

Why two counters, and why the ceiling still lets a fresh address try once:

* ``PER_ADDRESS_AND_REFERENCE``: wrong codes for one case from one address. It stops
  one machine guessing, and it cannot lock the owner out from elsewhere: an attacker
  at other addresses fills other counters.
* ``PER_REFERENCE``: wrong codes for one case from every address, the ceiling. It is
  crossed only by a distributed attack. A ceiling that then refused everyone would
  hand any attacker a cheap way to lock an enterprise out of its own case, and the
  owner at a fresh address is indistinguishable from an attacker at a fresh address
  except by knowing the code, which is what we cannot look at without evaluating it.
  So past the ceiling each address gets one evaluation per window instead of ten:
  the owner's first try with the receipt's code still works, a botnet of N addresses
  gets N guesses an hour instead of 10·N, and the server's scrypt work per case
  stays bounded per address.
* The code carries 50 random bits (``cases.codes``): even 10 000 addresses, each with
  one guess an hour, need on the order of 10¹¹ hours for an even chance. The front
  desk can always reissue a code (which also clears the case's ceiling), and an
  enterprise account needs no code at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from legaldesk.messages import N_, Msg

PER_ADDRESS_AND_REFERENCE = "10 per hour"
PER_REFERENCE = "50 per day"
AFTER_CEILING_PER_ADDRESS = 1


@dataclass(frozen=True)
class Reserved:
    """The counts after this attempt was added to them."""

    address_and_reference: int
    reference: int


def may_evaluate(counts: Reserved, per_address: int, ceiling: int) -> bool:
    """Whether this attempt's code may be checked at all."""
    if counts.address_and_reference > per_address:
        return False
    return counts.reference <= ceiling or counts.address_and_reference <= AFTER_CEILING_PER_ADDRESS


def wait_seconds(
    counts: Reserved, per_address: int, ceiling: int, pair_left: float, ceiling_left: float
) -> int:
    """How long a refused address waits until one of its guesses is evaluated again
    (whole seconds, at least one), given the time left in each counter's window.

    Past this address's own limit only the end of its window helps; otherwise (the
    ceiling refused a second try from here) the end of either window does, since a
    new window of this address allows one try again past the ceiling.
    """
    own_limit = counts.address_and_reference > per_address
    return max(1, math.ceil(pair_left if own_limit else min(pair_left, ceiling_left)))


_TOO_MANY_WRONG = N_("Too many wrong access codes were entered for this case from your network.")
_TOO_MANY_CHECKS = N_("Too many status checks were made from your network.")
_FRONT_DESK = N_(
    "The enterprise can also ask the center's front desk (the consultation window) for a "
    "new access code; the old code then stops working."
)
_FRONT_DESK_AT = N_(
    "The enterprise can also ask the center's front desk for a new access code: %(contact)s."
)


def limited_message(wrong_codes: bool, wait: int, front_desk: str) -> list[Msg]:
    """What the status page says when it may not look up now: why, how long to wait,
    and that the front desk can issue a new access code (its contact when configured)."""
    minutes = max(1, math.ceil(wait / 60))
    again = (
        N_("Please try again in %(minutes)s minute.")
        if minutes == 1
        else N_("Please try again in %(minutes)s minutes.")
    )
    desk = Msg(_FRONT_DESK_AT, {"contact": front_desk}) if front_desk else Msg(_FRONT_DESK)
    return [
        Msg(_TOO_MANY_WRONG if wrong_codes else _TOO_MANY_CHECKS),
        Msg(again, {"minutes": minutes}),
        desk,
    ]
