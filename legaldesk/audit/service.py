"""Appending to and verifying the audit chain."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import current_app

from legaldesk.actor import Actor
from legaldesk.audit.models import AuditEntry
from legaldesk.audit.rules import (
    GENESIS,
    MAC_VERSION,
    ChainBreak,
    Checkpoint,
    canonical_detail,
    entry_mac,
    first_break,
)
from legaldesk.db import DbSession

# Any constant: the transaction-scoped advisory lock that serialises appends on PostgreSQL.
_CHAIN_LOCK = 0x1E6A1DE5


def _lock_chain(session: DbSession) -> None:
    """Make concurrent appenders take turns, so two entries never share a predecessor.

    SQLite already runs every write transaction alone (BEGIN IMMEDIATE, see
    ``legaldesk.sqlite_locking``); PostgreSQL takes an advisory lock held until commit.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})


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
    """Append one entry. ``detail`` names fields and statuses, never case content."""
    _lock_chain(session)
    session.flush()
    last = session.execute(
        sa.select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    entry = AuditEntry(
        seq=seq,
        at=now,
        actor_id=getattr(actor, "id", None),
        actor=actor_label(actor),
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        detail=canonical_detail(detail),
        prev_hash=prev,
        mac_version=MAC_VERSION,
    )
    entry.hash = entry_mac(entry, seal_key())
    session.add(entry)
    session.flush()
    return entry


def _entries_in_order(session: DbSession, batch: int = 1000) -> Iterator[AuditEntry]:
    last_seq = 0
    while True:
        rows = session.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.seq > last_seq)
            .order_by(AuditEntry.seq)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last_seq = rows[-1].seq
        session.expunge_all()


def verify(
    session: DbSession, key: bytes | None = None, checkpoints: list[Checkpoint] | None = None
) -> tuple[int, ChainBreak | None]:
    """Check the whole chain (and that it passes through every checkpoint); answer how
    many entries there are and the first break."""
    count = session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) or 0
    return count, first_break(_entries_in_order(session), key or seal_key(), checkpoints or [])


def verified_head(
    session: DbSession, checkpoints: list[Checkpoint]
) -> tuple[ChainBreak | None, tuple[int, int, str] | None]:
    """Walk the whole chain once: its first break, or (when it holds, also through every
    checkpoint) the seq, id and seal of the last entry verified: a head that may be
    published, because everything up to it was checked."""
    last = None

    def walked() -> Iterator[AuditEntry]:
        nonlocal last
        for entry in _entries_in_order(session):
            last = (entry.seq, entry.id, entry.hash)
            yield entry

    broken = first_break(walked(), seal_key(), checkpoints)
    return broken, (None if broken else last)


def recent_entries_for(
    session: DbSession, object_type: str, object_id: str, limit: int = 50
) -> tuple[list[AuditEntry], int]:
    """The newest entries about one object, and how many there are in all."""
    where = (AuditEntry.object_type == object_type, AuditEntry.object_id == object_id)
    total = session.scalar(sa.select(sa.func.count()).select_from(AuditEntry).where(*where))
    entries = session.scalars(
        sa.select(AuditEntry).where(*where).order_by(AuditEntry.seq.desc()).limit(limit)
    ).all()
    return list(entries), total or 0
