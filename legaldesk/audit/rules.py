"""Hashing of audit entries and verification of the chain: plain Python."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from legaldesk.messages import N_

GENESIS = "0" * 64

ACTION_LABELS = {
    "consultation.create": N_("Recorded"),
    "consultation.read": N_("Read"),
    "consultation.list": N_("Shown in a list"),
    "consultation.transition": N_("Status changed"),
    "consultation.code_reissued": N_("New access code issued"),
    "status.lookup": N_("Status checked by the enterprise"),
    "status.lookup_failed": N_("Status check with a wrong code"),
    "mediation.open": N_("Mediation applied for"),
    "mediation.read": N_("Mediation read by the mediator"),
    "mediation.move": N_("Mediation moved on"),
    "mediation.mediator": N_("Mediator chosen"),
    "mediation.document": N_("Mediation document checked"),
    "lawyer.calendar_link": N_("New calendar link"),
    "room.settings": N_("Room settings changed"),
    "room.calendar_link": N_("New room calendar link"),
    "followup.schedule": N_("Follow-up scheduled"),
    "followup.record": N_("Follow-up recorded"),
    "followup.satisfaction": N_("Satisfaction answered by the enterprise"),
    "followup.callback": N_("Unsatisfied enterprise called back"),
    "enterprise.email_updates": N_("E-mail updates changed"),
}


def entry_hash(entry: Any) -> str:
    """SHA-256 over a canonical JSON of every field of an entry, its previous hash included.

    ``entry`` is anything with the entry's attributes (a row, or one being built).
    """
    payload = json.dumps(
        [
            entry.seq,
            entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
            entry.actor_id,
            entry.actor,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.detail,
            entry.prev_hash,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def canonical_detail(detail: dict[str, Any] | None) -> str:
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    entry_id: int | None
    reason: str


def first_break(entries: Iterable[Any]) -> ChainBreak | None:
    """Walk entries in ``seq`` order; return the first one that was altered, removed
    (a gap) or inserted out of order, or None when the whole chain holds."""
    expected_seq = 1
    prev = GENESIS
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainBreak(expected_seq, entry.id, f"missing entry before seq {entry.seq}")
        if entry.prev_hash != prev:
            return ChainBreak(entry.seq, entry.id, "previous-hash link does not match")
        recomputed = entry_hash(entry)
        if recomputed != entry.hash:
            return ChainBreak(entry.seq, entry.id, "content does not match its hash")
        prev = entry.hash
        expected_seq += 1
    return None
