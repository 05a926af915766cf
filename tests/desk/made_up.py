"""A made-up desk for the dashboard and case-list tests: a case of each kind a
coordinator watches, written straight into the tables (as the services would leave
them) relative to the real clock, since the pages read ``utcnow()``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.clock import local_date
from legaldesk.db import db
from legaldesk.followups.models import Callback, FollowUp
from legaldesk.mediation.models import Mediation
from legaldesk.notify.models import OutboxMessage
from legaldesk.routing.models import Draw
from tests.conftest import create_case, create_lawyer, create_user

SHANGHAI_DAY = "Asia/Shanghai"


def _draw(case: Consultation, lawyer_id: int, drawn_at: datetime, round_: int = 1) -> None:
    db.session.add(
        Draw(
            consultation_id=case.id,
            round=round_,
            kind="assigned",
            commitment="0" * 64,
            secret="0" * 64,
            committed_at=drawn_at,
            chosen_id=lawyer_id,
            drawn_at=drawn_at,
        )
    )
    case.status, case.assignee_id = "routed", lawyer_id


def build(now: datetime | None = None) -> SimpleNamespace:
    """Inside an app context. Answers the references by role and the lawyer ids."""
    now = now or datetime.now(UTC)
    today = local_date(now, ZoneInfo(SHANGHAI_DAY))
    clerk = create_user("intake")
    busy = create_lawyer("王律师", capacity=2)
    idle = create_lawyer("李律师", capacity=5)
    made = {}

    def case(key, **overrides):
        made[key], _ = create_case(clerk, **overrides)
        return made[key]

    case(
        "new_urgent",
        urgency="urgent",
        enterprise={"name": '=HYPERLINK("x")公司', "uscc": "91330105MA2H000212"},
    )
    case("new_normal", urgency="normal")
    _draw(case("late"), busy.id, now - timedelta(days=20))
    _draw(case("fresh"), busy.id, now)
    declined = case("redrawn")  # drawn late to someone who declined; now fresh with idle
    _draw(declined, busy.id, now - timedelta(days=20))
    db.session.flush()
    db.session.scalars(
        sa.select(Draw).where(Draw.consultation_id == declined.id)
    ).one().declined_at = now
    _draw(declined, idle.id, now, round_=2)
    accepted = case("accepted")
    accepted.status, accepted.assignee_id = "accepted", idle.id
    followed = case("followup_late")
    followed.status, followed.assignee_id = "following_up", idle.id
    ended = case("closed_followup")
    ended.status = "closed"
    db.session.flush()
    for key, due in (
        ("followup_late", today - timedelta(days=2)),
        ("closed_followup", today - timedelta(days=9)),
        ("accepted", today),
    ):
        followup = FollowUp(
            consultation_id=made[key].id, due_on=due, channel="phone", created_at=now
        )
        db.session.add(followup)
    db.session.flush()
    unhappy = FollowUp(
        consultation_id=accepted.id,
        due_on=today - timedelta(days=30),
        channel="phone",
        created_at=now,
        done_at=now,
        satisfaction=2,
    )
    db.session.add(unhappy)
    db.session.flush()
    db.session.add(
        Callback(
            followup_id=unhappy.id, consultation_id=accepted.id, satisfaction=2, created_at=now
        )
    )
    for key, status, due in (
        ("accepted", "awaiting_consent", today + timedelta(days=3)),
        ("closed_followup", "agreed", today + timedelta(days=30)),
    ):
        db.session.add(
            Mediation(
                consultation_id=made[key].id,
                status=status,
                respondent_name="对方公司",
                applied_on=today,
                consent_due_on=due,
                confirmation_due_on=due,
                created_at=now,
                updated_at=now,
            )
        )
    db.session.add(
        OutboxMessage(
            key="ack:failed",
            kind="ack",
            recipient="x@example.com",
            state="failed",
            attempts=5,
            next_attempt_at=now,
            created_at=now,
            last_error="refused",
        )
    )
    db.session.commit()
    return SimpleNamespace(
        refs={key: c.reference for key, c in made.items()}, busy=busy.id, idle=idle.id
    )
