"""What pages read of mediations: the case file's gaps, a case's sessions, who is
reminded of a session, and the mediations a lawyer conducts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.auth.rules import may_read_case, mediates
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import load_case
from legaldesk.db import DbSession
from legaldesk.mediation import rules
from legaldesk.mediation.models import Mediation
from legaldesk.rooms.models import Booking


def missing_documents(mediation: Mediation) -> list[str]:
    """The checklist's gaps: what the stage reached (before any failure) still needs."""
    reached = next(
        (e.from_status for e in reversed(mediation.events) if e.to_status == "failed"), None
    )
    received = {d.code for d in mediation.documents}
    return rules.missing_documents(mediation.status, received, reached)


def sessions_of(session: DbSession, case: Consultation) -> list[Booking]:
    return list(
        session.scalars(
            sa.select(Booking)
            .where(
                Booking.consultation_id == case.id,
                Booking.purpose == "mediation_session",
            )
            .order_by(Booking.starts_at)
        )
    )


def session_participants(session: DbSession, actor: Actor, reference: str) -> list[dict]:
    """Both sides of the case's mediation, to be reminded of a session."""
    case = load_case(session, reference)
    if case is None or case.mediation is None:
        return []
    if not (may_read_case(actor, case) or mediates(actor, case)):
        return []
    return [
        {"name": case.contact.name, "email": case.contact.email},
        {"name": case.mediation.respondent_name, "email": case.mediation.respondent_email},
    ]


def mediated_by(session: DbSession, lawyer_id: int, now: datetime) -> list[tuple[Any, Any, Any]]:
    """(reference, mediation, next session or None) of the open mediations a lawyer
    conducts, soonest session first: what their queue lists."""
    rows = session.execute(
        sa.select(Consultation.reference, Mediation)
        .join(Consultation, Mediation.consultation_id == Consultation.id)
        .where(Mediation.mediator_id == lawyer_id, Mediation.status.in_(rules.OPEN + ("agreed",)))
    ).all()
    sessions = {
        booking.consultation_id: booking
        for booking in session.scalars(
            sa.select(Booking)
            .where(
                Booking.consultation_id.in_([m.consultation_id for _, m in rows]),
                Booking.purpose == "mediation_session",
                Booking.cancelled_at.is_(None),
                Booking.starts_at >= now,
            )
            .order_by(Booking.starts_at.desc())
        )
    }  # the last one written for a case is its soonest
    listed = [(ref, m, sessions.get(m.consultation_id)) for ref, m in rows]
    far = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(listed, key=lambda row: (row[2].starts_at if row[2] else far, row[0]))
