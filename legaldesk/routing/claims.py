"""A lawyer's queue and claims: a claim passes the very eligibility a draw applies,
so it is no way round the draw (nor into a case the lawyer may not read).

A refused claim is no oracle either: whatever rule failed for a case the lawyer
could not claim, the answer is the one for a reference that does not exist, and the
same statements run on the way to it. Only facts about the lawyer alone are named
(on leave, at capacity, ...). The audit log keeps the real reasons for the
coordinator."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from legaldesk import paging
from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases.codes import normalise_reference
from legaldesk.cases.listing import record_listing
from legaldesk.cases.models import Consultation, ConsultationCountry, Counterparty
from legaldesk.cases.service import lock_case, transition
from legaldesk.clock import local_date
from legaldesk.db import DbSession, rows_changed
from legaldesk.errors import Conflict, DeskError, Forbidden, NotFound
from legaldesk.messages import N_, Msg
from legaldesk.routing import ledger
from legaldesk.routing.eligibility import MIN_POOL, Candidate, claim_refusals, personal_refusals
from legaldesk.routing.models import Lawyer
from legaldesk.routing.pool import candidates_of, case_facts, declined_by, draw_pool, group_of
from legaldesk.routing.service import AlreadyAssigned, NotEligible

OPEN_LIMIT = 100  # open cases shown in a queue
BATCH = 200  # open cases checked per query
MAX_CHECKED = 5000  # newest open cases checked for a queue at the most
NEWEST = ((Consultation.created_at, True), (Consultation.id, True))  # the queue's order


class Refusal(DeskError):
    """A refused claim, raised once its audit entry (with the real reasons) is written:
    the edge commits that entry, then answers. Its status and code are those of the
    error it is mixed with."""


class NotClaimable(Refusal, NotFound):
    """The one answer for every case this lawyer may not claim, whatever rule failed,
    and for a reference that does not exist: it says nothing of the case."""

    default_message = Msg(
        N_(
            "This case is not open for you to claim. Choose a case from the open cases "
            "on your queue, or ask the coordinator to assign this one to you."
        )
    )


# What a lawyer is told when the refusal is about them alone (see PERSONAL).
PERSONAL_MESSAGES = {
    "inactive": N_(
        "Your lawyer profile is inactive, so you cannot claim cases. "
        "Ask the coordinator to make it active again."
    ),
    "on_leave": N_(
        "You are on leave, so you cannot claim cases now. Claim again when your "
        "leave is over, or ask the coordinator to change your leave dates."
    ),
    "capacity": N_(
        "You already have as many open cases as your capacity allows. Finish or hand "
        "over a case first, or ask the coordinator to raise your capacity."
    ),
    "declined": N_(
        "You declined this case earlier, so you cannot claim it. If you should take it "
        "after all, ask the coordinator to assign it to you."
    ),
}


class CannotClaimNow(Refusal, NotEligible):
    """Refused for a fact about the lawyer alone, which they may be told."""

    def __init__(self, reason: str):
        super().__init__(Msg(PERSONAL_MESSAGES[reason]))


class AlreadyYours(Refusal, Conflict):
    code = "already_yours"

    def __init__(self, reference: str):
        self.reference = reference
        super().__init__(
            Msg(
                N_("You already have this case. Open %(reference)s from your queue to go on."),
                {"reference": reference},
            )
        )


class TakenByAnother(Refusal, AlreadyAssigned):
    default_message = Msg(
        N_(
            "Another lawyer already has this case. Choose another case from the open "
            "cases on your queue."
        )
    )


def _load_facts(session: DbSession, case: Consultation | None) -> None:
    """Load the case's countries and other side with the same two statements whether
    the reference exists or not, so an unknown one takes no shorter path."""
    case_id = case.id if case is not None else 0
    countries = session.scalars(
        sa.select(ConsultationCountry)
        .where(ConsultationCountry.consultation_id == case_id)
        .order_by(ConsultationCountry.position)
    ).all()
    parties = session.scalars(
        sa.select(Counterparty)
        .where(Counterparty.consultation_id == case_id)
        .order_by(Counterparty.position)
    ).all()
    if case is not None:
        set_committed_value(case, "countries", list(countries))
        set_committed_value(case, "counterparties", list(parties))


def _refusals(
    case: Consultation,
    lawyer: Lawyer,
    lawyers: list[Lawyer],
    candidates: dict[int, Candidate],
    today: date,
    declined: frozenset[int],
    min_pool: int,
) -> list[str]:
    pool = draw_pool(case, lawyers, candidates, today, declined, min_pool)
    return claim_refusals(
        candidates[lawyer.id], group_of(case, lawyer), pool, case_facts(case), today, declined
    )


def _refuse(
    session: DbSession, actor: Actor, now: datetime, reference: str, reasons: list[str]
) -> None:
    """The real reasons, for the coordinator: the lawyer is told less."""
    target = normalise_reference(reference)[:20] or "-"
    audit.record(
        session, actor, now, "routing.claim_refused", "consultation", target, {"reasons": reasons}
    )


def claim(
    session: DbSession,
    actor: Actor,
    now: datetime,
    reference: str,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
) -> Consultation:
    """A lawyer takes an open, unassigned case the draw could give them; of
    simultaneous claims one wins. The case's row is locked."""
    if not permissions.has_queue(actor):
        raise Forbidden()
    case = lock_case(session, reference)
    if case is not None and case.assignee_id == actor.lawyer_id:
        _refuse(session, actor, now, case.reference, ["already_yours"])
        raise AlreadyYours(case.reference)
    # From here on every path runs the same statements, whatever the answer. The
    # lawyer's row is locked too, so two claims of theirs cannot both fit capacity.
    lawyer = session.scalar(sa.select(Lawyer).where(Lawyer.id == actor.lawyer_id).with_for_update())
    if lawyer is None:  # an account whose directory entry is gone
        raise Forbidden()
    lawyers = list(session.scalars(sa.select(Lawyer).order_by(Lawyer.id)))
    case_id = case.id if case is not None else 0
    _load_facts(session, case)
    parties = case_facts(case).parties if case is not None else ()
    candidates = candidates_of(session, lawyers, case_id, parties)
    declined = declined_by(session, [case_id])[case_id]
    today = local_date(now, zone)
    # Eligibility is weighed for every case, open or not: "another lawyer has it" is
    # said only of a case that could have been on this lawyer's list, so the answer
    # tells nothing about cases they could never see (and costs the same).
    reasons = (
        ["unknown"]
        if case is None
        else _refusals(case, lawyer, lawyers, candidates, today, declined, min_pool)
    )
    if case is not None and not reasons and case.assignee_id is not None:
        _refuse(session, actor, now, case.reference, ["assigned"])
        raise TakenByAnother()
    if case is not None and case.status != "new":
        reasons.append("not_open")
    personal = personal_refusals(candidates[lawyer.id], today, declined)
    if reasons or personal or case is None:
        _refuse(session, actor, now, reference, reasons + [r for r in personal if r not in reasons])
        raise CannotClaimNow(personal[0]) if personal else NotClaimable()
    won = rows_changed(
        session.execute(
            sa.update(Consultation)
            .where(
                Consultation.id == case.id,
                Consultation.assignee_id.is_(None),
                Consultation.status == "new",
            )
            .values(assignee_id=lawyer.id)
            .execution_options(synchronize_session=False)
        )
    )
    if won != 1:
        _refuse(session, actor, now, case.reference, ["assigned"])
        raise TakenByAnother()
    session.refresh(case)
    pending = ledger.pending_round(session, case)
    if pending is not None:  # its commitment was published: say it will not be drawn
        ledger.void(session, actor, now, pending, "claimed")
    transition(session, actor, now, case, "accepted")  # the audit entry says it was a claim
    return case


def open_to_claim(
    session: DbSession, lawyer_id: int, today: date, min_pool: int = MIN_POOL
) -> list[Consultation]:
    """The open cases this lawyer could claim, newest first: checked a batch at a time
    with the draw's rules, in a fixed number of queries per batch. Each batch starts
    after the last case of the one before (keyset: a range of the (assignee, status,
    received) index, never rows skipped by OFFSET), and at most MAX_CHECKED of the
    newest open cases are checked, so a lawyer who may claim few of a large backlog
    does not read all of it on every visit to the queue."""
    lawyers = list(session.scalars(sa.select(Lawyer).order_by(Lawyer.id)))
    lawyer = next((lawyer for lawyer in lawyers if lawyer.id == lawyer_id), None)
    if lawyer is None:
        return []
    found: list[Consultation] = []
    after: tuple[Any, ...] | None = None
    for _ in range(MAX_CHECKED // BATCH):
        query = sa.select(Consultation).where(
            Consultation.assignee_id.is_(None), Consultation.status == "new"
        )
        if after is not None:
            query = query.where(*paging.beyond(NEWEST, after))  # one range: one way
        batch = list(
            session.scalars(
                query.options(
                    selectinload(Consultation.countries),
                    selectinload(Consultation.counterparties),
                    joinedload(Consultation.enterprise),
                )
                .order_by(*paging.order_by(NEWEST))
                .limit(BATCH)
            )
        )
        # The batch's own parties: open cases have no assignee, so none is excluded.
        parties = [name for case in batch for name in case_facts(case).parties]
        candidates = candidates_of(session, lawyers, None, parties)
        declined = declined_by(session, [case.id for case in batch])
        found += [
            case
            for case in batch
            if not _refusals(case, lawyer, lawyers, candidates, today, declined[case.id], min_pool)
        ]
        if len(batch) < BATCH or len(found) >= OPEN_LIMIT:
            break
        after = (batch[-1].created_at, batch[-1].id)
    return found[:OPEN_LIMIT]


def queue_of(
    session: DbSession, actor: Actor, now: datetime, *, zone: ZoneInfo, min_pool: int = MIN_POOL
) -> dict[str, list[Consultation]]:
    """A lawyer's queue: drawn for them, in their hands, and open for them to claim
    (the summaries of those are shown, so the listing is audited)."""
    lawyer_id = actor.lawyer_id or 0  # has_queue: a lawyer with a directory entry

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

    claimable = open_to_claim(session, lawyer_id, local_date(now, zone), min_pool)
    record_listing(session, actor, now, claimable, searched=False)
    return {
        "drawn": cases(Consultation.assignee_id == lawyer_id, Consultation.status == "routed"),
        "mine": cases(
            Consultation.assignee_id == lawyer_id,
            Consultation.status.in_(("accepted", "advised", "following_up")),
        ),
        "open": claimable,
    }
