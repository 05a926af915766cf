"""The demo desk shows the advice and the confirmed loss (issue 12 items 3 and 7):
the logistics case's written advice and its ¥3,000,000 confirmed by the enterprise;
the company's second case with a loss still awaiting its confirmation. Idempotent."""

import sqlalchemy as sa

from legaldesk.cases.models import Advice, Consultation
from legaldesk.clock import zone_named
from legaldesk.db import db
from legaldesk.demo import LOGISTICS_REFERENCE, load_demo
from legaldesk.followups.models import FollowUp, LossConfirmation
from legaldesk.followups.rules import loss_state
from tests.conftest import NOW


def test_the_demo_has_the_advice_and_both_kinds_of_loss(app):
    with app.app_context():
        for _ in range(2):
            load_demo(db.session, NOW, _zone(app))
            db.session.commit()
        logistics = db.session.scalars(
            sa.select(Consultation).where(Consultation.reference == LOGISTICS_REFERENCE)
        ).one()
        (advice,) = logistics.advice_given
        assert advice.shared and "制裁名单" in advice.opinion
        (confirmed,) = db.session.scalars(sa.select(LossConfirmation)).all()
        assert confirmed.consultation_id == logistics.id
        assert confirmed.amount_cny == confirmed.claimed_cny == 3_000_000
        claimed = db.session.scalars(
            sa.select(FollowUp)
            .join(Consultation, FollowUp.consultation_id == Consultation.id)
            .where(
                Consultation.enterprise_id == logistics.enterprise_id,
                FollowUp.loss_avoided_cny.is_not(None),
                FollowUp.id != confirmed.followup_id,
            )
        ).all()
        states = [loss_state(f.loss_avoided_cny, f.confirmed_by_enterprise, False) for f in claimed]
        assert states == ["claimed"]
        advised = db.session.scalar(sa.select(sa.func.count()).select_from(Advice))
        assert advised >= 10


def _zone(app):
    return zone_named(app.config["TIMEZONE"])
