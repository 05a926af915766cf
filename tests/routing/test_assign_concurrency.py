"""Real concurrent requests on real worker processes: coordinators assigning one case
at once, and a coordinator assigning while a lawyer claims it. Exactly one wins; the
others are told 409 and the case has one lawyer and one "routed" or "accepted" step."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.routing.models import Draw
from tests.conftest import token_for
from tests.servers import desk_server

pytestmark = pytest.mark.slow


def _token(make, user):
    return make.run(lambda: token_for(db.session.get(User, user.id)))


def test_coordinators_assigning_one_case_at_once_one_wins(app, make):
    case = make.case()
    lawyers = [make.lawyer(capacity=20) for _ in range(6)]
    tokens = [_token(make, make.user("coordinator")) for _ in lawyers]
    path = f"/api/v1/consultations/{case.reference}/assign"
    start = threading.Barrier(len(tokens))

    def assign(pair):
        token, lawyer = pair
        start.wait()
        return server.request(
            "POST", path, token, {"lawyer_id": lawyer.id, "reason": "同时指派", "from": None}
        )

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with desk_server(url, workers=3) as server, ThreadPoolExecutor(len(tokens)) as pool:
        answers = list(pool.map(assign, zip(tokens, lawyers, strict=True)))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] + [409] * (len(tokens) - 1), answers
    winner = next(body for status, body in answers if status == 200)
    with app.app_context():
        stored = db.session.get(Consultation, case.id)
        assert stored.assignee_id == winner["assignee"]["id"]
        assert [t.to_status for t in stored.timeline] == ["new", "routed"]
        rounds = db.session.scalars(sa.select(Draw).where(Draw.chosen_id.is_not(None))).all()
        assert [(r.kind, r.chosen_id) for r in rounds] == [("assigned", stored.assignee_id)]


def test_a_coordinator_assigning_while_lawyers_claim_one_wins(app, make):
    case = make.case()
    named = make.lawyer(capacity=20)
    claimants = [make.user("lawyer") for _ in range(4)]
    coordinator = _token(make, make.user("coordinator"))
    calls = [("claim", _token(make, u)) for u in claimants] + [("assign", coordinator)]
    start = threading.Barrier(len(calls))

    def act(call):
        kind, token = call
        start.wait()
        if kind == "claim":
            return kind, server.request(
                "POST", f"/api/v1/consultations/{case.reference}/claim", token
            )
        return kind, server.request(
            "POST",
            f"/api/v1/consultations/{case.reference}/assign",
            token,
            {"lawyer_id": named.id, "reason": "协调员指派", "from": None},
        )

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with desk_server(url, workers=3) as server, ThreadPoolExecutor(len(calls)) as pool:
        answers = list(pool.map(act, calls))
    statuses = sorted(status for _, (status, _) in answers)
    assert statuses == [200] + [409] * (len(calls) - 1), answers
    kind, (_, body) = next(a for a in answers if a[1][0] == 200)
    with app.app_context():
        stored = db.session.get(Consultation, case.id)
        assert stored.assignee_id == body["assignee"]["id"]
        steps = [t.to_status for t in stored.timeline]
        assert steps == ["new", "routed" if kind == "assign" else "accepted"]
