"""Who a draw for a case chooses among: the case's facts and groups, each lawyer as the
eligibility rules see them (open cases, conflicts of interest), the pool a draw takes
now, and who declined. Claims are checked against the very same pool."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import joinedload, selectinload

from legaldesk.cases.models import Consultation, Counterparty
from legaldesk.cases.rules import OPEN_STATUSES
from legaldesk.db import DbSession
from legaldesk.enterprises.models import Enterprise
from legaldesk.routing.eligibility import (
    MIN_POOL,
    Candidate,
    CaseFacts,
    Conflicts,
    Pool,
    assignment_refusals,
    can_go_on,
    widening_pool,
)
from legaldesk.routing.models import ConflictOfInterest, Draw, Lawyer
from legaldesk.routing.parties import near_miss, normalise_party
from legaldesk.signals import PartyConflict


def case_facts(case: Consultation) -> CaseFacts:
    return CaseFacts(
        countries=tuple(c for c in case.country_codes if c != "CN"),
        category=case.category_code,
        enterprise=case.enterprise.name,
        counterparties=tuple(c.name for c in case.counterparties),
        language=case.language,
    )


def groups_for(case: Consultation) -> list[str]:
    """Foreign-related (涉外) or 涉港澳台: the panel first, partner firms when nobody
    there is eligible; domestic: the duty roster."""
    return ["panel", "firms"] if case.foreign_related or case.hk_mo_tw else ["duty"]


# Who belongs to each group a case can be drawn from (see groups_for).
GROUPS = {
    "panel": lambda lawyer: lawyer.kind == "panel_expert",
    "firms": lambda lawyer: lawyer.kind == "firm_lawyer",
    "duty": lambda lawyer: lawyer.on_duty,
}


def group_of(case: Consultation, lawyer: Lawyer) -> str | None:
    """The first of the case's groups the lawyer belongs to."""
    return next((g for g in groups_for(case) if GROUPS[g](lawyer)), None)


def open_case_counts(session: DbSession, lawyer_ids: list[int] | None = None) -> dict[int, int]:
    """Open cases in the hands of each lawyer (of ``lawyer_ids``; None: the whole
    directory): a few seeks into the (assignee, status) index per lawyer, never a
    pass over every assigned case of the desk's years."""
    if lawyer_ids is None:
        lawyer_ids = list(session.scalars(sa.select(Lawyer.id)))
    if not lawyer_ids:
        return {}
    rows = session.execute(
        sa.select(Consultation.assignee_id, sa.func.count())
        .where(Consultation.assignee_id.in_(lawyer_ids), Consultation.status.in_(OPEN_STATUSES))
        .group_by(Consultation.assignee_id)
    ).all()
    return {lawyer_id: n for lawyer_id, n in rows if lawyer_id is not None}


def conflicts_of(
    session: DbSession, lawyers: list[Lawyer], excluding_case: int | None, parties: Iterable[str]
) -> dict[int, Conflicts]:
    """Declared conflicts of each lawyer and their firm, the firm's clients and
    adversaries, and each lawyer's earlier involvement with ``parties`` (the names of
    the case or cases checked): their other cases for one of them (a client) or
    against one (an adversary).

    The earlier cases are found by the parties' stored keys (``legaldesk.partykey``)
    through an index, so a check reads the few earlier cases of these parties, not
    every case a lawyer ever had: the rest of their history could never match them.
    The same statements run whatever the parties (none included)."""
    ids = [lawyer.id for lawyer in lawyers]
    firm_ids = {lawyer.firm_id for lawyer in lawyers if lawyer.firm_id}
    keys = sorted({normalise_party(name) for name in parties} - {""})
    rows = session.scalars(
        sa.select(ConflictOfInterest).where(
            sa.or_(ConflictOfInterest.lawyer_id.in_(ids), ConflictOfInterest.firm_id.in_(firm_ids))
        )
    ).all()
    by_lawyer: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    by_firm: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        holder = by_lawyer[row.lawyer_id] if row.lawyer_id else by_firm[row.firm_id or 0]
        holder[row.kind].append(row.party)
    other_cases = (Consultation.assignee_id.in_(ids), Consultation.id != (excluding_case or 0))
    postgres = session.get_bind().dialect.name == "postgresql"
    # (kind, the party's table, its name, how a case refers to it)
    sides = (
        ("client", Enterprise, Enterprise.name, Consultation.enterprise_id == Enterprise.id),
        (
            "adversary",
            Counterparty,
            Counterparty.name,
            Consultation.id == Counterparty.consultation_id,
        ),
    )
    for kind, party, name, of_case in sides:
        named = _keys(keys, postgres)
        found = session.execute(
            sa.select(Consultation.assignee_id, name)
            .select_from(named)
            .join(party, party.party_key == named.c.value)
            .join(Consultation, of_case)
            .where(*other_cases)
            .distinct()
        )
        for lawyer_id, party_name in found:
            by_lawyer[lawyer_id or 0][kind].append(party_name)  # assignee_id IN ids: not None
    result = {}
    for lawyer in lawyers:
        own, firm = by_lawyer[lawyer.id], by_firm[lawyer.firm_id] if lawyer.firm_id else {}
        result[lawyer.id] = Conflicts(
            declared=tuple(own["declared"]) + tuple(firm.get("declared", ())),
            clients=tuple(own["client"]) + tuple(firm.get("client", ())),
            adversaries=tuple(own["adversary"]) + tuple(firm.get("adversary", ())),
        )
    return result


def _keys(keys: list[str], postgres: bool) -> Any:
    """The keys as a table of one column, ``value``, bound as one parameter however
    many keys there are (none included): the statement's text is the same for every
    case, so a refused claim takes no query of its own (routing.claims). Joined first,
    it leads both engines to the party-key index rather than through every case of
    the lawyers (SQLite's planner walks the assignee index for an IN of a subquery)."""
    if postgres:
        array = sa.bindparam("keys", keys, type_=postgresql.ARRAY(sa.String))
        return sa.func.unnest(array).table_valued("value").render_derived()
    return sa.func.json_each(sa.bindparam("keys", json.dumps(keys))).table_valued("value")


def candidates_of(
    session: DbSession, lawyers: list[Lawyer], excluding_case: int | None, parties: Iterable[str]
) -> dict[int, Candidate]:
    """The lawyers as the eligibility rules see them for cases of ``parties``, in a
    fixed number of queries."""
    counts = open_case_counts(session, [lawyer.id for lawyer in lawyers])
    conflicts = conflicts_of(session, lawyers, excluding_case, parties)
    return {
        lawyer.id: Candidate(
            id=lawyer.id,
            active=lawyer.active,
            jurisdictions=tuple(lawyer.jurisdictions or ()),
            specialties=tuple(lawyer.specialties or ()),
            languages=tuple(lawyer.languages or ()),
            capacity=lawyer.capacity,
            open_cases=counts.get(lawyer.id, 0),
            leave_from=lawyer.leave_from,
            leave_to=lawyer.leave_to,
            conflicts=conflicts[lawyer.id],
        )
        for lawyer in lawyers
    }


def draw_pool(
    case: Consultation,
    lawyers: list[Lawyer],
    candidates: dict[int, Candidate],
    today: date,
    declined: frozenset[int] = frozenset(),
    min_pool: int = MIN_POOL,
) -> Pool:
    """The pool a draw for the case takes now; claims are checked against it too."""
    groups = (
        (group, [candidates[lawyer.id] for lawyer in lawyers if GROUPS[group](lawyer)])
        for group in groups_for(case)
    )
    return widening_pool(groups, case_facts(case), today, declined, min_pool)


def declined_by(session: DbSession, case_ids: list[int]) -> dict[int, frozenset[int]]:
    """Per case, who no round of it may choose: the lawyers who declined it or were
    taken off it, and its mediator (neutral between the sides, never one side's
    lawyer, who would read the privileged consultation)."""
    found: dict[int, set[int]] = defaultdict(set)
    for case_id, lawyer_id in session.execute(
        sa.select(Draw.consultation_id, Draw.chosen_id).where(
            Draw.consultation_id.in_(case_ids), Draw.declined_at.is_not(None)
        )
    ):
        if lawyer_id is not None:
            found[case_id].add(lawyer_id)
    mediated = session.scalars(  # one query whatever it finds (claims' answers time alike)
        sa.select(Consultation)
        .where(Consultation.id.in_(case_ids))
        .options(joinedload(Consultation.mediation))
    ).unique()
    for case in mediated:
        if case.mediator_id is not None:
            found[case.id].add(case.mediator_id)
    return {case_id: frozenset(found[case_id]) for case_id in case_ids}


def near_miss_warnings(
    candidates: list[Candidate], pool: list[int], facts: CaseFacts
) -> list[dict]:
    """Near-miss party names among the drawn pool, for the coordinator to look at."""
    parties = (facts.enterprise, *facts.counterparties)
    found = []
    for candidate in candidates:
        if candidate.id not in pool:
            continue
        conflicts = candidate.conflicts
        for name in conflicts.declared + conflicts.clients + conflicts.adversaries:
            for party in parties:
                if near_miss(name, party):
                    found.append({"lawyer": candidate.id, "party": party, "similar": name})
    return found


def conflicts_on_case(
    session: DbSession, case: Consultation
) -> list[tuple[str, Lawyer, list[tuple[str, str]]]]:
    """The case's lawyer and mediator checked again against its parties as they are now
    (a counterparty added by a correction): (role, lawyer, conflicting parties) for each
    one who conflicts, each party as typed (in the case, on the lawyer's record)."""
    roles = [("assignee", case.assignee_id), ("mediator", case.mediator_id)]
    lawyers = {i: session.get(Lawyer, i) for _, i in roles if i is not None}
    facts = case_facts(case)
    found = conflicts_of(session, [lw for lw in lawyers.values() if lw], case.id, facts.parties)
    hits = []
    for role, lawyer_id in roles:
        lawyer = lawyers.get(lawyer_id) if lawyer_id is not None else None
        parties = found[lawyer.id].hit_as_typed(facts) if lawyer is not None else []
        if lawyer is not None and parties:
            hits.append((role, lawyer, parties))
    return hits


def case_conflicts(case: Consultation, *, session: DbSession) -> list[PartyConflict]:
    """Answers ``signals.case_conflicts``: the conflicts of the case's lawyer and
    mediator, for the cases wing, which may not ask routing itself."""
    return [
        PartyConflict(role, lawyer.id, lawyer.name, party, recorded, normalise_party(party))
        for role, lawyer, parties in conflicts_on_case(session, case)
        for party, recorded in parties
    ]


@dataclass(frozen=True)
class Choice:
    """A lawyer as a coordinator assigning the case by hand sees them: their open
    cases against their capacity, and why they may not take it (empty: they may)."""

    lawyer: Lawyer
    open_cases: int
    refusals: list[str]


def assignment_choices(session: DbSession, case: Consultation, today: date) -> list[Choice]:
    """Every lawyer in the directory's order, checked by the draw's own rules for this
    case (conflicts, capacity, leave, declined before, its groups)."""
    lawyers = list(
        session.scalars(
            sa.select(Lawyer)
            .options(selectinload(Lawyer.firm))
            .order_by(Lawyer.kind.desc(), Lawyer.id)
        )
    )
    facts = case_facts(case)
    candidates = candidates_of(session, lawyers, case.id, facts.parties)
    declined = declined_by(session, [case.id])[case.id]
    return [
        Choice(
            lawyer,
            candidates[lawyer.id].open_cases,
            assignment_refusals(
                candidates[lawyer.id], group_of(case, lawyer), facts, today, declined
            ),
        )
        for lawyer in lawyers
    ]


def lawyer_can_go_on(session: DbSession, case: Consultation, today: date) -> bool:
    """Whether the case's lawyer is still there for it: active, not on leave, and free
    of conflicts with its parties as they are now. False when it has none."""
    lawyer = session.get(Lawyer, case.assignee_id) if case.assignee_id is not None else None
    if lawyer is None:
        return False
    facts = case_facts(case)
    candidate = candidates_of(session, [lawyer], case.id, facts.parties)[lawyer.id]
    return can_go_on(candidate, facts, today)
