"""Who may be drawn for a case, and why the others may not: plain Python."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from legaldesk.routing.parties import normalise_party

EU = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
    "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
)  # fmt: skip
ASEAN = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN")
REGIONS = {"EU": EU, "ASEAN": ASEAN}

# Why a lawyer is left out of a pool (the codes are stored with each draw).
EXCLUSIONS = (
    "inactive",
    "on_leave",
    "jurisdiction",
    "specialty",
    "language",
    "capacity",
    "conflict",
    "declined",
)
# Why a lawyer who is eligible in person may still not claim a case.
CLAIM_REFUSALS = ("panel_first", "not_on_duty")
# Exclusions that are facts about the lawyer alone, or their own past with the case:
# a refused claim may name these, for they tell nothing of the case. Every other
# reason (its countries, field, parties, who else is eligible) stays unsaid.
PERSONAL = ("inactive", "on_leave", "capacity", "declined")


def expand(jurisdictions: list[str]) -> set[str]:
    """Country codes a lawyer covers, regions (EU, ASEAN) spelled out."""
    covered: set[str] = set()
    for code in jurisdictions:
        covered.update(REGIONS.get(code.upper(), [code.upper()]))
    return covered


@dataclass(frozen=True)
class CaseFacts:
    countries: tuple[str, ...]  # foreign ones only
    category: str
    enterprise: str
    counterparties: tuple[str, ...] = ()
    language: str | None = None  # asked for, e.g. "ru"

    @property
    def parties(self) -> tuple[str, ...]:
        """Everyone on the case: the enterprise and the other side."""
        return (self.enterprise, *self.counterparties)


@dataclass(frozen=True)
class Conflicts:
    """Parties a lawyer (or their firm) may not face, by the side they stand on."""

    declared: tuple[str, ...] = ()  # whichever side they are on
    clients: tuple[str, ...] = ()  # acted for them: may not act against them
    adversaries: tuple[str, ...] = ()  # acted against them: may not act for them

    def hit(self, case: CaseFacts) -> list[str]:
        """The case's parties that this lawyer conflicts with."""
        enterprise = normalise_party(case.enterprise)
        others = {normalise_party(p) for p in case.counterparties} - {""}
        keys = lambda names: {normalise_party(n) for n in names} - {""}  # noqa: E731
        found = keys(self.declared) & (others | {enterprise})
        found |= keys(self.clients) & others
        found |= keys(self.adversaries) & {enterprise}
        return sorted(found)

    def hit_as_typed(self, case: CaseFacts) -> list[tuple[str, str]]:
        """The conflicting parties as people typed them, for people to read: (the name
        as the case has it, the name on the lawyer's record), once per party."""
        keys = set(self.hit(case))
        recorded: dict[str, str] = {}
        for name in self.declared + self.clients + self.adversaries:
            recorded.setdefault(normalise_party(name), name)
        found: dict[str, tuple[str, str]] = {}
        for party in (case.enterprise, *case.counterparties):
            key = normalise_party(party)
            if key in keys and key not in found:
                found[key] = (party, recorded.get(key, party))
        return list(found.values())


@dataclass(frozen=True)
class Candidate:
    id: int
    active: bool
    jurisdictions: tuple[str, ...]
    specialties: tuple[str, ...]
    languages: tuple[str, ...]
    capacity: int
    open_cases: int
    leave_from: date | None = None
    leave_to: date | None = None
    conflicts: Conflicts = field(default_factory=Conflicts)  # their own and their firm's


def exclusions(
    candidate: Candidate, case: CaseFacts, today: date, declined: frozenset[int] = frozenset()
) -> list[str]:
    """The reasons this candidate is not eligible; empty when they are."""
    reasons = []
    if not candidate.active:
        reasons.append("inactive")
    if candidate.leave_from and candidate.leave_from <= today <= (candidate.leave_to or today):
        reasons.append("on_leave")
    if case.countries and not set(case.countries) <= expand(list(candidate.jurisdictions)):
        reasons.append("jurisdiction")
    if case.category not in candidate.specialties:
        reasons.append("specialty")
    if case.language and case.language not in candidate.languages:
        reasons.append("language")
    if candidate.open_cases >= candidate.capacity:
        reasons.append("capacity")
    if candidate.conflicts.hit(case):
        reasons.append("conflict")
    if candidate.id in declined:
        reasons.append("declined")
    return reasons


def split_pool(
    candidates: list[Candidate],
    case: CaseFacts,
    today: date,
    declined: frozenset[int] = frozenset(),
) -> tuple[list[int], dict[int, list[str]]]:
    """The eligible ids, and every excluded id with its reasons (kept with the draw)."""
    pool, excluded = [], {}
    for candidate in candidates:
        reasons = exclusions(candidate, case, today, declined)
        if reasons:
            excluded[candidate.id] = reasons
        else:
            pool.append(candidate.id)
    return sorted(pool), excluded


# The fewest eligible lawyers a draw takes: a draw of one is an assignment.
MIN_POOL = 3


@dataclass(frozen=True)
class Pool:
    """What a draw would take from now: the group, its eligible members, and the
    excluded ones with their reasons (of the groups looked at). ``widened_from``: the
    panel had only this many eligible, fewer than a draw needs, so partner-firm
    lawyers who meet the same rules joined them (None: not widened)."""

    group: str | None = None
    eligible: tuple[int, ...] = ()
    excluded: dict[int, list[str]] = field(default_factory=dict)
    candidates: tuple[Candidate, ...] = ()
    widened_from: int | None = None


def widening_pool(
    groups: Iterable[tuple[str, list[Candidate]]],
    case: CaseFacts,
    today: date,
    declined: frozenset[int] = frozenset(),
    min_pool: int = MIN_POOL,
) -> Pool:
    """The first group with at least ``min_pool`` eligible draws alone (the panel before
    partner firms); a group with fewer takes the next group's eligible members in too,
    and the pool says how many the first group had. Whether the result is big enough
    to draw from is the caller's question (it may still be short)."""
    pool = Pool()
    for group, candidates in groups:
        eligible, excluded = split_pool(candidates, case, today, declined)
        if pool.group is None:
            pool = Pool(group, tuple(eligible), excluded, tuple(candidates))
        else:
            pool = Pool(
                f"{pool.group}+{group}" if pool.eligible else group,
                tuple(sorted({*pool.eligible, *eligible})),
                {**pool.excluded, **excluded},
                pool.candidates + tuple(candidates),
                len(pool.eligible) if pool.widened_from is None else pool.widened_from,
            )
        if len(pool.eligible) >= min_pool:
            break
    return pool


def claim_refusals(
    claimant: Candidate,
    group: str | None,
    pool: Pool,
    case: CaseFacts,
    today: date,
    declined: frozenset[int] = frozenset(),
) -> list[str]:
    """Why a lawyer may not claim the case; empty when a draw now could pick them.

    A claim is no back door round the draw: ``pool`` is the draw's own pool for the
    case and ``group`` the first of the case's groups the claimant belongs to (None:
    none of them, e.g. not on the duty roster for a domestic case)."""
    if group is not None and claimant.id in pool.eligible:
        return []
    reasons = exclusions(claimant, case, today, declined)
    if group is None:
        reasons.append("not_on_duty")
    elif not reasons:  # eligible in person, but an earlier group has eligible members
        reasons.append("panel_first")
    return reasons


def personal_refusals(
    claimant: Candidate, today: date, declined: frozenset[int] = frozenset()
) -> list[str]:
    """Why the claimant may claim nothing now (or not this case, which they declined):
    the same whatever the case is about, so the case's facts play no part."""
    anything = CaseFacts(countries=(), category="", enterprise="")
    return [r for r in exclusions(claimant, anything, today, declined) if r in PERSONAL]


def assignment_refusals(
    candidate: Candidate,
    group: str | None,
    case: CaseFacts,
    today: date,
    declined: frozenset[int] = frozenset(),
) -> list[str]:
    """Why a coordinator may not name this lawyer for the case; empty when they may.

    The draw's own exclusions (a conflict of interest included), and ``not_on_duty``
    when the lawyer is in none of the case's groups (``group`` None). The draw's order
    of groups (the panel before partner firms) does not bind a coordinator."""
    reasons = exclusions(candidate, case, today, declined)
    if group is None:
        reasons.append("not_on_duty")
    return reasons


def mediator_exclusions(
    candidate: Candidate, case: CaseFacts, today: date, own_lawyer: int | None
) -> list[str]:
    """Why a lawyer may not mediate the case (empty: a neutral mediator): inactive, on
    leave, the case's own lawyer, or a conflict with any party (``case.parties``
    includes the other side of the mediation)."""
    reasons = [
        r for r in exclusions(candidate, case, today) if r in ("inactive", "on_leave", "conflict")
    ]
    if candidate.id == own_lawyer:
        reasons.append("own_lawyer")
    return reasons


# Exclusions that keep a case's own lawyer from going on with it when it is reopened
# (a full list of open cases does not: it is their case coming back).
STOPS_GOING_ON = ("inactive", "on_leave", "conflict")


def can_go_on(candidate: Candidate, case: CaseFacts, today: date) -> bool:
    """Whether a case's lawyer may take it up again (see cases.rules.reopen_stage)."""
    return not set(exclusions(candidate, case, today)) & set(STOPS_GOING_ON)
