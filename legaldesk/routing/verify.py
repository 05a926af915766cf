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

    python3 verify.py record.json --commitment HEX   # also the commitment a witness noted
    python3 verify.py record.json --contribution 20260701   # and the number they keyed in

The names shown are the directory's as they were when the round was committed, but
nothing binds them (nor the number's source, nor the times): what the draw binds is
each lawyer's directory number, so check the number drawn, not only the name. A
witness who keeps the number they keyed in checks it with --contribution: once the
secret is out, another number could be found that draws the same pool differently.

Exit status: 0 the record holds; 1 it does not (each reason printed); 2 the record
cannot be read, or the round was never drawn (not yet: no secret published; or put
aside, its secret then shown and checked against its commitment); 3 it recomputes,
but has no contribution: the desk alone decided it, so it is no fair draw.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import unicodedata
from datetime import datetime
from typing import Any

SPACE = 2**64
SOURCES = {"witness": "a witness's number", "lottery": "public lottery numbers"}
HEX64 = set("0123456789abcdef")


def _is_hex64(value: object) -> bool:
    """64 lower-case hexadecimal digits, exactly: the one way the desk writes a secret
    and its hashes (bytes.fromhex would accept capitals and spaces, and each such
    spelling of one secret picks differently)."""
    return isinstance(value, str) and len(value) == 64 and set(value) <= HEX64


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
    if not pool:
        found.append("the pool is empty")
    if pool != sorted(set(pool)):
        found.append("the pool is not the sorted list of distinct directory numbers")
    if contribution and not (contribution.isascii() and contribution.isdigit()):
        found.append("the contribution must be digits only (the desk draws with nothing else)")
    if pool_hash(reference, round_number, pool) != digest:
        found.append("the pool does not match its hash")
    if not (_is_hex64(secret) and _is_hex64(promised)):
        found.append("the secret and the commitment must be 64 lower-case hexadecimal digits")
    elif commitment(secret) != promised:
        found.append("the secret does not match the commitment")
    if pool and not found:
        expected = pool[pick_index(secret, contribution, digest, len(pool))]
        if expected != chosen:
            found.append(f"the draw picks number {expected}, not {chosen}")
    return found


def _whole(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{value!r} is not a whole number")
    return value


def check_record(record: dict[str, Any]) -> list[str]:
    """The problems of a public record (the JSON of /draws/<id>.json); the names
    shown must be the pool's own."""
    pool = [(_whole(member["id"]), str(member["name"])) for member in record["pool"]]
    chosen = record["chosen"]
    found = problems(
        str(record["reference"]),
        _whole(record["round"]),
        [number for number, _ in pool],
        str(record["pool_hash"]),
        str(record["commitment"]),
        str(record["secret"]),
        str(record.get("contribution") or ""),
        _whole(chosen["id"]),
    )
    if not found and dict(pool).get(chosen["id"]) != chosen.get("name"):
        found.append("the name of the lawyer drawn is not the pool's")
    committed, drawn = (_moment(record[name]) for name in ("committed_at", "drawn_at"))
    if drawn <= committed:
        found.append("the draw is not later than its commitment")
    if record.get("contribution_source") not in (None, *SOURCES):
        found.append("the contribution's source is neither a witness nor the lottery")
    return found


def _moment(value: object) -> datetime:
    moment = datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError(f"{value!r} has no time zone")
    return moment


def _put_aside(record: dict[str, Any], name: str) -> int:
    """A round put aside without a draw: its revealed secret must still be the one
    it committed to (exit 1 if not, else 2: nothing was drawn)."""
    secret, promised = record.get("secret"), record.get("commitment")
    print(f"{name}: put aside at {_shown(record['voided_at'])} without a draw")
    if not (_is_hex64(secret) and _is_hex64(promised) and commitment(str(secret)) == promised):
        print("FAILS: the secret shown does not match the commitment")
        print("结论：核验未通过，公开的密钥与承诺不符。")
        return 1
    print("its secret matches its commitment; no lawyer was drawn in this round")
    print("结论：本轮已作废，未抽签；公开的密钥与承诺相符。")
    return 2


def _shown(text: object) -> str:
    """``text`` safe for a terminal: control characters (escape codes that could
    rewrite the lines above) and bidirectional marks shown as escapes."""
    return "".join(
        c
        if c.isprintable() and not 0x202A <= ord(c) <= 0x202E and not 0x2066 <= ord(c) <= 0x2069
        else c.encode("unicode_escape").decode("ascii")
        for c in str(text)
    )


def _read(path: str) -> dict[str, Any]:
    with open(path, encoding="utf-8") as file:
        record = json.load(file)
    if not isinstance(record, dict):
        raise TypeError("the record is not a JSON object")
    return record


UNREADABLE = "结论：无法读取该记录，请使用抽签公开记录页面下载的 JSON 文件。"


def main(argv: list[str]) -> int:
    """Exit 0: the draw holds. 1: it does not (tampered, or not the witness's numbers).
    2: no record to check. 3: it recomputes, but nobody outside the desk contributed,
    so the desk alone decided it: no fair draw."""
    for stream in (sys.stdout, sys.stderr):  # a console that cannot show Chinese names
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    parser = argparse.ArgumentParser(description="Check a LegalDesk draw from its record.")
    parser.add_argument("record", help="the JSON of /draws/<id>.json")
    parser.add_argument("--commitment", help="the commitment a witness noted before the draw")
    parser.add_argument("--pool-hash", help="the pool hash a witness noted before the draw")
    parser.add_argument("--contribution", help="the number the witness keyed in (digits)")
    args = parser.parse_args(argv[1:])
    try:
        record = _read(args.record)
        if record.get("voided_at"):
            return _put_aside(
                record, f"{_shown(record['reference'])} round {_shown(record['round'])}"
            )
        if not record.get("commitment"):
            raise KeyError("commitment")  # not a draw's record at all
        if not record.get("secret"):
            print("this round is committed but not drawn yet: nothing to check")
            print("结论：本轮已公布承诺，尚未抽签，暂无可核验的内容。")
            return 2
        found = check_record(record)
        name = f"{_shown(record['reference'])} round {_shown(record['round'])}"
        chosen = record["chosen"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError, OverflowError) as error:
        print(f"cannot read the record: {_shown(repr(error))[:300]}", file=sys.stderr)
        print(UNREADABLE, file=sys.stderr)
        return 2
    except RecursionError:
        print("cannot read the record: nested too deeply", file=sys.stderr)
        print(UNREADABLE, file=sys.stderr)
        return 2
    noted = {"commitment": args.commitment, "pool_hash": args.pool_hash}
    for field, value in noted.items():
        if value is not None and value.strip().lower() != record[field]:
            found.append(f"the {field.replace('_', ' ')} is not the one the witness noted")
    # the digits as typed, in any script (a Chinese input method gives full-width ones)
    typed = "".join(str(unicodedata.decimal(c)) for c in args.contribution or "" if c.isdecimal())
    if args.contribution is not None and typed != record.get("contribution"):
        found.append("the contribution is not the number the witness keyed in")
    if found:
        for problem in found:
            print(f"FAILS: {problem}")
        print(f"{name}: the draw does not hold")
        print("结论：核验未通过，本次抽签记录不成立。")
        return 1
    if not record.get("contribution"):
        print(f"{name}: recomputes, but nobody outside the desk contributed to it: the desk")
        print("alone decided this round, so it is no fair draw")
        print("结论：结果可复算，但没有外部号码参与，不是公平抽签。")
        return 3
    print(f"{name}: holds; {_shown(chosen['name'])} (number {chosen['id']}) was drawn")
    if record.get("contribution_source") in SOURCES:
        print(f"the contribution was {SOURCES[record['contribution_source']]}")
    print("the names are as the directory had them at the commitment; the draw binds the")
    print("directory numbers")
    print(f"结论：核验通过，抽中 {_shown(chosen['name'])}（编号 {chosen['id']}）。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
