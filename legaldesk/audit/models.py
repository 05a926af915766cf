"""Audit entries: each carries the seal of the entry before it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from legaldesk.db import Model, UTCDateTime


class AuditEntry(Model):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Consecutive from 1: a gap shows a removed entry, a duplicate a forked chain.
    seq: Mapped[int] = mapped_column(unique=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor_id: Mapped[int | None] = mapped_column(sa.Integer)  # no FK: the log outlives users
    actor: Mapped[str] = mapped_column(sa.String(300))
    action: Mapped[str] = mapped_column(sa.String(60), index=True)
    object_type: Mapped[str] = mapped_column(sa.String(40))
    object_id: Mapped[str] = mapped_column(sa.String(60), index=True)
    detail: Mapped[str] = mapped_column(sa.Text, default="{}")
    # The seal of the entry before, and this entry's seal: an HMAC (rules.entry_mac)
    # of version ``mac_version`` under the audit key, which the database never holds.
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))
    mac_version: Mapped[int] = mapped_column(sa.SmallInteger)
