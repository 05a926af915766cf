"""Follow-ups past due, in SQL: rule 2 of ``cases.overdue_rules`` for the case list's
``overdue=1`` and the dashboard's count (which /followups?overdue=1 lists)."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.cases.overdue_rules import ENDED
from legaldesk.db import DbSession
from legaldesk.followups.models import FollowUp


def past_due(today: date) -> Any:
    """Follow-ups (joined with their case) not done, due before ``today``, of a case
    that has not ended."""
    return sa.and_(
        FollowUp.done_at.is_(None), FollowUp.due_on < today, Consultation.status.not_in(ENDED)
    )


def cases_past_due(today: date) -> Any:
    """Cases with a follow-up past due (a condition on Consultation)."""
    return sa.and_(
        Consultation.status.not_in(ENDED),
        sa.exists().where(
            FollowUp.consultation_id == Consultation.id,
            FollowUp.done_at.is_(None),
            FollowUp.due_on < today,
        ),
    )


def count_past_due(session: DbSession, today: date) -> int:
    """How many follow-ups are past due (served by the (done_at, due_on) index)."""
    query = (
        sa.select(sa.func.count())
        .select_from(FollowUp)
        .join(Consultation, FollowUp.consultation_id == Consultation.id)
        .where(past_due(today))
    )
    return session.scalar(query) or 0


def most_past_due(session: DbSession, today: date, limit: int) -> list[tuple[str, date]]:
    """(case reference, due day) of the ``limit`` follow-ups past due longest, in the
    order /followups?overdue=1 lists them: the dashboard shows these beside its count."""
    query = (
        sa.select(Consultation.reference, FollowUp.due_on)
        .join(Consultation, FollowUp.consultation_id == Consultation.id)
        .where(past_due(today))
        .order_by(FollowUp.due_on, FollowUp.id)
        .limit(limit)
    )
    return [(reference, due) for reference, due in session.execute(query).all()]
