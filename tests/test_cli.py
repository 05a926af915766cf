"""`flask desk ...` commands."""

import sqlalchemy as sa

from legaldesk.auth.models import ApiToken, User
from legaldesk.cases.models import Consultation
from legaldesk.cases.rules import STATUSES
from legaldesk.db import db
from legaldesk.demo import LOGISTICS_REFERENCE, demo_access_code
from tests.conftest import count, dummy_intake


def run(app, *args, input=None):
    return app.test_cli_runner().invoke(args=["desk", *args], input=input)


def test_create_user_and_token(app, client):
    result = run(
        app,
        "create-user",
        "Clerk@Desk.test",
        "--name",
        "林晓",
        "--role",
        "intake",
        "--password",
        "long-enough",
    )
    assert result.exit_code == 0, result.output
    token_run = run(app, "create-token", "clerk@desk.test")
    assert token_run.exit_code == 0
    token = token_run.output.strip().splitlines()[-1]
    with app.app_context():
        user = db.session.scalars(sa.select(User)).one()
        assert user.email == "clerk@desk.test" and user.password_hash != "long-enough"
        stored = db.session.scalars(sa.select(ApiToken.token_hash)).one()
    assert token not in stored
    response = client.get("/api/v1/consultations", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_create_user_refuses_bad_input_without_a_traceback(app):
    short = run(
        app, "create-user", "a@b.test", "--name", "x", "--role", "intake", "--password", "short"
    )
    assert short.exit_code != 0 and "password" in short.output
    lawyer = run(
        app,
        "create-user",
        "l@b.test",
        "--name",
        "x",
        "--role",
        "lawyer",
        "--password",
        "long-enough",
    )
    assert lawyer.exit_code != 0 and "lawyer" in lawyer.output
    run(app, "create-user", "a@b.test", "--name", "x", "--role", "intake", "--password", "12345678")
    again = run(
        app, "create-user", "A@b.test", "--name", "y", "--role", "admin", "--password", "12345678"
    )
    assert again.exit_code != 0 and "exists" in again.output
    assert "Traceback" not in short.output + lawyer.output + again.output


def test_create_user_asks_for_the_password_when_not_given(app):
    result = run(
        app,
        "create-user",
        "c@b.test",
        "--name",
        "陈",
        "--role",
        "coordinator",
        input="password123\npassword123\n",
    )
    assert result.exit_code == 0, result.output


def test_create_token_for_unknown_user_fails_cleanly(app):
    result = run(app, "create-token", "nobody@desk.test")
    assert result.exit_code != 0 and "Traceback" not in result.output


def test_demo_is_a_living_desk_and_idempotent(app):
    first = run(app, "demo")
    assert first.exit_code == 0, first.output
    second = run(app, "demo")
    assert second.exit_code == 0
    with app.app_context():
        cases = db.session.scalars(sa.select(Consultation)).all()
        assert 28 <= len(cases) <= 40
        assert {c.status for c in cases} == set(STATUSES)
        assert count(User) == 7
        former = db.session.scalar(sa.select(User).where(User.email == "wu.jing@legaldesk.local"))
        assert not former.active  # the former clerk the admin's list shows
        logistics = db.session.scalars(
            sa.select(Consultation).where(Consultation.reference == LOGISTICS_REFERENCE)
        ).one()
        assert logistics.channel == "phone" and logistics.foreign_related
        assert logistics.assignee.kind == "panel_expert"
        assert [t.to_status for t in logistics.timeline] == [
            "new",
            "routed",
            "accepted",
            "advised",
            "following_up",
            "closed",
        ]
        routed = db.session.scalars(
            sa.select(Consultation.reference).where(Consultation.assignee_id.is_not(None))
        ).all()
    assert len(routed) >= 15
    for reference in routed:  # every assignment came from a draw that recomputes
        verified = run(app, "verify-draw", reference)
        assert verified.exit_code == 0 and "matches" in verified.output, verified.output
    skipped = run(app, "demo", "--if-empty")
    assert "skipped" in skipped.output
    assert run(app, "audit-verify").exit_code == 0


def test_demo_logistics_receipt_code_opens_its_status(app, client):
    run(app, "demo")
    code = demo_access_code(LOGISTICS_REFERENCE)
    response = client.get(f"/api/v1/status/{LOGISTICS_REFERENCE}?code={code}")
    assert response.status_code == 200
    assert response.json["status"] == "closed"


def test_help_lists_the_commands(app):
    result = app.test_cli_runner().invoke(args=["desk", "--help"])
    for command in ("create-user", "create-token", "demo", "audit-verify"):
        assert command in result.output


def test_seed_adds_cases_that_cannot_be_looked_up(app, client, api_as):
    result = run(app, "seed", "--cases", "120", "--seed", "7")
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert count(Consultation) == 120
        reference = db.session.scalars(sa.select(Consultation.reference)).first()
    api = api_as("coordinator")
    listed = api.get("/consultations?per_page=100&page=2").json
    assert listed["total"] == 120 and len(listed["items"]) == 20
    assert api.get("/consultations?q=合成数据").json["total"] == 120
    assert client.get(f"/api/v1/status/{reference}?code=locked").status_code == 404
    # Ordinary work goes on after seeding (ids do not collide with the seeded rows).
    assert api.post("/consultations", json=dummy_intake()).status_code == 201
    assert run(app, "audit-verify").exit_code == 0


def test_scheduler_help_says_what_it_runs_and_how_often(app):
    result = app.test_cli_runner().invoke(args=["desk", "scheduler", "--help"])
    assert result.exit_code == 0
    for words in ("deliver_outbox", "every", "1 min, 5 min", "exactly one", "A second scheduler"):
        assert words in result.output, words


def test_scheduler_once_delivers_and_exits(app):
    result = run(app, "scheduler", "--once")
    assert result.exit_code == 0 and "deliver_outbox: {}" in result.output
