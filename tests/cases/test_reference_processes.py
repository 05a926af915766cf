"""The kept lists on real worker processes (issue 13, item 5): two managers adding
the same code at once get one 201 and one 409 naming the code, never a 500; and a
rename shows at once in every worker, since no process keeps labels in a cache."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.cases.models import Category
from legaldesk.db import db
from tests.conftest import token_for
from tests.servers import desk_server

pytestmark = pytest.mark.slow


def _token(make, role):
    user = make.user(role)
    return make.run(lambda: token_for(db.session.get(User, user.id)))


def test_two_managers_adding_one_code_at_once_one_wins(app, make):
    tokens = [_token(make, "coordinator"), _token(make, "admin")] * 2
    start = threading.Barrier(len(tokens))

    def add(pair):
        n, token = pair
        start.wait()
        return server.request(
            "POST",
            "/api/v1/categories",
            token,
            {"code": "trade_fairs", "label_zh": f"境外展会{n}", "label_en": f"Trade fairs {n}"},
            headers={"Accept-Language": "zh-CN"},
        )

    url = app.config["SQLALCHEMY_DATABASE_URI"]
    with desk_server(url, workers=3) as server, ThreadPoolExecutor(len(tokens)) as pool:
        answers = list(pool.map(add, enumerate(tokens)))
    statuses = sorted(status for status, _ in answers)
    assert statuses == [201] + [409] * (len(tokens) - 1), answers
    for status, body in answers:
        if status == 409:
            assert body["error"]["code"] == "code_taken"
            assert "trade_fairs" in body["error"]["message"]
    with app.app_context():
        rows = db.session.scalars(sa.select(Category).where(Category.code == "trade_fairs")).all()
        assert len(rows) == 1


def test_a_rename_shows_at_once_in_every_worker(app, make):
    case = make.case(category="overseas_ip")
    coordinator, clerk = _token(make, "coordinator"), _token(make, "intake")
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    zh = {"Accept-Language": "zh-CN"}
    with desk_server(url, workers=3) as server:

        def labels():
            with ThreadPoolExecutor(6) as pool:
                return list(
                    pool.map(
                        lambda _: server.request(
                            "GET", f"/api/v1/consultations/{case.reference}", clerk, headers=zh
                        )[1]["category_label"],
                        range(12),
                    )
                )

        assert set(labels()) == {"海外知识产权"}  # every worker has read the label
        status, _ = server.request(
            "PATCH", "/api/v1/categories/overseas_ip", coordinator, {"label_zh": "境外知识产权保护"}
        )
        assert status == 200
        assert set(labels()) == {"境外知识产权保护"}
        listed = server.request("GET", "/api/v1/categories", clerk, headers=zh)[1]
        assert {c["code"]: c["label"] for c in listed}["overseas_ip"] == "境外知识产权保护"
