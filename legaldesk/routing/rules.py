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

# How a redraw's reason begins after the drawn lawyer declined (the rest is theirs).
DECLINED = "declined: "

# Why a lawyer was not in a draw's pool (or may not claim a case).
EXCLUSION_LABELS = {
    "inactive": N_("inactive"),
    "on_leave": N_("on leave"),
    "jurisdiction": N_("jurisdiction"),
    "specialty": N_("specialty"),
    "language": N_("language"),
    "capacity": N_("at capacity"),
    "conflict": N_("conflict of interest"),
    "declined": N_("declined before"),
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
