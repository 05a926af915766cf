"""Issue 14 (routing at volume): a seeded desk keeps its lawyers within capacity, as a
desk that keeps up does, so that a draw on a desk of a million cases still finds
eligible lawyers. Old cases that reached a lawyer ran their course; only the newest
stay open in lawyers' hands, a share of each one's free capacity."""

from __future__ import annotations

import sqlalchemy as sa

from bench.fixtures import intake_body
from legaldesk.cases.models import Consultation
from legaldesk.cases.rules import OPEN_STATUSES
from legaldesk.db import db
from legaldesk.routing.models import Lawyer
from tests.draw_helpers import route_and_draw
from tests.test_cli import run


def _open_cases(first_case: int) -> list[tuple[int, int, int]]:
    """(lawyer, open cases in their hands, capacity) for every lawyer."""
    counts = dict(
        db.session.execute(
            sa.select(Consultation.assignee_id, sa.func.count())
            .where(Consultation.status.in_(OPEN_STATUSES), Consultation.assignee_id.is_not(None))
            .group_by(Consultation.assignee_id)
        ).all()
    )
    lawyers = db.session.execute(sa.select(Lawyer.id, Lawyer.capacity)).all()
    return [(lawyer, counts.get(lawyer, 0), capacity) for lawyer, capacity in lawyers]


def test_seeded_open_cases_fit_each_lawyers_capacity_and_routing_finds_someone(app, api_as):
    assert run(app, "demo").exit_code == 0
    with app.app_context():
        before = {lawyer: n for lawyer, n, _ in _open_cases(0)}
        first = db.session.scalar(sa.select(sa.func.max(Consultation.id))) + 1
        db.session.rollback()
    assert run(app, "seed", "--cases", "600", "--seed", "3").exit_code == 0
    with app.app_context():
        after = _open_cases(first)
        # Each lawyer gained at most a third of the room they had.
        for lawyer, n, capacity in after:
            assert n - before[lawyer] <= max(0, capacity - before[lawyer]) // 3, lawyer
        # Most cases that reached a lawyer are closed; the open ones are the newest.
        seeded = db.session.execute(
            sa.select(Consultation.id, Consultation.status).where(
                Consultation.id >= first, Consultation.assignee_id.is_not(None)
            )
        ).all()
        still_open = sorted(case for case, status in seeded if status in OPEN_STATUSES)
        assert still_open and len(still_open) < len(seeded) / 4
        assert still_open[0] > first + 300
        db.session.rollback()
    # The bench's own intake (export control, Kazakhstan) is routed, not "nobody eligible".
    coordinator = api_as("coordinator")
    for number in range(3):
        made = coordinator.post("/consultations", json=intake_body(number))
        assert made.status_code == 201, made.get_json()
        routed = route_and_draw(coordinator, made.get_json()["reference"])
        assert routed.status_code == 200, routed.get_json()
