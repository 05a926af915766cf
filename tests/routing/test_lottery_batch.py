"""Issue 15 item 2: the day's non-urgent cases committed together and drawn that
evening with a public lottery's numbers; each round keeps its own pool and secret,
and the record says the contribution was the lottery's."""

import re

import sqlalchemy as sa

from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.routing.directory_service import add_conflict
from legaldesk.routing.models import Draw, Lawyer


def _rounds(make):
    def read():
        rows = db.session.scalars(sa.select(Draw).order_by(Draw.id)).all()
        return [(r.consultation_id, r.contribution, r.contribution_source) for r in rows]

    return make.run(read)


def test_commit_the_day_then_draw_it_with_the_lottery(client, login, make, app):
    for _ in range(4):
        make.lawyer(capacity=10)
    quiet = [make.case(urgency="normal", summary=f"一般 {i}") for i in range(2)]
    urgent = make.case(urgency="urgent", summary="紧急")
    login("intake")
    page = client.get("/routing/pending").get_data(as_text=True)
    assert all(c.reference in page for c in [*quiet, urgent]) and "尚未公布承诺" in page
    client.post("/routing/pending/commit")
    page = client.get("/routing/pending").get_data(as_text=True)
    ticked = re.findall(r'name="draw_id" value="(\d+)" checked', page)
    assert len(ticked) == 2 and "最后一个承诺公布于" in page  # the urgent one waits at the desk
    refused = client.post(
        "/routing/pending/draw",
        data={"draw_id": ticked, "contribution": "12"},
        follow_redirects=True,
    )
    assert "未抽签" in refused.get_data(as_text=True)
    assert all(contribution is None for _, contribution, _ in _rounds(make))
    done = client.post(
        "/routing/pending/draw",
        data={"draw_id": ticked, "contribution": "2026318: 03 07 12"},
        follow_redirects=True,
    )
    assert "已用彩票开奖号码为 2 件案件抽签" in done.get_data(as_text=True)
    with app.app_context():
        statuses = {c.id: db.session.get(Consultation, c.id).status for c in [*quiet, urgent]}
    assert statuses == {quiet[0].id: "routed", quiet[1].id: "routed", urgent.id: "new"}
    drawn = [r for r in _rounds(make) if r[1]]
    assert {(r[1], r[2]) for r in drawn} == {("2026318030712", "lottery")}


def test_a_round_whose_pool_changed_is_recommitted_and_the_rest_drawn(client, login, make, app):
    lawyers = [make.lawyer(capacity=10) for _ in range(4)]
    first, second = make.case(urgency="normal"), make.case(urgency="normal")
    login("coordinator")
    client.post("/routing/pending/commit")
    page = client.get("/routing/pending").get_data(as_text=True)
    ticked = re.findall(r'name="draw_id" value="(\d+)" checked', page)

    def conflict():
        # the cases' other side turns out to be a declared conflict of one pool member
        actor = db.session.scalar(sa.select(User).where(User.role == "coordinator"))
        lawyer = db.session.get(Lawyer, lawyers[0].id)
        add_conflict(db.session, actor, utcnow(), "Steppe Trade LLP", "declared", lawyer=lawyer)
        db.session.commit()

    make.run(conflict)
    done = client.post(
        "/routing/pending/draw",
        data={"draw_id": ticked, "contribution": "88 12 45 67"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "候选名单中有律师已不再符合条件" in done
    with app.app_context():
        routed = [db.session.get(Consultation, c.id).status for c in (first, second)]
        voided = db.session.scalars(sa.select(Draw).where(Draw.void_reason == "pool_changed")).all()
    assert routed.count("new") == len(voided) >= 1  # each void round got a new commitment
    pending = re.findall(
        r'name="draw_id" value="(\d+)"', client.get("/routing/pending").get_data(as_text=True)
    )
    assert len(pending) == len(voided)


def test_lawyers_have_no_lottery_page(client, login, make):
    login(make.user("lawyer"))
    assert client.get("/routing/pending").status_code == 403
    assert client.post("/routing/pending/commit").status_code == 403


def test_the_page_marks_cases_to_assign_by_hand_and_counts_only_new_commitments(
    client, login, make
):
    for _ in range(3):
        make.lawyer(capacity=10)
    drawable = make.case(urgency="normal", summary="可抽签")
    lonely = make.case(urgency="normal", summary="无人", countries=["BR"])
    login("coordinator")
    page = client.get("/routing/pending").get_data(as_text=True)
    row = page.split(f'id="waiting-{lonely.reference}"', 1)[1].split("</tr>", 1)[0]
    assert "无法抽签：请在案件页面人工指派律师" in row
    assert make.run(lambda: db.session.scalar(sa.select(sa.func.count(Draw.id)))) == 0  # a GET
    first = client.post("/routing/pending/commit", follow_redirects=True).get_data(as_text=True)
    assert "本次公布 1 个抽签承诺；共 1 件案件" in first and "1 件案件无法抽签" in first
    again = client.post("/routing/pending/commit", follow_redirects=True).get_data(as_text=True)
    assert "本次公布 0 个抽签承诺；共 1 件案件" in again
    assert drawable.reference in again
