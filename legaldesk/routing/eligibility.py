"""Who may be drawn for a case, and why the others may not: plain Python."""

from __future__ import annotations

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
    parties: tuple[str, ...]  # the enterprise and the counterparties
    language: str | None = None  # asked for, e.g. "ru"


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
    conflicts: tuple[str, ...] = field(default_factory=tuple)  # own and the firm's parties


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
    party_keys = {normalise_party(p) for p in case.parties} - {""}
    if party_keys & {normalise_party(p) for p in candidate.conflicts}:
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
