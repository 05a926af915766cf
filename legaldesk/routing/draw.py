"""The routing draw anyone can re-check: plain Python, every input an argument.

1. Before the draw the server commits to a random secret: commitment = SHA-256(secret).
2. The pool of eligible lawyers is frozen (sorted ids) and hashed with the case and round.
3. Someone the server cannot predict keys in a contribution (digits from the enterprise
   or a witness).
4. The pick: SHA-256(secret | contribution | pool hash | counter), read as a 64-bit
   number, rejection-sampled so every member has exactly the same chance.
5. The secret is revealed; anyone can recompute steps 1, 2 and 4.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass

SPACE = 2**64


def new_secret() -> str:
    return secrets.token_hex(32)


def commitment(secret: str) -> str:
    return hashlib.sha256(bytes.fromhex(secret)).hexdigest()


def pool_hash(reference: str, round_number: int, pool: list[int]) -> str:
    canonical = json.dumps(
        {"reference": reference, "round": round_number, "pool": pool},
        separators=(",", ":"),
        sort_keys=True,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def pick_index(secret: str, contribution: str, pool_digest: str, size: int) -> int:
    """An index in range(size), uniform: values past the last whole multiple of size
    are drawn again (no modulo bias)."""
    if size < 1:
        raise ValueError("empty pool")
    limit = SPACE - SPACE % size
    counter = 0
    while True:
        material = f"{secret}|{contribution}|{pool_digest}|{counter}".encode()
        value = int.from_bytes(hashlib.sha256(material).digest()[:8], "big")
        if value < limit:
            return value % size
        counter += 1


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
    found = []
    if record.pool != sorted(set(record.pool)):
        found.append("the pool is not the sorted list of distinct ids")
    if pool_hash(record.reference, record.round, record.pool) != record.pool_hash:
        found.append("the pool does not match its hash")
    try:
        if commitment(record.secret) != record.commitment:
            found.append("the secret does not match the commitment")
    except ValueError:
        found.append("the secret is not hexadecimal")
    if record.pool and not found:
        expected = record.pool[
            pick_index(record.secret, record.contribution, record.pool_hash, len(record.pool))
        ]
        if expected != record.chosen:
            found.append(f"the draw picks {expected}, not {record.chosen}")
    return found
