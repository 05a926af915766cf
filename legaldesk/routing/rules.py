"""Routing figures and the words for why a lawyer was left out: plain Python."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from legaldesk.messages import N_


@dataclass
class Share:
    lawyer_id: int
    drawn: int = 0  # rounds this lawyer was chosen in
    in_pool: int = 0  # rounds this lawyer could have been chosen in
    expected: float = 0.0  # sum over those rounds of 1 / pool size
    assigned: int = 0  # cases a coordinator assigned them by hand (not draws)
    claimed: int = 0  # cases they claimed from the queue (not draws either)

    @property
    def ratio(self) -> float | None:
        return self.drawn / self.expected if self.expected else None


def shares(rounds: Iterable[tuple[list[int], int]]) -> dict[int, Share]:
    """Each lawyer's draws against the share a fair draw gives them: a round with n
    members in its pool owes each of them 1/n of a case."""
    table: dict[int, Share] = {}
    for pool, chosen in rounds:
        for member in pool:
            share = table.setdefault(member, Share(member))
            share.in_pool += 1
            share.expected += 1 / len(pool)
        table.setdefault(chosen, Share(chosen)).drawn += 1
    return table


# Why a lawyer's waiting request to hand a case back was settled without a
# coordinator's answer: the case moved past "accepted" (stored as the request's
# answer, worded in the reader's language by labels.hand_back_answer).
HAND_BACK_LAPSED = {
    "advised": N_("Advice was given on the case, so the request lapsed."),
    "withdrawn": N_("The case was withdrawn, so the request lapsed."),
}
HAND_BACK_MOVED_ON = N_("The case moved on, so the request lapsed.")

# How a redraw's reason begins after the drawn lawyer declined (the rest is theirs),
# and after a coordinator took the case back (the rest is the coordinator's).
DECLINED = "declined: "
REDRAWN = "redrawn: "

# Where a draw's contribution came from: a number keyed in at the desk by a witness
# (the enterprise's representative, another staff member), or a public lottery's
# numbers drawn after the commitment (as RFC 3797 does).
CONTRIBUTION_SOURCES = ("witness", "lottery")
CONTRIBUTION_SOURCE_LABELS = {
    "witness": N_("a witness's number"),
    "lottery": N_("public lottery numbers"),
}
# Fewer digits would let whoever chose the secret try it against every answer.
MIN_CONTRIBUTION_DIGITS = 6
MAX_CONTRIBUTION = 40
# Between the digits a contribution may keep what people type between numbers.
CONTRIBUTION_SEPARATORS = frozenset(" ,-+./:")


def contribution_problem(text: str) -> str | None:
    """Why ``text`` cannot be a draw's contribution (None: it can): digits, at least
    MIN_CONTRIBUTION_DIGITS of them, with separators between them at most (they are
    dropped: the draw takes the digits alone)."""
    if not text or len(text) > MAX_CONTRIBUTION:
        return "length"
    if any(not (c.isascii() and c.isdigit()) and c not in CONTRIBUTION_SEPARATORS for c in text):
        return "characters"
    if sum(c.isdigit() for c in text) < MIN_CONTRIBUTION_DIGITS:
        return "digits"
    if not (text[0].isdigit() and text[-1].isdigit()):
        return "characters"  # separators go between digits
    return None


# Why a committed round was never drawn.
VOID_REASONS = {
    "pool_changed": N_("someone in the pool is no longer eligible"),
    "assigned": N_("the case was assigned by hand"),
    "claimed": N_("a lawyer claimed the case"),
    "withdrawn": N_("the case was withdrawn"),
}


def pool_still_holds(frozen: Iterable[int], eligible_now: Iterable[int]) -> bool:
    """Whether a round committed to ``frozen`` may still be drawn: its pool is still
    exactly who is eligible (nobody left, nobody new: a correction of the case's facts
    may have let others in, and they must have their chance)."""
    return set(frozen) == set(eligible_now)


# Why a lawyer was not in a draw's pool (or may not claim a case).
EXCLUSION_LABELS = {
    "inactive": N_("inactive"),
    "on_leave": N_("on leave"),
    "jurisdiction": N_("jurisdiction"),
    "specialty": N_("specialty"),
    "language": N_("language"),
    "capacity": N_("at capacity"),
    "conflict": N_("conflict of interest"),
    "declined": N_("declined it before, or mediates it"),
    "own_lawyer": N_("the case's own lawyer"),
    # A claim only: eligible in person, yet the draw would not pick them.
    "panel_first": N_("the expert panel has eligible members, and the panel comes first"),
    "not_on_duty": N_("not on the duty roster"),
    # Refused claims, in the audit trail only.
    "unknown": N_("no such case"),
    "not_open": N_("not open to claim"),
    "assigned": N_("another lawyer has it"),
    "already_yours": N_("already theirs"),
}

CONFLICT_KIND_LABELS = {
    "declared": N_("declared conflict"),
    "client": N_("client (conflict when on the other side)"),
    "adversary": N_("adversary (conflict when asking for help)"),
}
