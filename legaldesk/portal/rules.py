"""How many access-code guesses a status lookup may evaluate: pure, no flask, no clock.

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

from dataclasses import dataclass

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
