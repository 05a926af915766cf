"""Real concurrent requests on real worker processes: several clerks keying numbers
into one committed round at once. One number draws; the others are told 409; the
case has one lawyer, one "routed" step and one drawn round."""

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


def test_numbers_keyed_into_one_round_at_once_draw_once(app, make, api_as):
    for _ in range(4):
        make.lawyer(capacity=20)
    case = make.case()
    pending = api_as("intake").post(f"/consultations/{case.reference}/route", json={}).json
    clerks = [make.user("intake") for _ in range(5)]
    tokens = [make.run(lambda u=u: token_for(db.session.get(User, u.id))) for u in clerks]
    path = f"/api/v1/draws/{pending['draw']['id']}/contribution"
    start = threading.Barrier(len(tokens))

    def key_in(pair):
        n, token = pair
        start.wait()
        return server.request(
            "POST", path, token, {"contribution": f"{n}{n}{n}{n}{n}{n}", "source": "witness"}
        )

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with desk_server(url, workers=3) as server, ThreadPoolExecutor(len(tokens)) as pool:
        answers = list(pool.map(key_in, enumerate(tokens, start=1)))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] + [409] * (len(tokens) - 1), answers
    winner = next(body for status, body in answers if status == 200)
    with app.app_context():
        stored = db.session.get(Consultation, case.id)
        assert stored.assignee_id == winner["assignee"]["id"]
        assert [t.to_status for t in stored.timeline] == ["new", "routed"]
        [drawn] = db.session.scalars(sa.select(Draw).where(Draw.drawn_at.is_not(None))).all()
        assert drawn.contribution == winner["draw"]["contribution"]
