"""The lawyer's queue, routing from the case page, the draw record, the fairness page."""

import re

import pytest
import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.routing.models import Draw, Lawyer
from tests.draw_helpers import route_and_draw


def draw_on_page(client, reference, number="20260701", source="witness"):
    """Key in the number on the case page, for the round whose commitment it shows
    (published first with the page's button when none is)."""
    page = client.get(f"/cases/{reference}").get_data(as_text=True)
    if 'name="draw_id"' not in page:
        page = client.post(f"/cases/{reference}/commit", follow_redirects=True)
        page = page.get_data(as_text=True)
    draw_id = re.search(r'name="draw_id" value="(\d+)"', page).group(1)
    data = {"draw_id": draw_id, "contribution": number, "source": source}
    return client.post(f"/cases/{reference}/route", data=data, follow_redirects=True)


def test_a_clerk_routes_from_the_case_page_and_the_record_is_printable(client, login, make):
    names = ["黄志强", "李佳慧", "张晨"]
    for name in names:
        make.lawyer(name=name)
    make.lawyer(name="王立明", jurisdictions=["US"])
    case = make.case()
    login("intake")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    publish = page.split('id="publish-draw"', 1)[1].split("</section>", 1)[0]
    assert "黄志强、李佳慧、张晨（3 名律师）" in publish and 'name="contribution"' not in page
    assert make.run(lambda: db.session.scalar(sa.select(sa.func.count(Draw.id)))) == 0  # a GET
    page = client.post(f"/cases/{case.reference}/commit", follow_redirects=True)
    page = page.get_data(as_text=True)
    assert "第 1 轮已公布" in page
    pending = page.split('id="pending-draw"', 1)[1].split("</section>", 1)[0]
    assert "见证人" in pending and "黄志强、李佳慧、张晨（3 名律师）" in pending
    assert 'name="contribution"' in pending and 'href="/draws/' in pending  # print it first
    short = draw_on_page(client, case.reference, "12 34")
    assert "未抽签" in short.get_data(as_text=True)  # too few digits: nothing drawn
    page = draw_on_page(client, case.reference).get_data(as_text=True)
    drawn = re.search(r"抽签结果：(\S+)（第 1 轮）", page)
    assert drawn is not None and drawn.group(1) in names, page
    record = page.split("抽签记录", 1)[1]
    assert "20260701（见证人提供的号码）" in record and "王立明（法域不符）" in record
    assert "公开记录" in record and 'href="/draws/' in record  # anyone checks it there
    assert 'name="contribution"' not in page  # routed: no second draw


@pytest.mark.one_lawyer_draws
def test_the_queue_accept_decline_and_claim(client, login, make, app):
    first, second = make.user("lawyer"), make.user("lawyer")
    drawn_case, open_case = make.case(summary="待受理"), make.case(summary="可认领")
    make.assign(drawn_case, first.lawyer_id)
    with app.app_context():
        db.session.get(Consultation, drawn_case.id).status = "routed"
        db.session.commit()
    login(first)
    queue = client.get("/queue").get_data(as_text=True)
    assert "待受理" in queue and open_case.reference in queue
    client.post(f"/queue/{drawn_case.reference}/decline", data={"reason": ""})
    assert make.run(lambda: db.session.get(Consultation, drawn_case.id).status) == "routed"
    declined = client.post(
        f"/queue/{drawn_case.reference}/decline", data={"reason": "时间冲突"}, follow_redirects=True
    )
    text = declined.get_data(as_text=True)
    assert "已拒绝：案件将排除您后重新抽签" in text and "见证人" not in text  # not desk work
    with app.app_context():
        case = db.session.get(Consultation, drawn_case.id)
        assert case.assignee_id is None and case.status == "new"  # waits for its number
    claimed = client.post(f"/queue/{open_case.reference}/claim", follow_redirects=True)
    assert "已由您承办" in claimed.get_data(as_text=True)
    login("intake")
    draw_on_page(client, drawn_case.reference, "77889900")
    with app.app_context():
        case = db.session.get(Consultation, drawn_case.id)
        assert case.assignee_id == second.lawyer_id and case.status == "routed"
    login(second)
    client.post(f"/queue/{drawn_case.reference}/accept")
    assert make.run(lambda: db.session.get(Consultation, drawn_case.id).status) == "accepted"


def test_only_lawyers_have_a_queue_and_only_coordinators_see_fairness(client, login):
    login("intake")
    assert client.get("/queue").status_code == 403
    assert client.get("/routing/fairness").status_code == 403


def test_fairness_page_shows_draws_against_expected_shares(client, login, make, api_as):
    for _ in range(3):
        make.lawyer(capacity=10)  # nobody fills up, so every round's pool has all three
    coordinator = api_as("coordinator")
    for i in range(6):
        case = make.case(summary=f"#{i}")
        route_and_draw(coordinator, case.reference)
    login("coordinator")
    page = client.get("/routing/fairness").get_data(as_text=True)
    assert "抽签公平性" in page and "2.0" in page  # 6 rounds / 3 lawyers = 2 expected each
    # three lawyers owed two draws each: two are counted as one group, and six draws
    # are too few for the test to judge
    assert "卡方检验" in page and "自由度 1" in page and "2 名律师" in page
    assert 'id="fairness-verdict"' in page and "抽签次数太少，无法判断" in page
    assert "符合公平抽签" not in page and "不太可能公平" not in page
    with make.app.app_context():
        drawn = db.session.scalar(sa.select(sa.func.count()).select_from(Consultation))
    assert drawn == 6


def test_the_commitment_is_shown_before_the_draw_and_the_draw_keeps_it(client, login, make):
    make.lawyer(), make.lawyer(), make.lawyer()
    case = make.case()
    login("intake")
    client.post(f"/cases/{case.reference}/commit")
    client.post(f"/cases/{case.reference}/commit")  # a second click publishes nothing new
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    shown = re.search(r'<code id="commitment">([0-9a-f]{64})</code>', page).group(1)
    again = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert shown in again  # the same round is kept until it is drawn
    draw_on_page(client, case.reference, "556677")
    with make.app.app_context():
        [round_] = db.session.scalars(sa.select(Draw)).all()
        assert round_.commitment == shown and round_.committed_at < round_.drawn_at


def test_a_published_round_whose_pool_changed_is_put_aside_only_when_published_again(
    client, login, make, app
):
    """Viewing the page writes nothing: a stale round is named, and the button that
    publishes a new one puts it aside in the open."""
    lawyers = [make.lawyer() for _ in range(4)]
    case = make.case()
    login("intake")
    client.post(f"/cases/{case.reference}/commit")

    def leave():
        db.session.get(Lawyer, lawyers[0].id).active = False
        db.session.commit()

    make.run(leave)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert 'id="stale-round"' in page and "第 1 轮已公布" in page
    assert 'name="contribution"' not in page

    def kinds():
        return [
            (d.round, d.voided_at is not None)
            for d in db.session.scalars(sa.select(Draw).order_by(Draw.round))
        ]

    assert make.run(kinds) == [(1, False)]
    page = client.post(f"/cases/{case.reference}/commit", follow_redirects=True)
    assert "第 2 轮已公布" in page.get_data(as_text=True)
    assert make.run(kinds) == [(1, True), (2, False)]
