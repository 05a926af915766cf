"""Sealing audit entries and verifying the chain: plain Python.

Each entry's seal is an HMAC under a key held outside the database (the instance
folder or the environment) over the entry and the seal before it, so write access to
the database is not enough to rewrite history. Checkpoints (the head's count, id and
seal, published daily outside the database) catch what the key cannot: a cut tail,
and a rewrite by someone who stole the key.

Reads are not sealed at once. An entry whose action only says that someone looked
(READ_ACTIONS) is written pending: no ``seq``, no link, and a MAC of its own (version
PENDING_MAC_VERSION) over its id and content, so it needs neither the chain's lock nor
its head, and reads do not queue behind each other. The scheduler seals pending
entries into the chain every few seconds, checking each one's own MAC first, so an
entry edited while pending is never sealed over. Every other action is sealed at once.
Verification walks the chain and checks each pending entry's own MAC; pending entries
are counted apart, never trusted as sealed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from legaldesk.messages import N_

GENESIS = "0" * 64
# The seal of an entry in the chain (see entry_mac); 0 was the plain hash of entry_hash.
MAC_VERSION = 1
# A pending entry's own MAC (see pending_mac); sealing replaces it with a version 1 seal.
PENDING_MAC_VERSION = 2

# Actions that only record that someone looked (a case, a list of cases, a document,
# an export, a status lookup): written pending and sealed in batches. Every other
# action changes something and is sealed into the chain at once.
READ_ACTIONS = frozenset(
    {
        "consultation.read",
        "consultation.list",
        "mediation.read",
        "document.download",
        "status.lookup",
        "status.lookup_failed",
        "case.export",
        "report.export",
    }
)

ACTION_LABELS = {
    "consultation.create": N_("Recorded"),
    "consultation.read": N_("Read"),
    "consultation.list": N_("Shown in a list"),
    "consultation.transition": N_("Status changed"),
    "consultation.code_reissued": N_("New access code issued"),
    "consultation.correct": N_("Facts corrected"),
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
    "note.add": N_("Internal note added"),
    "document.upload": N_("Document uploaded"),
    "document.download": N_("Document downloaded"),
    "document.remove": N_("Document removed"),
    "document.share": N_("Document shared or unshared with the enterprise"),
    "enterprise.email_updates": N_("E-mail updates changed"),
    "routing.claim_refused": N_("Claim refused"),
    "routing.draw": N_("Lawyer drawn"),
    "routing.commit": N_("Draw commitment published"),
    "routing.void": N_("Draw round put aside"),
    "routing.sla_breach": N_("Not accepted in time"),
    "auth.login": N_("Logged in"),
    "auth.login_failed": N_("Failed login"),
    "auth.logout": N_("Logged out"),
    "auth.logout_everywhere": N_("Logged out on every device"),
    "booking.create": N_("Room booked"),
    "booking.reschedule": N_("Booking moved"),
    "booking.cancel": N_("Booking cancelled"),
    "booking.attendance": N_("Attendance recorded"),
    "calendar.confirm_year": N_("Year's holidays confirmed"),
    "directory.lawyer": N_("Lawyer entry changed"),
    "directory.firm": N_("Firm entry changed"),
    "outbox.retry": N_("E-mail sent again"),
    "token.create": N_("API token created"),
    "user.create": N_("Account created"),
    "user.change": N_("Account changed"),
    "user.deactivate": N_("Account deactivated"),
    "user.reactivate": N_("Account reactivated"),
    "user.password_link": N_("Password link issued"),
    "user.password_set": N_("Password set with a one-time link"),
    "token.revoke": N_("API token revoked"),
    "booking.series": N_("Series booked"),
    "routing.conflict": N_("Conflict of interest declared"),
    "routing.conflict_removed": N_("Conflict of interest removed"),
    "calendar.set": N_("Calendar day set"),
    "calendar.remove": N_("Calendar day removed"),
    "seed": N_("Synthetic cases added"),
    "routing.assign": N_("Lawyer assigned by hand"),
    "routing.send_back": N_("Sent back to the draw"),
    "routing.hand_back_asked": N_("Hand-back asked for"),
    "routing.hand_back_refused": N_("Hand-back refused"),
    "routing.hand_back_lapsed": N_("Hand-back request lapsed"),
    "consultation.reopen": N_("Case reopened"),
    "advice.give": N_("Advice given"),
    "followup.confirm_loss": N_("Loss avoided confirmed by the enterprise"),
    "report.export": N_("Report exported"),
    "category.add": N_("Category added"),
    "category.rename": N_("Category renamed"),
    "category.retire": N_("Category retired"),
    "category.reinstate": N_("Category reinstated"),
    "category.reorder": N_("Categories reordered"),
    "closing_code.add": N_("Closing code added"),
    "closing_code.rename": N_("Closing code renamed"),
    "closing_code.retire": N_("Closing code retired"),
    "closing_code.reinstate": N_("Closing code reinstated"),
    "closing_code.reorder": N_("Closing codes reordered"),
    "room.add": N_("Room added"),
    "room.rename": N_("Room renamed"),
    "room.retire": N_("Room retired"),
    "room.reinstate": N_("Room reinstated"),
    "case.export": N_("Case list exported"),
}


def is_read(action: str) -> bool:
    """Whether entries of ``action`` are written pending (see READ_ACTIONS)."""
    return action in READ_ACTIONS


def _content(entry: Any) -> list[Any]:
    """What an entry says, in a fixed order: when, who, what, about what."""
    return [
        entry.at.astimezone(UTC).isoformat(timespec="microseconds"),
        entry.actor_id,
        entry.actor,
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.detail,
    ]


def _json(values: list[Any]) -> bytes:
    return json.dumps(values, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _canonical(entry: Any, *head: Any) -> bytes:
    """A canonical JSON of every field of an entry, its previous seal included."""
    return _json([*head, entry.seq, *_content(entry), entry.prev_hash])


def entry_hash(entry: Any) -> str:
    """Version 0, before the key: a plain SHA-256 anyone with the rows can recompute.

    Kept for the migration that sealed such chains (it checks them first).
    """
    return hashlib.sha256(_canonical(entry)).hexdigest()


def entry_mac(entry: Any, key: bytes) -> str:
    """Version 1: HMAC-SHA256 under a key the database does not hold, over the version,
    the previous entry's seal and the entry. Without the key nobody can seal a change."""
    return hmac.new(key, _canonical(entry, MAC_VERSION), hashlib.sha256).hexdigest()


def pending_mac(entry: Any, key: bytes) -> str:
    """A pending entry's own MAC: HMAC-SHA256 under the audit key over its id and its
    content. An edit before sealing fails it; so does a copy under another id (a read
    recorded twice) or an entry moved to another id (reordered)."""
    message = _json(["pending", PENDING_MAC_VERSION, entry.id, *_content(entry)])
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def seal(entry: Any, seq: int, prev: str, key: bytes) -> None:
    """Make ``entry`` the chain's entry ``seq``, after the entry sealed ``prev``."""
    entry.seq, entry.prev_hash, entry.mac_version = seq, prev, MAC_VERSION
    entry.hash = entry_mac(entry, key)


def pending_problem(entry: Any, key: bytes) -> str | None:
    """Why a pending entry may not be sealed (it was altered), or None when it holds."""
    if entry.mac_version != PENDING_MAC_VERSION or entry.prev_hash is not None:
        return f"not a pending entry (version {entry.mac_version})"
    if not hmac.compare_digest(pending_mac(entry, key), entry.hash or ""):
        return "content does not match its own MAC"
    return None


def canonical_detail(detail: dict[str, Any] | None) -> str:
    return json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(frozen=True)
class ChainBreak:
    """The first entry that fails verification (``seq`` 0: the checkpoints themselves,
    or, with an ``entry_id``, an entry pending sealing)."""

    seq: int
    entry_id: int | None
    reason: str

    def describe(self) -> str:
        if self.is_pending:
            return f"entry pending sealing (id={self.entry_id}): {self.reason}"
        if not self.seq:
            return self.reason
        return f"entry seq={self.seq} (id={self.entry_id}): {self.reason}"

    @property
    def is_pending(self) -> bool:
        """A pending entry (not yet in the chain) that fails its own MAC."""
        return not self.seq and self.entry_id is not None


@dataclass(frozen=True)
class Checkpoint:
    """The head of the chain as published outside the database on one day."""

    day: str
    count: int
    entry_id: int
    head: str

    def line(self) -> str:
        return f"{self.day} count={self.count} id={self.entry_id} head={self.head}"


def parse_checkpoints(text: str) -> list[Checkpoint]:
    """Read checkpoint lines (see Checkpoint.line); '#' starts a comment.

    Raises ValueError naming the line that cannot be read.
    """
    found = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        day, *pairs = line.split()
        fields = dict(pair.partition("=")[::2] for pair in pairs)
        try:
            count, entry_id, head = int(fields["count"]), int(fields["id"]), fields["head"]
        except (KeyError, ValueError):
            raise ValueError(f"checkpoint line {number} cannot be read: {raw!r}") from None
        if count < 1 or len(head) != 64:
            raise ValueError(f"checkpoint line {number} cannot be read: {raw!r}")
        found.append(Checkpoint(day, count, entry_id, head))
    return found


def first_break(
    entries: Iterable[Any], key: bytes, checkpoints: Iterable[Checkpoint] = ()
) -> ChainBreak | None:
    """Walk entries in ``seq`` order; return the first one that was altered, removed
    (a gap), inserted out of order, not sealed with ``key``, or that differs from a
    checkpoint; or None when the whole chain holds.

    A chain rewritten by someone holding the key seals correctly: only a checkpoint
    shows it, at the checkpoint's entry (the change lies after the checkpoint before).
    A chain cut short fails at the first entry a checkpoint counted that is missing.
    """
    published = {c.count: c for c in checkpoints}
    vouched = 0  # the last entry a checkpoint confirmed
    expected_seq = 1
    prev = GENESIS
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainBreak(expected_seq, entry.id, f"missing entry before seq {entry.seq}")
        if entry.mac_version != MAC_VERSION:
            return ChainBreak(entry.seq, entry.id, f"not sealed (version {entry.mac_version})")
        if entry.prev_hash != prev:
            return ChainBreak(entry.seq, entry.id, "previous-hash link does not match")
        if not hmac.compare_digest(entry_mac(entry, key), entry.hash):
            return ChainBreak(entry.seq, entry.id, "content does not match its seal")
        mark = published.get(entry.seq)
        if mark is not None:
            if (mark.entry_id, mark.head) != (entry.id, entry.hash):
                return ChainBreak(
                    entry.seq,
                    entry.id,
                    f"differs from the checkpoint of {mark.day}: "
                    f"rewritten after seq {vouched}, with the key",
                )
            vouched = entry.seq
        prev = entry.hash
        expected_seq += 1
    beyond = [c for c in published.values() if c.count >= expected_seq]
    if beyond:
        mark = min(beyond, key=lambda c: c.count)
        return ChainBreak(
            expected_seq,
            None,
            f"missing: the checkpoint of {mark.day} counted {mark.count} entries, "
            f"the chain ends at seq {expected_seq - 1}",
        )
    return None


def first_pending_break(entries: Iterable[Any], key: bytes) -> ChainBreak | None:
    """The first pending entry (in id order) that was altered, or None."""
    for entry in entries:
        problem = pending_problem(entry, key)
        if problem is not None:
            return ChainBreak(0, entry.id, problem)
    return None
