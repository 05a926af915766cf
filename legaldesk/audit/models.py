"""Audit entries: each carries the seal of the entry before it, or, while pending (a
read not yet sealed into the chain), no ``seq``, no link and a MAC of its own."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from legaldesk.db import Model, UTCDateTime

_PENDING = sa.text("seq IS NULL")


class AuditEntry(Model):
    __tablename__ = "audit_entries"
    __table_args__ = (
        # In the chain (seq and link) or pending (neither), never half of it.
        sa.CheckConstraint("(seq IS NULL) = (prev_hash IS NULL)", name="pending_or_sealed"),
        # The sealer's queue: pending entries in id order, however long the chain.
        sa.Index(
            "ix_audit_entries_pending", "id", sqlite_where=_PENDING, postgresql_where=_PENDING
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Consecutive from 1: a gap shows a removed entry, a duplicate a forked chain.
    # None while pending: the sealer numbers reads in the order it seals them.
    seq: Mapped[int | None] = mapped_column(unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(sa.Integer)  # no FK: the log outlives users
    actor: Mapped[str] = mapped_column(sa.String(300))
    action: Mapped[str] = mapped_column(sa.String(60), index=True)
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[str] = mapped_column(sa.String(60), index=True)
    detail: Mapped[str] = mapped_column(sa.Text, default="{}")
    # The seal of the entry before, and this entry's seal: an HMAC (rules.entry_mac)
    # of version ``mac_version`` under the audit key, which the database never holds.
    # Pending: no link, and ``hash`` is the entry's own MAC (rules.pending_mac).
    prev_hash: Mapped[str | None] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))
    mac_version: Mapped[int] = mapped_column(sa.SmallInteger)
