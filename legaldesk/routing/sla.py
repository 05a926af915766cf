"""The drawn lawyer's time to accept, counted in working hours: shorter for an
urgent case (LEGALDESK_SLA_ACCEPT_URGENT_WORKING_HOURS) than for the others
(LEGALDESK_SLA_ACCEPT_WORKING_HOURS)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from legaldesk.audit import service as audit
from legaldesk.cases.models import Consultation
from legaldesk.db import DbSession
from legaldesk.notify import service as notifications
from legaldesk.routing.models import Draw
from legaldesk.workcal.rules import add_working_hours, subtract_working_hours


@dataclass(frozen=True)
class AcceptanceHours:
    """Working hours a drawn lawyer has to accept, by the case's urgency."""

    normal: float
    urgent: float

    @classmethod
    def alike(cls, hours: float) -> AcceptanceHours:
        """The same hours whatever the urgency."""
        return cls(hours, hours)

    def of(self, urgency: str) -> float:
        return self.urgent if urgency == "urgent" else self.normal


def current_drawn_at() -> sa.ScalarSelect:
    """When the case's current round was drawn: the latest round naming its lawyer
    that the lawyer has not declined (a correlated subquery on Consultation)."""
    return (
        sa.select(sa.func.max(Draw.drawn_at))
        .where(
            Draw.consultation_id == Consultation.id,
            Draw.chosen_id == Consultation.assignee_id,
            Draw.declined_at.is_(None),
        )
        .correlate(Consultation)
        .scalar_subquery()
    )


def waiting_since() -> Any:
    """The case list's ``sort=accept_by``: when a routed case's current round was
    drawn (the earliest drawn is the nearest to, or longest past, its acceptance
    deadline, since working hours only ever add up); NULL for any other case."""
    return sa.case((Consultation.status == "routed", current_drawn_at()))


def cutoff(now: datetime, hours: float, zone: Any, calendar: dict) -> datetime:
    """A round drawn at or before this moment is past the acceptance SLA at ``now``."""
    return subtract_working_hours(now, hours, zone, calendar)


def late_to_accept(now: datetime, hours: AcceptanceHours, zone: Any, calendar: dict) -> Any:
    """``cases.overdue_rules.late_to_accept`` in SQL: routed, and the current round
    drawn at or before the cutoff of the case's urgency (the status index narrows it
    to waiting cases)."""
    urgent = Consultation.urgency == "urgent"
    limit = sa.case(
        (urgent, cutoff(now, hours.urgent, zone, calendar)),
        else_=cutoff(now, hours.normal, zone, calendar),
    )
    return sa.and_(Consultation.status == "routed", current_drawn_at() <= limit)


def clocks(
    session: DbSession,
    case_ids: list[int],
    hours: AcceptanceHours,
    zone: Any,
    calendar: dict,
) -> dict[int, tuple[datetime, datetime]]:
    """(drawn at, acceptance due by) of each listed case's current round, in one
    query: the SLA clock the dashboard shows beside a few waiting cases."""
    rows = session.execute(
        sa.select(Consultation.id, Consultation.urgency, current_drawn_at()).where(
            Consultation.id.in_(case_ids)
        )
    ).all()
    return {
        case_id: (drawn_at, add_working_hours(drawn_at, hours.of(urgency), zone, calendar))
        for case_id, urgency, drawn_at in rows
        if drawn_at is not None
    }


def accept_by(
    round_: Draw, case: Consultation, hours: AcceptanceHours, zone: Any, calendar: dict
) -> datetime | None:
    """When the drawn lawyer's time to accept runs out (None: not a drawn round)."""
    if round_.drawn_at is None:
        return None
    return add_working_hours(round_.drawn_at, hours.of(case.urgency), zone, calendar)


def overdue_rounds(
    session: DbSession, now: datetime, hours: AcceptanceHours, zone: Any, calendar: dict
) -> list[tuple[Draw, Consultation]]:
    """Current rounds whose lawyer has not accepted within the working hours of their
    case's urgency."""
    rows = session.execute(
        sa.select(Draw, Consultation)
        .join(Consultation, Draw.consultation_id == Consultation.id)
        .where(
            Consultation.status == "routed",
            Draw.chosen_id == Consultation.assignee_id,
            Draw.declined_at.is_(None),
            Draw.escalated_at.is_(None),
            Draw.drawn_at.is_not(None),
        )
    ).all()
    return [
        (round_, case)
        for round_, case in rows
        if round_.drawn_at is not None  # drawn rounds only, as selected
        and add_working_hours(round_.drawn_at, hours.of(case.urgency), zone, calendar) <= now
    ]


def escalate_overdue(
    session: DbSession, now: datetime, hours: AcceptanceHours, zone: Any, calendar: dict
) -> int:
    """Tell coordinators (by e-mail and the bell) of each case whose drawn lawyer is
    late; once per round."""
    late = overdue_rounds(session, now, hours, zone, calendar)
    mailboxes = notifications.coordinators(session)
    coordinators = [row.id for row in mailboxes]
    told = 0
    for round_, case in late:
        if not _claim_escalation(session, round_, now):
            continue  # a second scheduler told the coordinators of this round already
        told += 1
        case_hours = hours.of(case.urgency)
        for user_id, email, locale in mailboxes:
            notifications.enqueue(
                session,
                now,
                "sla_breach",
                f"sla.{case.reference}.{round_.round}.{user_id}",
                email,
                {"reference": case.reference, "hours": case_hours},
                locale or "zh_CN",
            )
        notifications.notify_users(
            session,
            now,
            coordinators,
            "sla_breach",
            {"reference": case.reference, "lawyer": round_.chosen_id, "hours": case_hours},
        )
        audit.record(
            session,
            None,
            now,
            "routing.sla_breach",
            "consultation",
            case.reference,
            {"round": round_.round},
        )
    session.flush()
    return told


def _claim_escalation(session: DbSession, round_: Draw, now: datetime) -> bool:
    """Mark the round escalated unless another scheduler did since it was read: a
    conditional UPDATE, which on PostgreSQL waits for the other's commit and then
    finds the mark (SQLite runs one writer at a time anyway)."""
    claimed: sa.CursorResult[Any] = session.execute(  # type: ignore[assignment]
        sa.update(Draw)
        .where(Draw.id == round_.id, Draw.escalated_at.is_(None))
        .values(escalated_at=now)
        .execution_options(synchronize_session=False)
    )
    session.refresh(round_, ["escalated_at"])
    return bool(claimed.rowcount)
