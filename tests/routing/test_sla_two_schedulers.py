"""Two schedulers checking the acceptance deadline at the same instant tell the
coordinators once: the second finds the round marked when the first commits."""

import threading
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.notify.models import Notification
from legaldesk.routing.models import Draw
from legaldesk.routing.sla import AcceptanceHours, escalate_overdue
from tests.draw_helpers import route_and_draw

pytestmark = pytest.mark.one_lawyer_draws  # tests of what follows a draw, not of pools

SHANGHAI = ZoneInfo("Asia/Shanghai")
FOUR_HOURS = AcceptanceHours.alike(4)
MONDAY = datetime(2026, 10, 12, 9, 0, tzinfo=SHANGHAI)
LATE = MONDAY + timedelta(days=1)


def test_a_round_is_escalated_once_when_two_schedulers_check_together(app, make, api_as):
    make.lawyer()
    make.user("coordinator")
    case = make.case()
    route_and_draw(api_as("intake"), case.reference)
    with app.app_context():
        db.session.scalars(sa.select(Draw)).one().drawn_at = MONDAY
        db.session.commit()
        first = Session(db.engine)
        assert escalate_overdue(first, LATE, FOUR_HOURS, SHANGHAI, {}) == 1  # not committed yet
        told: list[int] = []

        def second_scheduler() -> None:
            with app.app_context(), Session(db.engine) as other:
                told.append(escalate_overdue(other, LATE, FOUR_HOURS, SHANGHAI, {}))
                other.commit()

        racer = threading.Thread(target=second_scheduler)
        racer.start()
        racer.join(0.5)
        assert racer.is_alive(), "the second scheduler waits for the first one's commit"
        first.commit()
        first.close()
        racer.join(10)
        assert told == [0]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 1
        breaches = sa.select(sa.func.count()).where(AuditEntry.action == "routing.sla_breach")
        assert db.session.scalar(breaches) == 1
