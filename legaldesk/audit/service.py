"""Appending to and verifying the audit chain.

Changes are sealed into the chain at once, under the chain lock. Reads (rules.
READ_ACTIONS) are appended pending, without the lock and without reading the chain's
head, so concurrent reads never wait for each other; ``seal_pending`` (the
scheduler's job, ``flask desk audit-seal``) seals them into the chain in batches.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app

from legaldesk.actor import Actor
from legaldesk.audit.models import AuditEntry
from legaldesk.audit.rules import (
    GENESIS,
    PENDING_MAC_VERSION,
    ChainBreak,
    Checkpoint,
    canonical_detail,
    first_break,
    first_pending_break,
    is_read,
    pending_mac,
    pending_problem,
    seal,
)
from legaldesk.db import DbSession
from legaldesk.reads_first import after_the_reads

# Any constant: the transaction-scoped advisory lock that serialises appends on PostgreSQL.
_CHAIN_LOCK = 0x1E6A1DE5
# How many pending entries one sealing transaction takes (the chain lock is held that long).
SEAL_BATCH = 500
_NEXT_ID = sa.text("SELECT nextval(pg_get_serial_sequence('audit_entries', 'id'))")
# Built once: every audited read asks it, and SQLAlchemy keeps a statement's cache key
# with the statement (a fresh one's is worked out again on every call).
_LAST_ID = sa.select(sa.func.max(AuditEntry.id))


def _lock_chain(session: DbSession) -> None:
    """Make concurrent appenders take turns, so two entries never share a predecessor.

    SQLite already runs every write transaction alone (BEGIN IMMEDIATE, see
    ``legaldesk.sqlite_locking``); PostgreSQL takes an advisory lock held until commit.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})


def _chain_head(session: DbSession) -> tuple[int, str]:
    """The newest sealed entry's seq and seal (0 and GENESIS for an empty chain). Call
    it under the chain lock."""
    last = session.execute(
        sa.select(AuditEntry.seq, AuditEntry.hash)
        .where(AuditEntry.seq.is_not(None))
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    ).first()
    return (last.seq, last.hash) if last else (0, GENESIS)


def _new_id(session: DbSession) -> int:
    """An id for a pending entry before it is written, so that its MAC covers its id.

    PostgreSQL: the id sequence (no lock). SQLite: one past the largest, safe because
    every write transaction holds the database's write lock (BEGIN IMMEDIATE).
    """
    if session.get_bind().dialect.name == "postgresql":
        return int(session.scalar(_NEXT_ID))
    session.flush()  # entries added earlier in this transaction count
    return int(session.scalar(_LAST_ID) or 0) + 1


def seal_key() -> bytes:
    """The app's audit key (configuration, never a database value)."""
    return str(current_app.config["AUDIT_KEY"]).encode("utf-8")


def actor_label(actor: Actor | None) -> str:
    """Who acted, as the log keeps it; None is the desk itself (a timer, the CLI)."""
    if actor is None:
        return "system"
    return f"{actor.role}:{getattr(actor, 'email', '')}"


def record(
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    action: str,
    object_type: str,
    object_id: str | int,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. ``detail`` names fields and statuses, never case content.

    A read is written pending (no lock, no chain head), at the end of the request's
    reads when it reads first (``reads_first``); a change is sealed at once.
    """
    entry = AuditEntry(
        at=now,
        actor_id=getattr(actor, "id", None),
        actor=actor_label(actor),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail=canonical_detail(detail),
    )
    if is_read(action):
        after_the_reads(session, lambda writer: _append_pending(writer, entry))
        return entry
    _lock_chain(session)
    session.flush()
    seq, prev = _chain_head(session)
    seal(entry, seq + 1, prev, seal_key())
    session.add(entry)
    session.flush()
    return entry


def _append_pending(session: DbSession, entry: AuditEntry) -> None:
    """Add a read's entry, pending: its id first, so that its own MAC covers it."""
    entry.id, entry.mac_version = _new_id(session), PENDING_MAC_VERSION
    entry.hash = pending_mac(entry, seal_key())
    session.add(entry)


@dataclass
class SealedBatch:
    """What one sealing transaction did: how many entries it sealed, the last pending
    id it looked at (None: nothing was pending), and the pending entries it refused
    to seal because they fail their own MAC (they stay pending, for audit-verify)."""

    sealed: int = 0
    last_id: int | None = None
    refused: list[ChainBreak] = field(default_factory=list)


def newest_pending_id(session: DbSession) -> int | None:
    """Where a sealing run stops: reads written after it starts wait for the next run."""
    return session.scalar(sa.select(sa.func.max(AuditEntry.id)).where(AuditEntry.seq.is_(None)))


def seal_pending(
    session: DbSession, after_id: int = 0, up_to_id: int | None = None, limit: int = SEAL_BATCH
) -> SealedBatch:
    """Seal up to ``limit`` pending entries with ids after ``after_id`` (and up to
    ``up_to_id``) into the chain, in id order, under the chain lock: the caller commits.

    Two sealers take turns on the lock and the second finds the entries the first
    sealed no longer pending, so each entry is sealed once. The chain's order is the
    order of sealing: a change sealed meanwhile comes before the reads sealed after it
    (each entry keeps its own time). An entry whose own MAC fails is left pending.
    """
    _lock_chain(session)
    query = (
        sa.select(AuditEntry)
        .where(AuditEntry.seq.is_(None), AuditEntry.id > after_id)
        .order_by(AuditEntry.id)
        .limit(limit)
    )
    if up_to_id is not None:
        query = query.where(AuditEntry.id <= up_to_id)
    entries = session.scalars(query).all()
    if not entries:
        return SealedBatch()
    batch = SealedBatch(last_id=entries[-1].id)
    seq, prev = _chain_head(session)
    key = seal_key()
    for entry in entries:
        problem = pending_problem(entry, key)
        if problem is not None:
            batch.refused.append(ChainBreak(0, entry.id, problem))
            continue
        seq += 1
        seal(entry, seq, prev, key)
        prev = entry.hash
        batch.sealed += 1
    session.flush()
    return batch


def pending_count(session: DbSession) -> int:
    """How many entries wait to be sealed."""
    query = sa.select(sa.func.count()).select_from(AuditEntry).where(AuditEntry.seq.is_(None))
    return session.scalar(query) or 0


def _in_order(session: DbSession, column: Any, *where: Any) -> Iterator[AuditEntry]:
    """Entries in ``column`` order, a thousand at a time (the session is emptied after
    each thousand, so a long walk holds few rows)."""
    last = 0
    while True:
        rows = session.scalars(
            sa.select(AuditEntry).where(column > last, *where).order_by(column).limit(1000)
        ).all()
        if not rows:
            return
        yield from rows
        last = getattr(rows[-1], column.key)
        session.expunge_all()


def _entries_in_order(session: DbSession) -> Iterator[AuditEntry]:
    """The chain, by seq."""
    return _in_order(session, AuditEntry.seq)


def _pending_in_order(session: DbSession) -> Iterator[AuditEntry]:
    """The entries pending sealing, by id."""
    return _in_order(session, AuditEntry.id, AuditEntry.seq.is_(None))


def verify(
    session: DbSession, key: bytes | None = None, checkpoints: list[Checkpoint] | None = None
) -> tuple[int, ChainBreak | None]:
    """Check the whole chain (and that it passes through every checkpoint), then each
    pending entry's own MAC; answer how many entries the chain has and the first break
    (in the chain, else among the pending entries)."""
    key = key or seal_key()
    count = 0

    def walked() -> Iterator[AuditEntry]:
        nonlocal count
        for entry in _entries_in_order(session):
            count += 1
            yield entry

    broken = first_break(walked(), key, checkpoints or [])
    return count, broken or first_pending_break(_pending_in_order(session), key)


def verified_head(
    session: DbSession, checkpoints: list[Checkpoint]
) -> tuple[ChainBreak | None, tuple[int, int, str] | None]:
    """Walk the whole chain once, then the pending entries: the first break, or (when
    all holds, also through every checkpoint) the seq, id and seal of the last entry
    of the chain verified: a head that may be published, because everything up to it
    was checked. A pending entry that fails its own MAC is a break too: the admins
    hear of it, and no checkpoint is published until it is looked into."""
    last = None

    def walked() -> Iterator[AuditEntry]:
        nonlocal last
        for entry in _entries_in_order(session):
            last = (int(entry.seq or 0), entry.id, entry.hash)
            yield entry

    key = seal_key()
    broken = first_break(walked(), key, checkpoints)
    broken = broken or first_pending_break(_pending_in_order(session), key)
    return broken, (None if broken else last)


def recent_entries_for(
    session: DbSession, object_type: str, object_id: str, limit: int = 50
) -> tuple[list[AuditEntry], int]:
    """The newest entries about one object, pending ones included, and how many there
    are in all. Newest by id: the order they were written, which sealing keeps."""
    where = (AuditEntry.object_type == object_type, AuditEntry.object_id == object_id)
    total = session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(*where))
    entries = session.scalars(
        sa.select(AuditEntry).where(*where).order_by(AuditEntry.id.desc()).limit(limit)
    ).all()
    return list(entries), total or 0
