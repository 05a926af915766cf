"""Routing figures: plain Python."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass
class Share:
    lawyer_id: int
    drawn: int = 0  # rounds this lawyer was chosen in
    in_pool: int = 0  # rounds this lawyer could have been chosen in
    expected: float = 0.0  # sum over those rounds of 1 / pool size

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
