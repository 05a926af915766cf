"""Demo rooms life: three mediations at different stages (so their deadlines show on
their case pages), sessions found by the free-slot finder, a weekly legal-education
class and a legislative hearing. Made through the services, as a user would."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from legaldesk.cases.models import Consultation, Counterparty
from legaldesk.errors import DeskError
from legaldesk.mediation import cases, series, service, slots
from legaldesk.mediation.models import BookingSeries, Mediation, Room
from legaldesk.routing.models import Lawyer
from legaldesk.workcal.service import overrides

RESPONDENT_DAYS = [[2, 4], [1, 3, 5], [2, 3]]


def _candidates(session: Session) -> list[Consultation]:
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


def _choose_neutral(session: Session, actor, now, case, mediation) -> None:
    """The first panel expert without a conflict (the service refuses the others),
    preferring one with a demo login, so a visitor can see a mediator's queue."""
    from legaldesk.auth.models import User

    with_login = set(session.scalars(sa.select(User.lawyer_id).where(User.lawyer_id.is_not(None))))
    lawyers = sorted(
        session.scalars(sa.select(Lawyer).where(Lawyer.kind == "panel_expert")).all(),
        key=lambda lawyer: (lawyer.id not in with_login, -lawyer.id),
    )
    for lawyer in lawyers:
        try:
            with session.begin_nested():
                cases.choose_mediator(session, actor, now, case, mediation, lawyer.id)
            return
        except DeskError:
            continue


def _session(
    session: Session, actor, now, case, mediation, calendar, held: bool, zone: ZoneInfo
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
            "participants": cases.session_participants(session, actor, case.reference),
        },
        zone,
        calendar,
    )
    if held:
        service.record_attendance(session, actor, slot.slot.ends_at, booking, "held", "双方均到场")


def _mediations(session: Session, actor, now: datetime, calendar: dict, zone: ZoneInfo) -> None:
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


def _classes(session: Session, actor, now: datetime, calendar: dict, zone: ZoneInfo) -> None:
    """A ten-week export-compliance class, leaving out any date the room cannot take."""
    room = session.scalar(sa.select(Room).where(Room.kind == "legal_education"))
    hearing_room = session.scalar(sa.select(Room).where(Room.kind == "legislative_contact"))
    if room is None or hearing_room is None:
        return
    today = now.astimezone(zone).date()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    start = datetime.combine(tuesday, datetime.min.time(), zone).replace(hour=14)
    raw = {
        "room_id": room.id,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "title": "出口管制合规系列讲座",
        "purpose": "legal_education",
        "attendees": 30,
        "repeat": {"count": 10, "every_days": 7, "skip": []},
    }
    try:
        with session.begin_nested():
            series.book_series(session, actor, now, raw, zone, calendar)
    except series.SeriesConflict as clash:
        raw["repeat"]["skip"] = [d.isoformat() for d in clash.dates]
        series.book_series(session, actor, now, raw, zone, calendar)
    hearing = datetime.combine(tuesday + timedelta(days=2), datetime.min.time(), zone)
    try:
        with session.begin_nested():
            service.book(
                session,
                actor,
                now,
                {
                    "room_id": hearing_room.id,
                    "starts_at": hearing.replace(hour=9, minute=30).isoformat(),
                    "ends_at": hearing.replace(hour=11, minute=30).isoformat(),
                    "title": "《优化营商环境条例（草案）》企业意见征集会",
                    "purpose": "legislative_hearing",
                    "attendees": 15,
                },
                zone,
                calendar,
            )
    except DeskError:
        pass  # a holiday that week: the demo goes without the hearing


def load_rooms_demo(session: Session, actor, now: datetime, zone: ZoneInfo) -> None:
    """Idempotent: nothing is added once the desk has a mediation or a series. Times
    of day (sessions, classes) are the desk's, in ``zone``."""
    if session.scalar(sa.select(sa.func.count()).select_from(Mediation)) or session.scalar(
        sa.select(sa.func.count()).select_from(BookingSeries)
    ):
        return
    calendar = overrides(session)
    _mediations(session, actor, now, calendar, zone)
    _classes(session, actor, now, calendar, zone)
    session.flush()
