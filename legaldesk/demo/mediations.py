"""Demo rooms life: three mediations at different stages (so their deadlines show on
their case pages), sessions found by the free-slot finder, a weekly legal-education
class and a legislative hearing. Made through the services, as a user would."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation, Counterparty
from legaldesk.db import DbSession
from legaldesk.demo.rooms import book_classes
from legaldesk.errors import DeskError
from legaldesk.mediation import service as cases
from legaldesk.mediation.models import Mediation
from legaldesk.mediation.reads import session_participants
from legaldesk.rooms import service, slots
from legaldesk.rooms.models import BookingSeries
from legaldesk.routing.models import Lawyer
from legaldesk.workcal.service import overrides

RESPONDENT_DAYS = [[2, 4], [1, 3, 5], [2, 3]]


def _candidates(session: DbSession) -> list[Consultation]:
    """Open, assigned cases with a named other side: they can go to mediation."""
    with_party = sa.select(Counterparty.consultation_id)
    return list(
        session.scalars(
            sa.select(Consultation)
            .where(
                Consultation.status.in_(("accepted", "advised")),
                Consultation.assignee_id.is_not(None),
                Consultation.id.in_(with_party),
            )
            .order_by(Consultation.id)
            .limit(3)
        )
    )


# Why the demo's mediators were named by hand, not drawn: recorded as a coordinator's.
DEMO_CHOICE_REASON = "双方均同意由该调解员主持（演示数据）"


def _choose_neutral(session: DbSession, actor, now, case, mediation) -> None:
    """The first panel expert without a conflict (the service refuses the others),
    preferring one with a demo login, so a visitor can see a mediator's queue."""
    with_login = set(session.scalars(sa.select(User.lawyer_id).where(User.lawyer_id.is_not(None))))
    lawyers = sorted(
        session.scalars(sa.select(Lawyer).where(Lawyer.kind == "panel_expert")).all(),
        key=lambda lawyer: (lawyer.id not in with_login, -lawyer.id),
    )
    for lawyer in lawyers:
        try:
            with session.begin_nested():
                cases.choose_mediator(
                    session, actor, now, case, mediation, lawyer.id, DEMO_CHOICE_REASON
                )
            return
        except DeskError:
            continue


def _session(
    session: DbSession, actor, now, case, mediation, calendar, held: bool, zone: ZoneInfo
) -> None:
    found = slots.find(
        session,
        actor,
        now,
        zone,
        calendar,
        {
            "mediator_id": mediation.mediator_id,
            "applicant_days": mediation.applicant_days,
            "respondent_days": mediation.respondent_days,
        },
    )
    if not found:
        return
    slot = found[0]
    booking = service.book(
        session,
        actor,
        now,
        {
            "room_id": slot.room_id,
            "starts_at": slot.slot.starts_at.isoformat(),
            "ends_at": slot.slot.ends_at.isoformat(),
            "title": f"调解会 {case.reference}",
            "purpose": "mediation_session",
            "consultation": case.reference,
            "mediator_id": mediation.mediator_id,
            "attendees": 4,
            "participants": session_participants(session, actor, case.reference),
        },
        zone,
        calendar,
    )
    if held:
        service.record_attendance(session, actor, slot.slot.ends_at, booking, "held", "双方均到场")


def _mediations(session: DbSession, actor, now: datetime, calendar: dict, zone: ZoneInfo) -> None:
    # (days since the application, steps): one waits for consent, one is in
    # mediation with its next session booked, one reached an agreement.
    plans = [
        (5, []),
        (12, ["consented", "mediator", "session"]),
        (40, ["consented", "mediator", "held", "agreed"]),
    ]
    for (days_ago, steps), case, respondent_days in zip(
        plans, _candidates(session), RESPONDENT_DAYS, strict=False
    ):
        applied = now - timedelta(days=days_ago)
        mediation = cases.open_mediation(
            session,
            actor,
            applied,
            case,
            {
                "respondent_name": case.counterparties[0].name,
                "respondent_contact": "+86 571 8888 0000",
                "respondent_email": "legal@respondent.example",
                "applicant_days": [1, 2, 3, 4, 5],
                "respondent_days": respondent_days,
            },
            calendar,
            zone=zone,
        )
        cases.set_document(session, actor, applied, case, mediation, "application", True)
        moment = applied + timedelta(days=2)
        for step in steps:
            if step == "consented":
                cases.act(
                    session, actor, moment, mediation, "consented", None, "", calendar, zone=zone
                )
                cases.set_document(session, actor, moment, case, mediation, "consent", True)
            elif step == "mediator":
                _choose_neutral(session, actor, moment, case, mediation)
            elif step in ("session", "held"):
                _session(
                    session,
                    actor,
                    moment if step == "held" else now,
                    case,
                    mediation,
                    calendar,
                    step == "held",
                    zone,
                )
            elif step == "agreed":
                moment += timedelta(days=7)
                cases.act(
                    session,
                    actor,
                    moment,
                    mediation,
                    "agreed",
                    None,
                    "双方就付款期限达成一致",
                    calendar,
                    zone=zone,
                )
                cases.set_document(session, actor, moment, case, mediation, "agreement", True)
            moment += timedelta(days=1)


def load_rooms_demo(session: DbSession, actor, now: datetime, zone: ZoneInfo) -> None:
    """Idempotent: nothing is added once the desk has a mediation or a series. Times
    of day (sessions, classes) are the desk's, in ``zone``."""
    if session.scalar(sa.select(sa.func.count()).select_from(Mediation)) or session.scalar(
        sa.select(sa.func.count()).select_from(BookingSeries)
    ):
        return
    calendar = overrides(session)
    _mediations(session, actor, now, calendar, zone)
    book_classes(session, actor, now, calendar, zone)
    session.flush()
