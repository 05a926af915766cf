"""A coordinator reopens a closed or withdrawn case with a reason: API, page, the
reports' count."""

import json

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.notify.models import Notification
from legaldesk.routing.models import Lawyer
from tests.draw_helpers import route_and_draw
from tests.routing.handon_cases import accepted_case


def _closed_case(make, api_as):
    case, lawyer, own, coordinator = accepted_case(make, api_as)
    path = f"/consultations/{case.reference}/transitions"
    assert own.post(path, json={"to": "advised", "note": "书面法律意见"}).status_code == 200
    closed = coordinator.post(path, json={"to": "closed", "closing_code": "A"})
    assert closed.status_code == 200, closed.json
    return case, lawyer, coordinator


def test_a_closed_case_returns_to_following_up_with_its_lawyer(app, make, api_as):
    case, lawyer, coordinator = _closed_case(make, api_as)
    path = f"/consultations/{case.reference}/reopen"
    assert coordinator.post(path, json={"reason": " "}).status_code == 422
    assert api_as("intake").post(path, json={"reason": "x"}).status_code == 403
    reopened = coordinator.post(path, json={"reason": "企业反馈对方再次发函"})
    assert reopened.status_code == 200, reopened.json
    body = reopened.json
    assert body["status"] == "following_up" and body["assignee"]["id"] == lawyer.lawyer_id
    assert body["closing_code"] is None
    last = body["timeline"][-1]
    assert (last["from"], last["status"], last["note"]) == (
        "closed",
        "following_up",
        "企业反馈对方再次发函",
    )
    assert coordinator.post(path, json={"reason": "again"}).status_code == 409  # not closed
    with app.app_context():
        entry = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "consultation.reopen")
        ).one()
        assert json.loads(entry.detail) == {
            "from": "closed",
            "to": "following_up",
            "reason": "企业反馈对方再次发函",
        }
        told = db.session.scalars(
            sa.select(Notification.user_id).where(Notification.kind == "case_reopened")
        ).all()
        assert told == [lawyer.id]


@pytest.mark.one_lawyer_draws
def test_without_a_usable_lawyer_it_returns_to_new_for_routing(app, make, api_as):
    case, lawyer, coordinator = _closed_case(make, api_as)

    def retire():
        db.session.get(Lawyer, lawyer.lawyer_id).active = False
        db.session.commit()

    make.run(retire)
    reopened = coordinator.post(
        f"/consultations/{case.reference}/reopen", json={"reason": "需要重新评估"}
    )
    assert reopened.status_code == 200, reopened.json
    assert reopened.json["status"] == "new" and reopened.json["assignee"] is None
    make.lawyer()
    drawn = route_and_draw(coordinator, case.reference)
    assert drawn.status_code == 200, drawn.json


def test_a_withdrawn_case_is_reopened_where_it_was(make, api_as):
    lawyer = make.user("lawyer")
    coordinator = api_as("coordinator")
    accepted = make.case(summary="已接受后撤回")
    coordinator.post(
        f"/consultations/{accepted.reference}/assign",
        json={"lawyer_id": lawyer.lawyer_id, "reason": "r"},
    )
    api_as(lawyer).post(f"/consultations/{accepted.reference}/transitions", json={"to": "accepted"})
    fresh = make.case(summary="误撤回")
    for case in (accepted, fresh):
        path = f"/consultations/{case.reference}/transitions"
        assert coordinator.post(path, json={"to": "withdrawn"}).status_code == 200
    back = coordinator.post(
        f"/consultations/{accepted.reference}/reopen", json={"reason": "企业撤回后又来电"}
    ).json
    assert back["status"] == "accepted" and back["assignee"]["id"] == lawyer.lawyer_id
    new = coordinator.post(
        f"/consultations/{fresh.reference}/reopen", json={"reason": "前台误点撤回"}
    ).json
    assert new["status"] == "new" and new["assignee"] is None


def test_a_plain_status_change_cannot_reopen(make, api_as):
    case, _, coordinator = _closed_case(make, api_as)
    path = f"/consultations/{case.reference}/transitions"
    for target in ("following_up", "new"):
        assert coordinator.post(path, json={"to": target}).status_code == 409


def test_the_report_counts_reopened_cases(make, api_as):
    case, _, coordinator = _closed_case(make, api_as)
    reports = api_as("coordinator")
    assert reports.get("/reports/summary").json["reopened"] == 0
    coordinator.post(f"/consultations/{case.reference}/reopen", json={"reason": "再次咨询"})
    path = f"/consultations/{case.reference}/transitions"
    coordinator.post(path, json={"to": "closed", "closing_code": "A"})
    coordinator.post(f"/consultations/{case.reference}/reopen", json={"reason": "第三次"})
    assert reports.get("/reports/summary").json["reopened"] == 1  # one case, twice


def test_the_reopen_page_asks_for_a_reason_and_says_where_it_returns(client, login, make, api_as):
    case, lawyer, _ = _closed_case(make, api_as)
    login("intake")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "重新开启" not in page
    assert client.get(f"/cases/{case.reference}/reopen").status_code == 403
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert f'href="/cases/{case.reference}/reopen"' in page
    confirm = client.get(f"/cases/{case.reference}/reopen").get_data(as_text=True)
    assert "重新开启后，案件回到“回访中”" in confirm
    missing = client.post(f"/cases/{case.reference}/reopen", data={"reason": ""})
    assert missing.status_code == 422 and "必填" in missing.get_data(as_text=True)
    done = client.post(
        f"/cases/{case.reference}/reopen", data={"reason": "企业来电"}, follow_redirects=True
    )
    assert "案件已重新开启" in done.get_data(as_text=True)
    assert make.run(lambda: db.session.get(Consultation, case.id).status) == "following_up"
