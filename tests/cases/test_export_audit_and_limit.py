"""Review finding 1: the audit entry of a case export says which cases left the desk
(their references) and what was searched; each user may start only a few exports a
minute (both formats counted together), another user is not held up by that."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
import sqlalchemy as sa

from legaldesk import create_app
from legaldesk.audit.models import AuditEntry
from legaldesk.auth.models import User
from legaldesk.db import db
from tests.conftest import checkpoints_in, create_case, create_user, database_url, desk_config
from tests.conftest import prepare as prepare_desk
from tests.desk import made_up


def test_the_entry_names_the_exported_cases_and_the_search(client, login, app):
    with app.app_context():
        desk = made_up.build()
    login("coordinator")
    answer = client.get("/cases/export.csv?status=new&q=%E5%85%AC%E5%8F%B8")  # 公司
    assert answer.status_code == 200
    exported = [row[0] for row in csv.reader(io.StringIO(answer.data.decode("utf-8-sig")))][1:]
    assert desk.refs["new_urgent"] in exported
    with app.app_context():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "case.export")
        ).one()
    detail = json.loads(entry.detail)
    assert detail["references"] == exported
    assert detail["search"] == "公司"
    assert detail["filters"] == {"status": "new", "sort": "newest"}
    assert detail["rows"] == len(exported) and detail["format"] == "csv"


@pytest.fixture
def limited(backend: str, tmp_path: Any):
    config = {
        **desk_config(database_url(backend, tmp_path)),
        **checkpoints_in(tmp_path),
        "RATELIMIT_ENABLED": True,
    }
    app = prepare_desk(create_app(config), backend)
    with app.app_context():
        create_case(create_user("intake"))
        users = [create_user("coordinator").id, create_user("coordinator").id]
    yield app, users
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _client(app, user_id: int):
    client = app.test_client()
    with app.app_context():
        email = db.session.get(User, user_id).email
    answer = client.post("/login", data={"email": email, "password": "password123"})
    assert answer.status_code == 302
    return client


def test_ten_exports_a_minute_per_user(limited):
    app, (first, second) = limited
    mine, theirs = _client(app, first), _client(app, second)
    answers = [mine.get(f"/cases/export.{kind}").status_code for kind in ["xlsx", "csv"] * 5]
    assert answers == [200] * 10
    assert mine.get("/cases/export.csv").status_code == 429
    assert mine.get("/cases/export.xlsx").status_code == 429
    assert theirs.get("/cases/export.xlsx").status_code == 200  # another user is not held up


def test_report_exports_share_the_limit(limited):
    """The attack pass started twelve report exports of a millennium in a minute."""
    app, (first, second) = limited
    mine, theirs = _client(app, first), _client(app, second)
    period = "kind=custom&from=2026-01-01&to=2026-12-31"
    answers = [
        mine.get(f"/reports/export.{kind}?{period}").status_code for kind in ["xlsx", "csv"] * 4
    ]
    answers += [mine.get(f"/cases/export.{kind}").status_code for kind in ["xlsx", "csv"]]
    assert answers == [200] * 10
    refused = mine.get(f"/reports/export.xlsx?{period}")
    assert refused.status_code == 429 and refused.headers.get("Retry-After")
    assert mine.get("/cases/export.csv").status_code == 429
    assert theirs.get(f"/reports/export.csv?{period}").status_code == 200
