"""Real concurrent requests against real worker processes, on every database."""

import http.client
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from legaldesk.audit.service import verify
from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation, TimelineEntry
from legaldesk.db import db
from legaldesk.enterprises.models import Contact, Enterprise
from tests.conftest import count, dummy_intake, token_for
from tests.helpers import future_working_day, iso
from tests.servers import desk_server

pytestmark = pytest.mark.slow


@pytest.fixture
def url(app):
    return app.config["SQLALCHEMY_DATABASE_URI"]


@pytest.fixture
def token(make):
    user = make.user("intake")
    return make.run(lambda: token_for(db.session.get(User, user.id)))


def test_simultaneous_intakes_of_one_new_enterprise(app, url, token):
    """Thirty intakes for the same unknown credit code at once: all saved, one enterprise,
    one contact, and an unbroken audit chain."""
    with desk_server(url) as server, ThreadPoolExecutor(max_workers=30) as pool:
        answers = list(
            pool.map(
                lambda i: server.request(
                    "POST", "/api/v1/consultations", token, dummy_intake(summary=f"同时登记 {i}")
                ),
                range(30),
            )
        )
    assert [status for status, _ in answers] == [201] * 30
    assert len({body["reference"] for _, body in answers}) == 30
    with app.app_context():
        assert count(Consultation) == 30
        assert count(Enterprise) == 1
        assert count(Contact) == 1
        entries, broken = verify(db.session)
        assert broken is None and entries >= 30


def test_simultaneous_repeats_of_one_submission_record_one_case(app, url, token):
    """Ten copies of one submission (one Idempotency-Key) at once: one case."""
    with desk_server(url) as server, ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(
            pool.map(
                lambda _: server.request(
                    "POST",
                    "/api/v1/consultations",
                    token,
                    dummy_intake(),
                    headers={"Idempotency-Key": "double-click"},
                ),
                range(10),
            )
        )
    assert sorted(status for status, _ in answers) == [200] * 9 + [201]
    assert len({body["reference"] for _, body in answers}) == 1
    with app.app_context():
        assert count(Consultation) == 1
        assert verify(db.session)[1] is None


def test_simultaneous_transitions_of_one_case_apply_once(app, url, make):
    """Ten coordinators withdraw the same case at once: one 200, the rest 409."""
    case = make.case()
    coordinator = make.user("coordinator")
    token = make.run(lambda: token_for(db.session.get(User, coordinator.id)))
    path = f"/api/v1/consultations/{case.reference}/transitions"
    with desk_server(url) as server, ThreadPoolExecutor(max_workers=10) as pool:
        answers = list(
            pool.map(lambda _: server.request("POST", path, token, {"to": "withdrawn"}), range(10))
        )
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] + [409] * 9
    with app.app_context():
        steps = db.session.scalars(sa.select(TimelineEntry.to_status)).all()
        assert sorted(steps) == ["new", "withdrawn"]


def test_no_intake_is_lost_or_half_saved_when_the_server_is_killed(app, url, token):
    """SIGKILL every server process in the middle of a burst: each intake that was
    answered 201 is in the database, complete, and the audit chain still holds."""
    server_cm = desk_server(url, workers=2)
    server = server_cm.__enter__()
    answered: list[str] = []

    def send(i: int) -> None:
        try:
            status, body = server.request(
                "POST",
                "/api/v1/consultations",
                token,
                dummy_intake(summary=f"崩溃测试 {i}"),
                timeout=10,
            )
        except (OSError, http.client.HTTPException):  # no answer: the kill came first
            return
        if status == 201:
            answered.append(body["reference"])
            if len(answered) == 8:
                server.kill()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(send, range(60)))
    server_cm.__exit__(None, None, None)
    assert len(answered) >= 8
    with app.app_context():
        saved = db.session.scalars(sa.select(Consultation)).all()
        by_reference = {c.reference: c for c in saved}
        assert set(answered) <= set(by_reference)
        assert len(saved) < 60  # the kill really happened part-way
        for case in saved:  # nothing half-saved: each case has its first timeline step
            assert [t.to_status for t in case.timeline][:1] == ["new"]
        _, broken = verify(db.session)
        assert broken is None


def test_twenty_lawyers_claiming_one_case_at_once_one_wins(app, url, make):
    """Exactly one 200 and nineteen 409s, and the case has one assignee and one
    'accepted' step."""
    case = make.case()
    tokens = []
    for _ in range(20):
        lawyer = make.user("lawyer")
        tokens.append(make.run(lambda u=lawyer: token_for(db.session.get(User, u.id))))
    path = f"/api/v1/consultations/{case.reference}/claim"
    start = threading.Barrier(20)

    def claim(token):
        start.wait()
        return server.request("POST", path, token)

    with desk_server(url, workers=3) as server, ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(claim, tokens))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [200] + [409] * 19, statuses
    winner = next(body for status, body in answers if status == 200)
    with app.app_context():
        stored = db.session.get(Consultation, case.id)
        assert stored.assignee_id == winner["assignee"]["id"]
        assert [t.to_status for t in stored.timeline] == ["new", "accepted"]


def test_forty_requests_for_one_slot_make_one_booking(app, url, make):
    """Exactly one 201 and thirty-nine 409s naming the booking that won."""
    from legaldesk.rooms.models import Booking

    room_id = make.room()
    coordinator = make.user("coordinator")
    token = make.run(lambda: token_for(db.session.get(User, coordinator.id)))
    body = {
        "room_id": room_id,
        "starts_at": iso(future_working_day(), "10:00"),
        "ends_at": iso(future_working_day(), "11:00"),
        "title": "调解",
    }
    start = threading.Barrier(40)

    def book(i):
        start.wait()
        return server.request("POST", "/api/v1/bookings", token, {**body, "title": f"调解{i}"})

    with desk_server(url, workers=3) as server, ThreadPoolExecutor(max_workers=40) as pool:
        answers = list(pool.map(book, range(40)))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [201] + [409] * 39, statuses
    winner = next(body for status, body in answers if status == 201)
    assert all(
        f"#{winner['id']}" in body["error"]["message"] for status, body in answers if status == 409
    )
    with app.app_context():
        assert count(Booking) == 1
