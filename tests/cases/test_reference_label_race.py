"""Two managers saving the same label at once (the attack pass): the clash check reads
the list and then writes, so on PostgreSQL two requests could both pass it and both
save "出口管制" under different codes. Each writer of a list now locks it first
(db.lock_for_writers), so exactly one wins and the others get the field error. SQLite
was already safe (BEGIN IMMEDIATE); the tests run on both engines."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.cases.models import Category
from legaldesk.db import db
from tests.conftest import ApiClient, token_for

RACERS = 8


def _clients(app, make, count):
    """``count`` API clients of their own (one a thread), coordinators and admins."""
    users = [make.user("coordinator" if n % 2 else "admin") for n in range(count)]
    tokens = [make.run(lambda u=u: token_for(db.session.get(User, u.id))) for u in users]
    return [
        ApiClient(app.test_client(), token, user, "zh-CN")
        for token, user in zip(tokens, users, strict=True)
    ]


def _at_once(calls):
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait()
        answer = call()
        return answer.status_code, answer.json

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def _active_with(app, label):
    with app.app_context():
        return db.session.scalars(
            sa.select(Category.code).where(Category.active, Category.label_zh == label)
        ).all()


def test_eight_adds_of_one_label_under_different_codes_one_wins(app, make):
    clients = _clients(app, make, RACERS)
    calls = [
        lambda c=c, n=n: c.post(
            "/categories",
            json={"code": f"export_ctl_{n}", "label_zh": "出口管制", "label_en": f"Export {n}"},
        )
        for n, c in enumerate(clients)
    ]
    answers = _at_once(calls)
    assert sorted(status for status, _ in answers) == [201] + [422] * (RACERS - 1), answers
    for status, body in answers:
        if status == 422:
            assert "label_zh" in body["error"]["fields"]
    assert len(_active_with(app, "出口管制")) == 1


def test_eight_renames_to_one_label_one_wins(app, make):
    codes = [f"race_{n}" for n in range(RACERS)]
    clients = _clients(app, make, RACERS)
    for n, code in enumerate(codes):
        made = clients[0].post(
            "/categories", json={"code": code, "label_zh": f"待改名{n}", "label_en": f"Rename {n}"}
        )
        assert made.status_code == 201, made.json
    calls = [
        lambda c=c, code=code: c.patch(f"/categories/{code}", json={"label_zh": "出口管制"})
        for c, code in zip(clients, codes, strict=True)
    ]
    answers = _at_once(calls)
    assert sorted(status for status, _ in answers) == [200] + [422] * (RACERS - 1), answers
    assert len(_active_with(app, "出口管制")) == 1


def test_a_reinstate_racing_renames_into_its_label_one_wins(app, make):
    clients = _clients(app, make, RACERS)
    first = clients[0]
    old = {"code": "old_ctl", "label_zh": "出口管制", "label_en": "Old"}
    assert first.post("/categories", json=old).status_code == 201
    assert first.patch("/categories/old_ctl", json={"active": False}).status_code == 200
    for n in range(1, RACERS):
        made = first.post(
            "/categories",
            json={"code": f"new_{n}", "label_zh": f"新类{n}", "label_en": f"New {n}"},
        )
        assert made.status_code == 201, made.json
    calls = [lambda: first.patch("/categories/old_ctl", json={"active": True})] + [
        lambda c=c, n=n: c.patch(f"/categories/new_{n}", json={"label_zh": "出口管制"})
        for n, c in enumerate(clients[1:], start=1)
    ]
    answers = _at_once(calls)
    assert sorted(status for status, _ in answers) == [200] + [422] * (RACERS - 1), answers
    assert len(_active_with(app, "出口管制")) == 1
