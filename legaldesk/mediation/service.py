"""Mediation cases: opened from a consultation, moved on by people and by timers.

Every status change goes through ``move`` (the table in rules.py), which writes
the mediation's history and the audit entry. The scheduler's timers (``mediation.timers``)
apply what the calendar decides: silence after 14 days, a 30-day window run out.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.auth.rules import may_read_case, mediates
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import lock_case
from legaldesk.clock import local_date
from legaldesk.db import DbSession
from legaldesk.errors import (
    Conflict,
    FieldErrors,
    Forbidden,
    InvalidTransition,
    NotFound,
    field_error,
)
from legaldesk.mediation import rules
from legaldesk.mediation.models import Mediation, MediationDocument, MediationEvent
from legaldesk.messages import N_, Msg
from legaldesk.rooms.models import Booking
from legaldesk.routing import ledger
from legaldesk.routing.eligibility import CaseFacts
from legaldesk.routing.models import Draw, Lawyer
from legaldesk.routing.pool import conflicts_of
from legaldesk.validation import is_whole, optional_email, text


def may_manage(actor: Actor, case: Consultation) -> bool:
    """``auth.rules.may_manage_mediation``; the desk's own timers (no actor) always."""
    return actor is None or permissions.may_manage_mediation(actor, case)


def _weekdays(errors: FieldErrors, raw: Any, name: str) -> list[int]:
    if raw in (None, ""):
        return []
    if not isinstance(raw, list) or any(not is_whole(d) or not 1 <= d <= 7 for d in raw):
        errors.add(name, Msg(N_("Choose weekdays.")))
        return []
    return sorted(set(raw))


def open_mediation(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    raw: Any,
    calendar: dict,
    *,
    zone: ZoneInfo,
) -> Mediation:
    """Record the application; the other side has 14 days to consent (from the desk's
    day in ``zone``)."""
    if not may_manage(actor, case):
        raise Forbidden()
    if case.status in ("closed", "withdrawn"):
        raise Conflict(Msg(N_("The case is no longer open.")))
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    respondent = text(errors, raw.get("respondent_name"), "respondent_name", 200, required=True)
    contact = text(errors, raw.get("respondent_contact"), "respondent_contact", 100, False)
    email = optional_email(errors, raw.get("respondent_email"), "respondent_email")
    applicant_days = _weekdays(errors, raw.get("applicant_days"), "applicant_days")
    respondent_days = _weekdays(errors, raw.get("respondent_days"), "respondent_days")
    today = local_date(now, zone)
    applied_on = raw.get("applied_on") or today
    if not isinstance(applied_on, date) or applied_on > today:
        errors.add("applied_on", Msg(N_("A date that is not in the future.")))
    errors.raise_if_any()
    mediation = Mediation(
        consultation_id=case.id,
        status="awaiting_consent",
        respondent_name=respondent,
        respondent_contact=contact,
        respondent_email=email,
        applicant_days=applicant_days,
        respondent_days=respondent_days,
        applied_on=applied_on,
        consent_due_on=rules.period_end(applied_on, rules.CONSENT_DAYS, calendar),
        created_by_id=actor.id,
        created_at=now,
        updated_at=now,
    )
    mediation.events.append(
        MediationEvent(at=now, from_status=None, to_status="awaiting_consent", actor_id=actor.id)
    )
    try:
        with session.begin_nested():
            session.add(mediation)
            session.flush()
    except IntegrityError:
        raise Conflict(Msg(N_("This case already has a mediation."))) from None
    audit.record(session, actor, now, "mediation.open", "consultation", case.reference)
    return mediation


def case_for_mediation(session: DbSession, actor: Actor, reference: str) -> Consultation:
    """The case, locked, for one who may read it or who mediates it; else NotFound."""
    case = lock_case(session, reference)
    if case is None or not (may_read_case(actor, case) or mediates(actor, case)):
        raise NotFound()
    return case


def mediation_for_change(session: DbSession, actor: Actor, case: Consultation) -> Mediation:
    """The case's mediation, locked, for someone who may manage it."""
    mediation = session.scalar(
        sa.select(Mediation).where(Mediation.consultation_id == case.id).with_for_update()
    )
    if mediation is None:
        raise NotFound()
    if not may_manage(actor, case):
        raise Forbidden()
    return mediation


def move(
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    mediation: Mediation,
    target: str,
    note: Any = "",
    reason: str | None = None,
    calendar: dict | None = None,
    *,
    zone: ZoneInfo | None = None,
) -> None:
    """The one place a mediation changes status (``actor`` None: a timer). ``zone``, the
    desk's, is needed only for "agreed": the confirmation window counts from its day."""
    errors = FieldErrors()
    note_text = text(errors, note, "note", 2000, required=False)
    if target == "failed" and reason not in rules.FAILURE_REASONS:
        errors.add("reason", Msg(N_("Choose one of the listed options.")))
    errors.raise_if_any()
    if not rules.may_move(mediation.status, target):
        raise InvalidTransition()
    if target == "in_mediation" and mediation.mediator_id is None:
        raise Conflict(Msg(N_("Choose a mediator first.")))
    if target == "agreed":
        if zone is None:
            raise TypeError("an agreement needs the desk's zone")
        mediation.agreed_on = local_date(now, zone)
        mediation.confirmation_due_on = rules.period_end(
            mediation.agreed_on, rules.CONFIRMATION_DAYS, calendar or {}
        )
    if target == "failed":
        mediation.failure_reason = reason
    mediation.events.append(
        MediationEvent(
            at=now,
            from_status=mediation.status,
            to_status=target,
            actor_id=actor.id if actor is not None else None,
            note=note_text,
        )
    )
    mediation.status, mediation.updated_at = target, now
    session.flush()
    reference = session.scalar(
        sa.select(Consultation.reference).where(Consultation.id == mediation.consultation_id)
    )
    audit.record(
        session,
        actor,
        now,
        "mediation.move",
        "consultation",
        reference or "-",
        {"to": target, "reason": reason} if reason else {"to": target},
    )


def act(
    session: DbSession,
    actor: Actor,
    now: datetime,
    mediation: Mediation,
    target: Any,
    reason: Any,
    note: Any,
    calendar: dict,
    *,
    zone: ZoneInfo,
) -> None:
    """A person's step (consent, refusal, agreement...): only those listed in
    rules.ACTIONS; silence and no-shows are decided by timers and attendance."""
    if (target, reason or None) not in rules.ACTIONS.get(mediation.status, ()):
        raise InvalidTransition()
    move(session, actor, now, mediation, target, note, reason or None, calendar, zone=zone)


def mediation_parties(case: Consultation, mediation: Mediation) -> CaseFacts:
    """Everyone a mediator must be neutral towards: the enterprise, the case's other
    side and the mediation's respondent."""
    return CaseFacts(
        countries=(),
        category=case.category_code,
        enterprise=case.enterprise.name,
        counterparties=(*(c.name for c in case.counterparties), mediation.respondent_name),
    )


def choose_mediator(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    mediation: Mediation,
    raw: Any,
    reason: Any = None,
) -> None:
    """A neutral mediator named by hand, with the reason it was not drawn (kept in the
    audit log and the mediation's history): not the case's own lawyer, no conflict
    with either side."""
    if not permissions.may_assign(actor):  # a coordinator's choice, never one side's lawyer
        raise Forbidden()
    if mediation.status not in ("consented", "in_mediation"):
        raise InvalidTransition()
    errors = FieldErrors()
    why = text(errors, reason, "reason", 500, required=False)
    if not why and "reason" not in errors.fields:  # what is missing, not "required"
        errors.add("reason", Msg(N_("Say why the mediator is not drawn by lot.")))
    lawyer = session.get(Lawyer, raw) if isinstance(raw, int) and 0 < raw < 2**31 else None
    if lawyer is None or not lawyer.active:
        errors.add("mediator_id", Msg(N_("Choose one of the listed options.")))
    errors.raise_if_any()
    assert lawyer is not None  # refused above
    if lawyer.id == case.assignee_id:
        raise field_error("mediator_id", Msg(N_("The case's own lawyer cannot mediate it.")))
    parties = mediation_parties(case, mediation)
    found = conflicts_of(session, [lawyer], case.id, parties.parties)
    hits = found[lawyer.id].hit_as_typed(parties)
    if hits:  # named as typed, not by their normalised key
        named = ", ".join(party for party, _ in hits)
        raise field_error(
            "mediator_id",
            Msg(N_("Conflict of interest with: %(parties)s."), {"parties": named}),
        )
    pending = pending_mediator_round(session, case)
    if pending is not None:  # published for a draw that will not happen: say so
        ledger.void(session, actor, now, pending, "assigned")
    set_mediator(session, actor, now, case, mediation, lawyer.id, reason=why)


def pending_mediator_round(session: DbSession, case: Consultation) -> Draw | None:
    """The mediator round committed and waiting for its number (mediator_draw)."""
    return ledger.pending_round(session, case, kind="mediator")


def set_mediator(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    mediation: Mediation,
    lawyer_id: int,
    *,
    reason: str = "",
    drawn_round: int | None = None,
) -> None:
    """The mediator chosen by hand (with ``reason``) or by lot (``drawn_round``, the
    round that drew them); a consented mediation goes on to its sessions."""
    mediation.mediator_id, mediation.updated_at = lawyer_id, now
    detail: dict = {"lawyer": lawyer_id}
    detail |= {"drawn_round": drawn_round} if drawn_round is not None else {"reason": reason}
    audit.record(session, actor, now, "mediation.mediator", "consultation", case.reference, detail)
    if mediation.status == "consented":
        move(session, actor, now, mediation, "in_mediation", reason)


def set_document(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    mediation: Mediation,
    code: Any,
    received: bool,
) -> None:
    """Tick (or untick) a document of the case file."""
    if code not in rules.DOCUMENTS:
        raise field_error("code", Msg(N_("Choose one of the listed options.")))
    held = {d.code: d for d in mediation.documents}
    if received and code not in held:
        mediation.documents.append(
            MediationDocument(code=code, received_at=now, received_by_id=actor.id)
        )
    elif not received and code in held:
        mediation.documents.remove(held[code])
    else:
        return
    session.flush()
    audit.record(
        session,
        actor,
        now,
        "mediation.document",
        "consultation",
        case.reference,
        {"code": code, "received": received},
    )


def tick_from_document(
    session: DbSession, actor: Actor, now: datetime, case: Consultation, kind: str
) -> None:
    """A document attached to the case ticks the matching entry of its mediation's
    case file (once: a second upload changes nothing); no mediation, no tick."""
    code = rules.FROM_CASE_DOCUMENTS.get(kind)
    mediation = case.mediation
    if code is None or mediation is None:
        return
    set_document(session, actor, now, case, mediation, code, True)


def fail_for_no_show(session: DbSession, actor: Actor, now: datetime, booking: Booking) -> None:
    """An unexcused absence from a session ends the mediation in failure."""
    mediation = session.scalar(
        sa.select(Mediation)
        .where(Mediation.consultation_id == booking.consultation_id)
        .with_for_update()
    )
    if mediation is not None and mediation.status == "in_mediation":
        move(session, actor, now, mediation, "failed", booking.attendance_note, "no_show")
