"""Concurrency of mediations: two schedulers applying one deadline."""

from collections import Counter
from datetime import timedelta

import pytest
import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.mediation import service as mediations
from legaldesk.mediation.models import Mediation, MediationEvent
from legaldesk.notify.models import Notification
from legaldesk.scheduler import mediation_timers
from legaldesk.zone import desk_zone
from tests.helpers import at_once

pytestmark = pytest.mark.slow


def test_two_schedulers_fail_a_silent_mediation_once(app, make):
    coordinator = make.user("coordinator")
    silent = [make.case() for _ in range(5)]

    def setup():
        from legaldesk.cases.models import Consultation

        actor = db.session.get(User, coordinator.id)
        applied = utcnow() - timedelta(days=30)
        for case in silent:
            mediations.open_mediation(
                db.session,
                actor,
                applied,
                db.session.get(Consultation, case.id),
                {"respondent_name": "Steppe Trade LLP", "applied_on": applied.date()},
                {},
                zone=desk_zone(),
            )
        db.session.commit()

    make.run(setup)
    outcomes = at_once(lambda: mediation_timers(app))
    assert sum(o.get("no_reply", 0) for o in outcomes) == 5
    with app.app_context():
        failed = db.session.scalars(
            sa.select(MediationEvent.mediation_id).where(MediationEvent.to_status == "failed")
        ).all()
        assert sorted(Counter(failed).values()) == [1] * 5
        told = db.session.scalar(sa.select(sa.func.count()).select_from(Notification))
        assert told == 5  # one coordinator, once per mediation
        assert {m.status for m in db.session.scalars(sa.select(Mediation))} == {"failed"}
