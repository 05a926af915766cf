"""The drawn lawyer's time to accept, counted in working hours."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from legaldesk.audit import service as audit
from legaldesk.cases.models import Consultation
from legaldesk.routing.models import Draw


def overdue_rounds(
    session: Session, now: datetime, hours: float, zone: Any, calendar: dict
) -> list[tuple[Draw, Consultation]]:
    """Current rounds whose lawyer has not accepted within ``hours`` working hours."""
    from legaldesk.workcal.rules import add_working_hours

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
        if add_working_hours(round_.drawn_at, hours, zone, calendar) <= now
    ]


def escalate_overdue(
    session: Session, now: datetime, hours: float, zone: Any, calendar: dict
) -> int:
    """Tell coordinators (in-app) of each case whose drawn lawyer is late; once per round."""
    from legaldesk.auth.models import User
    from legaldesk.notify.service import coordinator_ids, enqueue, notify_users

    late = overdue_rounds(session, now, hours, zone, calendar)
    coordinators = coordinator_ids(session)
    mailboxes = session.execute(
        sa.select(User.id, User.email, User.locale).where(User.id.in_(coordinators))
    ).all()
    for round_, case in late:
        round_.escalated_at = now
        for user_id, email, locale in mailboxes:
            enqueue(
                session,
                now,
                "sla_breach",
                f"sla.{case.reference}.{round_.round}.{user_id}",
                email,
                {"reference": case.reference, "hours": hours},
                locale or "zh_CN",
            )
        notify_users(
            session,
            now,
            coordinators,
            "sla_breach",
            {"reference": case.reference, "lawyer": round_.chosen_id, "hours": hours},
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
    return len(late)
