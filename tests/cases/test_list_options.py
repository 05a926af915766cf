"""Issue 13 item 5: the case list's filters by lawyer, urgency and overdue, its sort
orders, on the page and in GET /consultations, on both engines."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from legaldesk.cases.labels import SORT_LABELS
from legaldesk.cases.list_options import SORTS
from legaldesk.cases.models import Consultation
from legaldesk.cases.overdue_rules import is_overdue
from legaldesk.clock import local_date
from legaldesk.db import db
from legaldesk.followups.models import FollowUp
from legaldesk.routing.models import Draw
from legaldesk.routing.sla import cutoff
from legaldesk.zone import desk_zone
from tests.desk import made_up


@pytest.fixture
def desk(app):
    with app.app_context():
        return made_up.build()


def refs(answer) -> list[str]:
    assert answer.status_code == 200, answer.get_data(as_text=True)
    return [item["reference"] for item in answer.json["items"]]


def test_filters_by_lawyer_urgency_and_overdue(api_as, desk):
    api = api_as("coordinator")
    r = desk.refs
    assert set(refs(api.get(f"/consultations?lawyer={desk.busy}"))) == {r["late"], r["fresh"]}
    assert set(refs(api.get("/consultations?urgency=urgent&status=new"))) == {r["new_urgent"]}
    assert set(refs(api.get("/consultations?overdue=1"))) == {r["late"], r["followup_late"]}
    both = api.get(f"/consultations?overdue=1&lawyer={desk.idle}")
    assert refs(both) == [r["followup_late"]]
    assert refs(api.get("/consultations?overdue=0&urgency=normal&per_page=100"))  # 0: no filter


def test_overdue_in_sql_is_the_pure_rule(app, api_as, desk):
    listed = set(refs(api_as("admin").get("/consultations?overdue=1&per_page=100")))
    with app.test_request_context():
        now = datetime.now(UTC)
        today = local_date(now, desk_zone())
        limit = cutoff(now, float(app.config["SLA_ACCEPT_WORKING_HOURS"]), desk_zone(), {})
        expected = set()
        for case in db.session.scalars(sa.select(Consultation)):
            rounds = db.session.scalars(
                sa.select(Draw.drawn_at).where(
                    Draw.consultation_id == case.id,
                    Draw.chosen_id == case.assignee_id,
                    Draw.declined_at.is_(None),
                )
            ).all()
            due = db.session.scalars(
                sa.select(FollowUp.due_on).where(
                    FollowUp.consultation_id == case.id, FollowUp.done_at.is_(None)
                )
            ).all()
            if is_overdue(case.status, max(rounds, default=None), limit, due, today):
                expected.add(case.reference)
    assert listed == expected and len(expected) == 2


def test_sort_orders(app, api_as, desk):
    api = api_as("coordinator")
    newest = refs(api.get("/consultations?per_page=100"))
    assert refs(api.get("/consultations?sort=newest&per_page=100")) == newest
    assert refs(api.get("/consultations?sort=oldest&per_page=100")) == newest[::-1]
    urgent_first = refs(api.get("/consultations?sort=urgency&per_page=100"))
    with app.app_context():
        urgency = dict(
            db.session.execute(sa.select(Consultation.reference, Consultation.urgency)).all()
        )
        stored = db.session.scalars(
            sa.select(Consultation).where(Consultation.reference == desk.refs["new_normal"])
        ).one()
        stored.updated_at = datetime.now(UTC) + timedelta(hours=1)
        db.session.commit()
    kinds = [urgency[ref] for ref in urgent_first]
    assert urgent_first[-1] == desk.refs["new_normal"]  # the only normal one
    assert kinds == sorted(kinds, key=lambda u: u != "urgent")
    assert refs(api.get("/consultations?sort=updated"))[0] == desk.refs["new_normal"]
    # a page from the far end walks the order backwards and turns it round
    pages = [
        refs(api.get(f"/consultations?sort=urgency&per_page=3&page={n}")) for n in (1, 2, 3, 4)
    ]
    assert sum(pages, []) == urgent_first


@pytest.mark.parametrize(
    "query",
    [
        "sort=random",
        "urgency=very",
        "overdue=yes",
        "lawyer=abc",
        "lawyer=0",
        "lawyer=99999999999",
        "mediation_due=2",
    ],
)
def test_bad_values_are_field_errors(api_as, query):
    answer = api_as("coordinator").get(f"/consultations?{query}")
    assert answer.status_code == 422
    assert set(answer.json["error"]["fields"]) == {query.split("=")[0]}


def test_the_page_offers_them_in_chinese_and_pages_keep_them(client, login, make, desk):
    login("coordinator")
    page = client.get(f"/cases?lawyer={desk.busy}&sort=oldest&per_page=1").get_data(as_text=True)
    for words in (
        "律师",
        "紧急程度",
        "只看超时",
        "排序",
        "最早登记在前",
        "王律师",
        "导出 Excel",
        "导出 CSV",
    ):
        assert words in page
    assert f'<option value="{desk.busy}" selected>王律师</option>' in page
    assert '<option value="oldest" selected>' in page
    nxt = html.unescape(re.search(r'<a href="([^"]+)">下一页</a>', page).group(1))
    assert f"lawyer={desk.busy}" in nxt and "sort=oldest" in nxt and "cursor=" in nxt
    exports = re.findall(r'href="(/cases/export\.(?:xlsx|csv)[^"]*)"', page)
    assert len(exports) == 2 and all(f"lawyer={desk.busy}" in html.unescape(e) for e in exports)
    refused = client.get("/cases?sort=random")
    assert refused.status_code == 422 or refused.status_code == 400


def test_every_sort_has_words():
    assert tuple(SORT_LABELS) == SORTS
