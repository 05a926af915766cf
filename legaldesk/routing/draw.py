"""The routing draw anyone can re-check: plain Python, every input an argument. The
arithmetic is verify.py's, the standalone verifier the desk serves at /draws/verify.py,
so the check anyone runs is the code that drew.

1. Before the draw the server commits to a random secret: commitment = SHA-256(secret).
2. The pool of eligible lawyers is frozen (sorted ids) and hashed with the case and round.
3. Someone the server cannot predict keys in a contribution (digits from the enterprise
   or a witness).
4. The pick: SHA-256(secret | contribution | pool hash | counter), read as a 64-bit
   number, rejection-sampled so every member has exactly the same chance.
5. The secret is revealed; anyone can recompute steps 1, 2 and 4.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from legaldesk.routing import verify
from legaldesk.routing.verify import commitment, pick_index, pool_hash

__all__ = ["DrawRecord", "commitment", "draw", "new_secret", "pick_index", "pool_hash", "problems"]


def new_secret() -> str:
    return secrets.token_hex(32)


@dataclass(frozen=True)
class DrawRecord:
    reference: str
    round: int
    pool: list[int]
    pool_hash: str
    commitment: str
    secret: str
    contribution: str
    chosen: int


def draw(
    reference: str, round_number: int, pool: list[int], secret: str, contribution: str
) -> DrawRecord:
    frozen = sorted(set(pool))
    digest = pool_hash(reference, round_number, frozen)
    chosen = frozen[pick_index(secret, contribution, digest, len(frozen))]
    return DrawRecord(
        reference, round_number, frozen, digest, commitment(secret), secret, contribution, chosen
    )


def problems(record: DrawRecord) -> list[str]:
    """Everything about a stored draw that does not recompute; empty when it holds."""
    return verify.problems(
        record.reference,
        record.round,
        record.pool,
        record.pool_hash,
        record.commitment,
        record.secret,
        record.contribution,
        record.chosen,
    )
