"""Findings: reopening a withdrawn case that had been handed from an accepting lawyer
to another gave the second an "accepted" case they never accepted; and a reopening
that takes the case from its lawyer left their round open, so a new draw could choose
them again."""

import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.routing.models import Draw, Lawyer
from tests.routing.handon_cases import accepted_case


def _reassigned_and_withdrawn(make, api_as):
    case, first, _, coordinator = accepted_case(make, api_as)
    second = make.user("lawyer")
    handed = coordinator.post(
        f"/consultations/{case.reference}/assign",
        json={"lawyer_id": second.lawyer_id, "from": first.lawyer_id, "reason": "律师出差"},
    )
    assert handed.status_code == 200, handed.json
    path = f"/consultations/{case.reference}/transitions"
    assert coordinator.post(path, json={"to": "withdrawn"}).status_code == 200
    return case, second, coordinator


def test_the_lawyer_it_was_only_routed_to_still_accepts_or_declines(make, api_as):
    case, second, coordinator = _reassigned_and_withdrawn(make, api_as)
    reopened = coordinator.post(
        f"/consultations/{case.reference}/reopen", json={"reason": "企业又来电"}
    )
    assert reopened.status_code == 200, reopened.json
    assert reopened.json["status"] == "routed"
    assert reopened.json["assignee"]["id"] == second.lawyer_id
    declined = api_as(second).post(
        f"/consultations/{case.reference}/decline", json={"reason": "利益冲突"}
    )
    assert declined.status_code == 200, declined.json


def test_a_reopening_without_the_lawyer_releases_their_round(make, api_as):
    case, second, coordinator = _reassigned_and_withdrawn(make, api_as)

    def leave():
        db.session.get(Lawyer, second.lawyer_id).active = False
        db.session.commit()

    make.run(leave)
    reopened = coordinator.post(
        f"/consultations/{case.reference}/reopen", json={"reason": "重新分派"}
    )
    assert reopened.json["status"] == "new" and reopened.json["assignee"] is None

    def open_rounds():
        return db.session.scalars(
            sa.select(Draw.chosen_id).where(
                Draw.consultation_id == case.id,
                Draw.chosen_id.is_not(None),
                Draw.declined_at.is_(None),
            )
        ).all()

    assert make.run(open_rounds) == []
