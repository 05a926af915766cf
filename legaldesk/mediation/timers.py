"""The scheduler's mediation deadlines: the other side silent for 14 days fails the
mediation; a 30-day judicial-confirmation window that ran out is closed. The
coordinators and the mediator are told."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation
from legaldesk.clock import local_date
from legaldesk.db import DbSession
from legaldesk.mediation import rules
from legaldesk.mediation.models import Mediation
from legaldesk.mediation.service import move
from legaldesk.notify import service as notifications

TIMERS = (
    # status, its deadline, where it goes when the deadline has passed, why
    ("awaiting_consent", "consent_due_on", "failed", "no_reply"),
    ("agreed", "confirmation_due_on", "window_closed", None),
)


def lapsed_deadlines(session: DbSession, now: datetime, *, zone: ZoneInfo) -> list[tuple[int, str]]:
    """(mediation id, status) of every mediation whose deadline has passed (by the
    desk's day in ``zone``)."""
    today = local_date(now, zone)
    found: list[tuple[int, str]] = []
    for status, column, _, _ in TIMERS:
        found += [
            (mediation_id, status)
            for mediation_id in session.scalars(
                sa.select(Mediation.id).where(
                    Mediation.status == status, getattr(Mediation, column) < today
                )
            )
        ]
    return found


def close_lapsed(
    session: DbSession, now: datetime, mediation_id: int, status: str, *, zone: ZoneInfo
) -> str | None:
    """Apply one timer; None when someone else moved the mediation first.

    The row is locked and its status read again, so a second scheduler (or a
    coordinator's click) that got there first wins and this one does nothing.
    """
    mediation = session.scalar(
        sa.select(Mediation).where(Mediation.id == mediation_id).with_for_update()
    )
    if mediation is None or mediation.status != status:
        return None
    _, column, target, reason = next(t for t in TIMERS if t[0] == status)
    if not rules.lapsed(getattr(mediation, column), local_date(now, zone)):
        return None
    move(session, None, now, mediation, target, reason=reason)
    _tell(session, now, mediation, reason or target)
    return reason or target


def _tell(session: DbSession, now: datetime, mediation: Mediation, what: str) -> None:
    reference = session.scalar(
        sa.select(Consultation.reference).where(Consultation.id == mediation.consultation_id)
    )
    users = set(notifications.coordinator_ids(session))
    if mediation.mediator_id is not None:
        users |= set(
            session.scalars(
                sa.select(User.id).where(User.lawyer_id == mediation.mediator_id, User.active)
            )
        )
    notifications.notify_users(
        session, now, sorted(users), "mediation_deadline", {"reference": reference, "what": what}
    )


def _deadline_within(first: date, last: date) -> Any:
    """Mediations whose running deadline (of TIMERS) falls on ``first``..``last``."""
    return sa.or_(
        *(
            sa.and_(Mediation.status == status, getattr(Mediation, column).between(first, last))
            for status, column, _, _ in TIMERS
        )
    )


def cases_due_within(today: date, days: int = 7) -> Any:
    """Cases whose mediation has a deadline today or in the next ``days`` days (a
    condition on Consultation: the case list's ``mediation_due=1``)."""
    return Consultation.id.in_(
        sa.select(Mediation.consultation_id).where(
            _deadline_within(today, today + timedelta(days=days))
        )
    )


def _running_deadline() -> Any:
    """The deadline TIMERS runs for a mediation in its status (NULL in any other)."""
    return sa.case(
        *(
            (Mediation.status == status, getattr(Mediation, column))
            for status, column, _, _ in TIMERS
        )
    )


def case_deadline() -> Any:
    """The case list's ``sort=mediation_deadline``: the case's nearest running
    mediation deadline (a correlated subquery on Consultation; NULL when none)."""
    return (
        sa.select(sa.func.min(_running_deadline()))
        .where(Mediation.consultation_id == Consultation.id)
        .correlate(Consultation)
        .scalar_subquery()
    )


def due_within(
    session: DbSession, today: date, days: int = 7, limit: int = 5
) -> list[tuple[str, str, date]]:
    """The first ``limit`` mediations with a deadline in the next ``days`` days, as
    (case reference, mediation status, deadline), soonest first."""
    window = _deadline_within(today, today + timedelta(days=days))
    deadline = _running_deadline()
    rows = session.execute(
        sa.select(Consultation.reference, Mediation.status, deadline)
        .join(Consultation, Mediation.consultation_id == Consultation.id)
        .where(window)
        .order_by(deadline, Mediation.id)
        .limit(limit)
    ).all()
    return [(reference, status, due) for reference, status, due in rows]
