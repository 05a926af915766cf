#!/usr/bin/env python3
"""Check a LegalDesk routing draw from its public record, without the desk.

    python3 verify.py record.json      # the JSON of /draws/<id>.json; exit 0 when it holds

Python's standard library alone: save this file and a draw's record, and run it on
any machine. The desk draws with these very functions (legaldesk/routing/draw.py
imports them), so what it checks is how the lawyer was chosen:

1. Before the draw the desk committed to a random secret: commitment = SHA-256(secret).
2. The pool of eligible lawyers was frozen (their directory numbers, sorted) and
   hashed with the case's reference and the round.
3. A contribution nobody at the desk could know when it committed was fixed (digits
   keyed in by a witness, or a public lottery's numbers).
4. The pick: SHA-256(secret | contribution | pool hash | counter), its first eight
   bytes as a number, drawn again while past the last whole multiple of the pool's
   size (so every member has exactly the same chance); the number modulo the size
   picks the position in the sorted pool.
5. The secret is published with the result; anyone recomputes 1, 2 and 4.

Exit status: 0 the record holds; 1 it does not (each reason printed); 2 the record
cannot be read, or the draw has not happened yet (no secret published).
"""

from __future__ import annotations

import hashlib
import json
import sys
from typing import Any

SPACE = 2**64


def commitment(secret: str) -> str:
    """The published hash of the secret (hexadecimal in, hexadecimal out)."""
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


def problems(
    reference: str,
    round_number: int,
    pool: list[int],
    digest: str,
    promised: str,
    secret: str,
    contribution: str,
    chosen: int,
) -> list[str]:
    """Everything about a draw that does not recompute; empty when it holds."""
    found = []
    if pool != sorted(set(pool)):
        found.append("the pool is not the sorted list of distinct directory numbers")
    if pool_hash(reference, round_number, pool) != digest:
        found.append("the pool does not match its hash")
    try:
        if commitment(secret) != promised:
            found.append("the secret does not match the commitment")
    except ValueError:
        found.append("the secret is not hexadecimal")
    if pool and not found:
        expected = pool[pick_index(secret, contribution, digest, len(pool))]
        if expected != chosen:
            found.append(f"the draw picks number {expected}, not {chosen}")
    return found


def check_record(record: dict[str, Any]) -> list[str]:
    """The problems of a public record (the JSON of /draws/<id>.json). A draw with no
    contribution recomputes, but the desk alone decided it: that fails too."""
    missing = [] if record.get("contribution") else ["no contribution: the desk alone decided"]
    return missing + problems(
        str(record["reference"]),
        int(record["round"]),
        [int(member["id"]) for member in record["pool"]],
        str(record["pool_hash"]),
        str(record["commitment"]),
        str(record["secret"]),
        str(record.get("contribution") or ""),
        int(record["chosen"]["id"]),
    )


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python3 verify.py record.json", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as file:
            record = json.load(file)
        if not record.get("secret"):
            print("this round is committed but not drawn yet: nothing to check")
            return 2
        found = check_record(record)
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"cannot read the record: {error!r}", file=sys.stderr)
        return 2
    name = f"{record['reference']} round {record['round']}"
    if found:
        for problem in found:
            print(f"FAILS: {problem}")
        print(f"{name}: the draw does not hold")
        return 1
    chosen = record["chosen"]
    print(f"{name}: holds; {chosen.get('name', '')} (number {chosen['id']}) was drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
