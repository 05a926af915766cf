"""The demo desk has 涉港澳台 cases (issue 13 item 3): a Hong Kong trade-finance
dispute and a Taiwan supplier's contract, drawn from the panel; the logistics case
stays foreign-related; loading twice changes nothing."""

import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.demo import LOGISTICS_REFERENCE, load_demo
from legaldesk.zone import desk_zone


def _load(app) -> list[tuple]:
    with app.app_context():
        load_demo(db.session, utcnow(), desk_zone())
        db.session.commit()
        return db.session.execute(
            sa.select(
                Consultation.reference,
                Consultation.status,
                Consultation.assignee_id,
                Consultation.foreign_related,
                Consultation.hk_mo_tw,
            ).order_by(Consultation.reference)
        ).all()


def test_the_demo_has_hk_mo_tw_cases_drawn_from_the_panel(app):
    first = _load(app)
    assert _load(app) == first  # idempotent
    with app.app_context():
        regional = db.session.scalars(
            sa.select(Consultation).where(Consultation.hk_mo_tw.is_(True))
        ).all()
        assert len(regional) >= 2
        assert {c for case in regional for c in case.country_codes} >= {"HK", "TW"}
        for case in regional:
            assert not case.foreign_related, case.summary
            assert case.assignee is not None and case.assignee.kind == "panel_expert"
        logistics = db.session.scalars(
            sa.select(Consultation).where(Consultation.reference == LOGISTICS_REFERENCE)
        ).one()
        assert logistics.foreign_related and not logistics.hk_mo_tw
