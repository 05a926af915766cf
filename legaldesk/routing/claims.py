"""A lawyer's queue and claims: a claim passes the very eligibility a draw applies,
so it is no way round the draw (nor into a case the lawyer may not read)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, joinedload, selectinload

from legaldesk.cases.models import Consultation
from legaldesk.cases.service import lock_case, record_listing, transition
from legaldesk.clock import local_date
from legaldesk.errors import Forbidden, NotFound
from legaldesk.i18n import EXCLUSION_LABELS
from legaldesk.messages import N_, Msg
from legaldesk.routing.eligibility import Candidate, claim_refusals
from legaldesk.routing.models import Lawyer
from legaldesk.routing.service import (
    AlreadyAssigned,
    NotEligible,
    candidates_of,
    case_facts,
    declined_by,
    draw_pool,
    group_of,
)

OPEN_LIMIT = 100  # open cases shown in a queue
BATCH = 200  # open cases checked per query


def case_to_claim(session: Session, reference: str) -> Consultation:
    """Any lawyer may try to claim: the case is found without the confidentiality check
    (a claimed or routed case answers 409, an ineligible claim 422, never its content);
    its row is locked."""
    case = lock_case(session, reference)
    if case is None:
        raise NotFound()
    return case


def _refusals(
    case: Consultation,
    lawyer: Lawyer,
    lawyers: list[Lawyer],
    candidates: dict[int, Candidate],
    today: date,
    declined: frozenset[int],
) -> list[str]:
    pool = draw_pool(case, lawyers, candidates, today, declined)
    return claim_refusals(
        candidates[lawyer.id], group_of(case, lawyer), pool, case_facts(case), today, declined
    )


def not_eligible(reasons: list[str]) -> NotEligible:
    """The refusal names the rules that failed, and nothing of the case."""
    labels = [Msg(EXCLUSION_LABELS[r]) for r in reasons]
    return NotEligible(Msg(N_("You may not claim this case: %(reasons)s."), {"reasons": labels}))


def claim(session: Session, actor: Any, now: datetime, case: Consultation) -> Consultation:
    """A lawyer takes an open, unassigned case the draw could give them; of
    simultaneous claims one wins."""
    if actor.role != "lawyer" or actor.lawyer_id is None:
        raise Forbidden()
    if case.assignee_id is not None or case.status != "new":
        raise AlreadyAssigned()
    # The lawyer's row is locked too, so two claims of theirs cannot both fit capacity.
    lawyer = session.scalar(sa.select(Lawyer).where(Lawyer.id == actor.lawyer_id).with_for_update())
    lawyers = list(session.scalars(sa.select(Lawyer).order_by(Lawyer.id)))
    candidates = candidates_of(session, lawyers, case.id)
    declined = declined_by(session, [case.id])[case.id]
    reasons = _refusals(case, lawyer, lawyers, candidates, local_date(now), declined)
    if reasons:
        raise not_eligible(reasons)
    won = session.execute(
        sa.update(Consultation)
        .where(
            Consultation.id == case.id,
            Consultation.assignee_id.is_(None),
            Consultation.status == "new",
        )
        .values(assignee_id=lawyer.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if won != 1:
        raise AlreadyAssigned()
    session.refresh(case)
    transition(session, actor, now, case, "accepted", note="claimed")
    return case


def open_to_claim(session: Session, lawyer_id: int, today: date) -> list[Consultation]:
    """The open cases this lawyer could claim, newest first: checked a batch at a time
    with the draw's rules, in a fixed number of queries per batch."""
    lawyers = list(session.scalars(sa.select(Lawyer).order_by(Lawyer.id)))
    lawyer = next((lawyer for lawyer in lawyers if lawyer.id == lawyer_id), None)
    if lawyer is None:
        return []
    candidates = candidates_of(session, lawyers, None)  # open cases have no assignee
    found: list[Consultation] = []
    offset = 0
    while len(found) < OPEN_LIMIT:
        batch = list(
            session.scalars(
                sa.select(Consultation)
                .where(Consultation.assignee_id.is_(None), Consultation.status == "new")
                .options(
                    selectinload(Consultation.countries),
                    selectinload(Consultation.counterparties),
                    joinedload(Consultation.enterprise),
                )
                .order_by(Consultation.created_at.desc(), Consultation.id.desc())
                .offset(offset)
                .limit(BATCH)
            )
        )
        declined = declined_by(session, [case.id for case in batch])
        found += [
            case
            for case in batch
            if not _refusals(case, lawyer, lawyers, candidates, today, declined[case.id])
        ]
        if len(batch) < BATCH:
            break
        offset += BATCH
    return found[:OPEN_LIMIT]


def queue_of(session: Session, actor: Any, now: datetime) -> dict[str, list[Consultation]]:
    """A lawyer's queue: drawn for them, in their hands, and open for them to claim
    (the summaries of those are shown, so the listing is audited)."""
    lawyer_id = actor.lawyer_id

    def cases(*where: Any) -> list[Consultation]:
        return list(
            session.scalars(
                sa.select(Consultation)
                .where(*where)
                .options(selectinload(Consultation.countries))
                .order_by(Consultation.created_at.desc())
                .limit(OPEN_LIMIT)
            )
        )

    claimable = open_to_claim(session, lawyer_id, local_date(now))
    record_listing(session, actor, now, claimable, searched=False)
    return {
        "drawn": cases(Consultation.assignee_id == lawyer_id, Consultation.status == "routed"),
        "mine": cases(
            Consultation.assignee_id == lawyer_id,
            Consultation.status.in_(("accepted", "advised", "following_up")),
        ),
        "open": claimable,
    }
