"""Hand a case on: a coordinator names a case's lawyer by hand (``assign``) or sends it
back to the draw (``send_back``); a lawyer asks to hand an accepted case back and a
coordinator answers (by either of those, or ``refuse_hand_back``).

An assignment by hand is a round of the case's routing of its own kind ("assigned"),
checked by the draw's own eligibility (routing.pool.assignment_choices), so the
fairness figures count it apart from the draws and nobody gets a case by hand whom a
draw would have to leave out. A lawyer taken off a case is released on their round,
as after a decline: later draws for the case leave them out.

Two coordinators (or a coordinator and a claiming lawyer) acting on one case take
turns on its locked row; each says which lawyer they saw on the case (``from``), and
the one who comes second finds another and is answered 409."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import transition
from legaldesk.clock import local_date
from legaldesk.db import DbSession
from legaldesk.errors import Conflict, FieldErrors, Forbidden, InvalidTransition, ValidationFailed
from legaldesk.messages import N_, Msg
from legaldesk.notify import service as notifications
from legaldesk.routing import ledger
from legaldesk.routing.ledger import round_to_release
from legaldesk.routing.models import Draw, HandBackRequest, Lawyer
from legaldesk.routing.pool import assignment_choices, group_of
from legaldesk.routing.rules import EXCLUSION_LABELS, HAND_BACK_LAPSED, HAND_BACK_MOVED_ON
from legaldesk.routing.service import AlreadyAssigned, NotEligible
from legaldesk.validation import required_text, row_id, text

ASSIGNABLE = ("new", "routed", "accepted")  # a coordinator may name the lawyer
# A coordinator may send an accepted case back to the draw; a routed one goes back by
# "draw again" (routing.service.redraw), once its lawyer's time to accept ran out.
RELEASABLE = ("accepted",)
REASON_MAX = 500


class AssigneeChanged(Conflict):
    code = "assignee_changed"
    default_message = Msg(
        N_(
            "The case’s lawyer changed meanwhile (another coordinator or a claim came "
            "first). Open the case again and decide on what it shows now."
        )
    )


class HandBackPending(Conflict):
    code = "hand_back_pending"
    default_message = Msg(N_("A request to hand this case back is already waiting for an answer."))


class NoHandBackPending(Conflict):
    code = "no_hand_back_pending"
    default_message = Msg(N_("No request to hand this case back is waiting for an answer."))


NOT_ASSIGNABLE = Msg(N_("Only a new, routed or accepted case can be assigned to a lawyer."))
NOT_RELEASABLE = Msg(
    N_(
        "Only an accepted case is sent back to the draw here; a case its lawyer has not "
        "accepted yet is drawn again once their time to accept has run out."
    )
)
NOT_HANDED_BACK = Msg(
    N_("Only an accepted case can be handed back; decline a case that waits for you.")
)


def _reason(errors: FieldErrors, raw: dict[str, Any], name: str = "reason") -> str:
    return text(errors, raw.get(name), name, REASON_MAX, required=True)


def lawyer_accounts(session: DbSession, lawyer_id: int) -> list[int]:
    """The active accounts of a lawyer (who is told of their cases)."""
    return list(
        session.scalars(sa.select(User.id).where(User.lawyer_id == lawyer_id, User.active)).all()
    )


def pending_hand_back(session: DbSession, case: Consultation) -> HandBackRequest | None:
    return session.scalar(
        sa.select(HandBackRequest).where(
            HandBackRequest.consultation_id == case.id, HandBackRequest.state == "pending"
        )
    )


def hand_backs_of(session: DbSession, case: Consultation) -> list[HandBackRequest]:
    return list(
        session.scalars(
            sa.select(HandBackRequest)
            .where(HandBackRequest.consultation_id == case.id)
            .order_by(HandBackRequest.id)
        )
    )


def _settle(
    session: DbSession, actor: Actor, now: datetime, case: Consultation, state: str
) -> None:
    """The waiting hand-back request, answered by what the coordinator did."""
    request = pending_hand_back(session, case)
    if request is not None:
        request.state, request.answered_by_id, request.answered_at = state, actor.id, now


def lapse_hand_back(
    case: Consultation,
    *,
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    previous: str,
    by: str | None,
) -> None:
    """The waiting request lapses when the case moves past "accepted" without a
    coordinator's answer (its lawyer gave advice, it was withdrawn): nothing is left
    to hand back. An assignment or a send-back answer it themselves."""
    if previous != "accepted" or by in ("assign", "release"):
        return
    request = pending_hand_back(session, case)
    if request is None:
        return
    request.state, request.answered_by_id, request.answered_at = "refused", None, now
    request.answer = HAND_BACK_LAPSED.get(case.status, HAND_BACK_MOVED_ON)
    audit.record(
        session,
        actor,
        now,
        "routing.hand_back_lapsed",
        "consultation",
        case.reference,
        {"request": request.id, "status": case.status},
    )


def release(
    session: DbSession, actor: Actor, now: datetime, case: Consultation, reason: str
) -> int | None:
    """Take the case from its lawyer: their round says a coordinator released them (a
    claimed case gets a round of kind "claim" to say so), and they are told. Answers
    the released lawyer's id; the caller moves the case on."""
    released = case.assignee_id
    if released is None:
        return None
    current = round_to_release(session, actor, now, case)
    assert current is not None  # the case has a lawyer
    current.declined_at, current.decline_reason = now, reason
    current.released_by_id = actor.id
    case.assignee_id = None
    notifications.notify_users(
        session,
        now,
        lawyer_accounts(session, released),
        "case_released",
        {"reference": case.reference, "reason": reason},
    )
    return released


def _name(session: DbSession, lawyer_id: int) -> str:
    lawyer = session.get(Lawyer, lawyer_id)
    return lawyer.name if lawyer else ""


def _refusal(lawyer: Lawyer, refusals: list[str]) -> NotEligible:
    message = Msg(
        N_("%(name)s cannot take this case: %(reasons)s."),
        {"name": lawyer.name, "reasons": [Msg(EXCLUSION_LABELS.get(r, r)) for r in refusals]},
    )
    return NotEligible(message, fields={"lawyer_id": [message]})


def assign(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    raw: Any,
    *,
    zone: ZoneInfo,
) -> Draw:
    """Name the case's lawyer by hand, with a reason: a new case is routed to them; a
    routed or accepted one is taken from its lawyer (released, told) and routed to them,
    and they accept or decline as after a draw. ``raw["from"]``, when given, is the
    lawyer the coordinator saw on the case (null: none), so that a claim or another
    coordinator in between answers 409; absent, the coordinator overrides whoever has
    the case (the contract's body is just the lawyer and the reason)."""
    if not permissions.may_assign(actor):
        raise Forbidden()
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    lawyer_id = row_id(errors, raw.get("lawyer_id"), "lawyer_id")
    reason = _reason(errors, raw)
    seen = row_id(errors, raw.get("from"), "from", required=False)
    errors.raise_if_any()
    if case.status not in ASSIGNABLE:
        raise InvalidTransition(NOT_ASSIGNABLE)
    if "from" in raw and case.assignee_id != seen:
        raise (
            AssigneeChanged()
            if seen is not None
            else AlreadyAssigned(
                Msg(
                    N_(
                        "This case already has a lawyer. To take it from them, say whom "
                        "(“from”: their id) with your reason."
                    )
                )
            )
        )
    if lawyer_id == case.assignee_id:
        raise ValidationFailed(fields={"lawyer_id": [Msg(N_("This lawyer already has the case."))]})
    choice = next(
        (
            c
            for c in assignment_choices(session, case, local_date(now, zone))
            if c.lawyer.id == lawyer_id
        ),
        None,
    )
    if choice is None:
        raise ValidationFailed(fields={"lawyer_id": [Msg(N_("No such lawyer."))]})
    if choice.refusals:
        raise _refusal(choice.lawyer, choice.refusals)
    previous = release(session, actor, now, case, reason)
    round_ = ledger.hand_round(
        session,
        actor,
        now,
        case,
        kind="assigned",
        chosen_id=choice.lawyer.id,
        drawn_at=now,
        why="assigned",
        reason=reason,
        assigned_by_id=actor.id,
        group=group_of(case, choice.lawyer),
    )
    case.assignee_id = choice.lawyer.id
    note = (
        reason
        if previous is None
        else f"{_name(session, previous)} → {choice.lawyer.name}\n{reason}"
    )
    transition(session, actor, now, case, "routed", note=note, by="assign")
    _settle(session, actor, now, case, "reassigned")
    audit.record(
        session,
        actor,
        now,
        "routing.assign",
        "consultation",
        case.reference,
        {"round": round_.round, "lawyer": choice.lawyer.id, "from": previous, "reason": reason},
    )
    return round_


def send_back(
    session: DbSession, actor: Actor, now: datetime, case: Consultation, raw: Any
) -> int | None:
    """Take an accepted case from its lawyer and make it new again, for a
    fresh draw (which leaves them out). ``raw["from"]``, when given, must be the lawyer
    on the case. Answers the released lawyer's id."""
    if not permissions.may_assign(actor):
        raise Forbidden()
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    reason = _reason(errors, raw)
    seen = row_id(errors, raw.get("from"), "from", required=False)
    errors.raise_if_any()
    if case.status not in RELEASABLE:
        raise InvalidTransition(NOT_RELEASABLE)
    if "from" in raw and seen != case.assignee_id:
        raise AssigneeChanged()
    transition(session, actor, now, case, "new", note=reason, by="release")
    released = release(session, actor, now, case, reason)
    _settle(session, actor, now, case, "sent_back")
    audit.record(
        session,
        actor,
        now,
        "routing.send_back",
        "consultation",
        case.reference,
        {"from": released, "reason": reason},
    )
    return released


def ask_hand_back(
    session: DbSession, actor: Actor, now: datetime, case: Consultation, raw: Any
) -> HandBackRequest:
    """The case's lawyer asks to hand an accepted case back, with a reason; the
    coordinators are told and answer on the case's page."""
    if not permissions.may_ask_hand_back(actor, case):
        raise Forbidden()
    reason = required_text(raw.get("reason") if isinstance(raw, dict) else None, "reason", 500)
    if case.status != "accepted":
        raise InvalidTransition(NOT_HANDED_BACK)
    if pending_hand_back(session, case) is not None:
        raise HandBackPending()
    lawyer_id = case.assignee_id or 0  # may_ask_hand_back: the case's own lawyer
    request = HandBackRequest(
        consultation_id=case.id,
        lawyer_id=lawyer_id,
        asked_by_id=actor.id,
        asked_at=now,
        reason=reason,
        state="pending",
        answer="",
    )
    session.add(request)
    session.flush()
    lawyer = session.get(Lawyer, lawyer_id)
    notifications.notify_users(
        session,
        now,
        notifications.coordinator_ids(session),
        "hand_back_requested",
        {"reference": case.reference, "lawyer": lawyer.name if lawyer else "", "reason": reason},
    )
    audit.record(
        session,
        actor,
        now,
        "routing.hand_back_asked",
        "consultation",
        case.reference,
        {"request": request.id, "reason": reason},
    )
    return request


def refuse_hand_back(
    session: DbSession, actor: Actor, now: datetime, case: Consultation, raw: Any
) -> HandBackRequest:
    """A coordinator refuses the waiting request with a note; the lawyer keeps the
    case and is told why."""
    if not permissions.may_assign(actor):
        raise Forbidden()
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    note = text(errors, raw.get("note"), "note", REASON_MAX, required=True)
    errors.raise_if_any()
    request = pending_hand_back(session, case)
    if request is None:
        raise NoHandBackPending()
    request.state, request.answer = "refused", note
    request.answered_by_id, request.answered_at = actor.id, now
    notifications.notify_users(
        session,
        now,
        lawyer_accounts(session, request.lawyer_id),
        "hand_back_refused",
        {"reference": case.reference, "note": note},
    )
    audit.record(
        session,
        actor,
        now,
        "routing.hand_back_refused",
        "consultation",
        case.reference,
        {"request": request.id, "note": note},
    )
    session.flush()
    return request
