"""Handing a case on from its page: the coordinator's "指派律师" form lists only the
eligible lawyers; "退回重新抽签"; the lawyer's "申请退回" and the answer they see; the
fairness page's column for assignments by hand."""

import pytest
import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.routing.models import Draw

pytestmark = pytest.mark.one_lawyer_draws  # tests of what follows a draw, not of pools


def _case(make, app, lawyer_id, status):
    case = make.case()
    make.assign(case, lawyer_id)
    with app.app_context():
        db.session.get(Consultation, case.id).status = status
        db.session.commit()
    return case


def test_the_assign_form_lists_eligible_lawyers_and_assigns(client, login, make, app, api_as):
    huang = make.lawyer(name="黄志强", capacity=4).id
    make.lawyer(name="李明")
    make.lawyer(name="王立明", jurisdictions=["JP"])  # not eligible: jurisdiction
    conflicted = make.lawyer(name="陈冲突")
    api_as("coordinator").post(
        f"/lawyers/{conflicted.id}/conflicts", json={"party": "Steppe Trade LLP"}
    )
    case = make.case()
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    form = page.split('id="assign-form"', 1)[1].split("</form>", 1)[0]
    assert "指派律师" in page and "黄志强 · 专家团成员 · 在办 0 件 / 上限 4 件" in form
    assert "王立明" not in form and "陈冲突" not in form
    assert "data-confirm" not in form  # nobody has the case yet
    assert make.run(lambda: db.session.scalars(sa.select(Draw.kind)).all()) == []  # a GET
    client.post(f"/cases/{case.reference}/commit")
    published = make.run(lambda: db.session.scalars(sa.select(Draw.kind)).all())
    assert published == ["draw"]  # the commitment published for a draw
    missing = client.post(
        f"/cases/{case.reference}/assign",
        data={"lawyer_id": str(huang), "reason": "", "from": ""},
        follow_redirects=True,
    )
    assert "未能指派律师" in missing.get_data(as_text=True)
    done = client.post(
        f"/cases/{case.reference}/assign",
        data={"lawyer_id": str(huang), "reason": "企业点名要求", "from": ""},
        follow_redirects=True,
    )
    text = done.get_data(as_text=True)
    assert "已指派律师" in text and "人工指派" in text and "企业点名要求" in text
    with app.app_context():
        stored = db.session.get(Consultation, case.id)
        assert stored.assignee_id == huang and stored.status == "routed"
        rounds = db.session.scalars(sa.select(Draw).order_by(Draw.round)).all()
        # the commitment published for a draw is put aside, not taken over
        assert [(d.kind, d.void_reason) for d in rounds] == [
            ("draw", "assigned"),
            ("assigned", None),
        ]
    reassign = text.split('id="assign-form"', 1)[1].split("</form>", 1)[0]
    assert f'name="from" value="{huang}"' in reassign and "data-confirm" in reassign
    assert "排除该律师重新抽签" in text and 'id="send-back-form"' not in text  # routed
    fairness = client.get("/routing/fairness").get_data(as_text=True)
    assert "人工指派" in fairness


def test_a_lawyer_asks_to_hand_back_and_sees_the_refusal(client, login, make, app):
    lawyer, coordinator = make.user("lawyer"), make.user("coordinator")
    case = _case(make, app, lawyer.lawyer_id, "accepted")
    login(lawyer)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "申请退回" in page and 'id="assign-form"' not in page and "重新开启" not in page
    client.post(f"/cases/{case.reference}/hand-back", data={"reason": "出国三个月"})
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "正在等待协调员处理" in page and 'id="hand-back-form"' not in page
    login(coordinator)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "律师申请退回此案" in page and "出国三个月" in page
    bell = client.get("/notifications").get_data(as_text=True)
    assert "申请退回案件" in bell
    client.post(f"/cases/{case.reference}/hand-back/refuse", data={"note": "请先完成尽调"})
    login(lawyer)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "您的退回申请未获同意：请先完成尽调" in page


def test_send_back_from_the_page(client, login, make, app):
    """An accepted case is sent back here; a routed one has the draws card's "draw
    again" instead (one button, not two that do the same)."""
    lawyer = make.user("lawyer")
    routed = _case(make, app, lawyer.lawyer_id, "routed")
    login("coordinator")
    page = client.get(f"/cases/{routed.reference}").get_data(as_text=True)
    assert 'id="send-back-form"' not in page and "/redraw" in page
    case = _case(make, app, lawyer.lawyer_id, "accepted")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    form = page.split('id="send-back-form"', 1)[1].split("</form>", 1)[0]
    assert "data-confirm" in form
    client.post(
        f"/cases/{case.reference}/send-back",
        data={"reason": "律师未及时接受", "from": str(lawyer.lawyer_id)},
    )
    with app.app_context():
        stored = db.session.get(Consultation, case.id)
        assert stored.status == "new" and stored.assignee_id is None
    make.lawyer()  # someone other than the lawyer sent back, to draw
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert 'id="publish-draw"' in page  # routing offers a draw again
