"""The advice (issue 12 item 3): a move to "advised" records the written opinion and
what the enterprise sees; the API keeps its bare transition; every advice is kept."""

import re

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.cases.models import Advice
from legaldesk.db import db
from legaldesk.notify.compose import render
from legaldesk.notify.models import OutboxMessage
from tests.advice_helpers import OPINION, accepted_case, advise, enterprise_login


def advice_rows(make, case):
    return make.run(
        lambda: [
            (a.opinion, a.shared, a.given_by_id)
            for a in db.session.scalars(
                sa.select(Advice).where(Advice.consultation_id == case.id).order_by(Advice.id)
            )
        ]
    )


def test_the_bare_transition_still_advises_with_the_note_as_an_unshared_opinion(make, api_as):
    case = accepted_case(make, api_as)
    answer = advise(case, note="已电话告知初步意见")
    assert answer.status_code == 200, answer.json
    assert answer.json["status"] == "advised"
    assert answer.json["advice"]["opinion"] == "已电话告知初步意见"
    assert answer.json["advice"]["shared"] is False
    assert answer.json["advice"]["by"] == "黄志强"
    assert advice_rows(make, case) == [("已电话告知初步意见", False, case.counsel.id)]
    # no note at all: still advised (an acceptance check may send just {"to": "advised"})
    other = accepted_case(make, api_as)
    assert advise(other).status_code == 200
    assert advice_rows(make, other) == [("", False, other.counsel.id)]


def test_the_api_takes_the_opinion_and_what_the_enterprise_sees(make, api_as):
    case = accepted_case(make, api_as)
    answer = advise(case, advice={"opinion": OPINION, "shared": True}, note="附意见")
    assert answer.status_code == 200, answer.json
    assert answer.json["advice"]["opinion"] == OPINION and answer.json["advice"]["shared"]
    assert [a["opinion"] for a in answer.json["advice_history"]] == [OPINION]
    enterprise = api_as(make.user("enterprise", enterprise_uscc="91330105MA2H00010X"))
    seen = enterprise.get(f"/consultations/{case.reference}").json["advice"]
    assert seen["opinion"] == OPINION and "by" not in seen and "id" not in seen

    unshared = accepted_case(make, api_as)
    assert advise(unshared, advice={"opinion": OPINION}).status_code == 200
    seen = enterprise.get(f"/consultations/{unshared.reference}").json
    assert seen["advice"]["opinion"] is None and seen["advice"]["shared"] is False
    assert OPINION not in str(seen)


def test_bad_advice_is_422_with_the_field_and_nothing_moves(make, api_as):
    case = accepted_case(make, api_as)
    bad = [
        ({"advice": {"opinion": ""}}, "advice.opinion"),
        ({"advice": {"opinion": "x" * 20_001}}, "advice.opinion"),
        ({"advice": {"opinion": 7}}, "advice.opinion"),
        ({"advice": {"opinion": "好", "shared": "yes"}}, "advice.shared"),
        ({"advice": "意见"}, "advice"),
        ({"advice": []}, "advice"),
    ]
    for body, field in bad:
        answer = advise(case, **body)
        assert answer.status_code == 422, (body, answer.json)
        assert field in answer.json["error"]["fields"], (body, answer.json)
    wrong = case.api.post(
        f"/consultations/{case.reference}/transitions",
        json={"to": "withdrawn", "advice": {"opinion": "意见"}},
    )
    assert wrong.status_code == 422 and "advice" in wrong.json["error"]["fields"]
    assert case.api.get(f"/consultations/{case.reference}").json["status"] == "accepted"
    assert advice_rows(make, case) == []


def test_a_case_advised_again_keeps_each_advice_and_shows_the_latest(make, api_as):
    case = accepted_case(make, api_as)
    assert advise(case, advice={"opinion": "第一次意见", "shared": True}).status_code == 200
    moved = case.api.post(
        f"/consultations/{case.reference}/transitions", json={"to": "following_up"}
    )
    assert moved.status_code == 200
    again = advise(case, advice={"opinion": "补充意见", "shared": False})
    assert again.status_code == 200, again.json
    assert again.json["advice"]["opinion"] == "补充意见"
    assert [a["opinion"] for a in again.json["advice_history"]] == ["第一次意见", "补充意见"]
    assert [t["status"] for t in again.json["timeline"]].count("advised") == 2
    assert [o for o, _, _ in advice_rows(make, case)] == ["第一次意见", "补充意见"]


def test_the_lawyer_gives_the_advice_on_the_case_page(client, login, make, api_as):
    case = accepted_case(make, api_as)
    login(case.counsel)
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert 'id="advice-form"' in page and "出具法律意见" in page
    assert 'value="advised"' not in page  # no bare button to "advised"
    form = {"opinion": "   ", "shared": "full"}
    refused = client.post(f"/cases/{case.reference}/advice", data=form)
    assert refused.status_code == 422
    html = refused.get_data(as_text=True)
    assert "此项为必填项" in html or "必填" in html
    assert re.search(r'<input checked[^>]*value="full"', html)  # the choice is kept
    unchosen = client.post(f"/cases/{case.reference}/advice", data={"opinion": OPINION})
    assert unchosen.status_code == 422 and OPINION in unchosen.get_data(as_text=True)
    assert advice_rows(make, case) == []

    given = client.post(
        f"/cases/{case.reference}/advice", data={"opinion": OPINION, "shared": "given_only"}
    )
    assert given.status_code == 302
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert OPINION in page and "黄志强" in page and "企业只能看到已出具意见" in page
    assert advice_rows(make, case) == [(OPINION, False, case.counsel.id)]
    assert client.get(f"/cases/{case.reference}/advice").status_code == 302  # already advised


def test_who_may_not_move_the_case_to_advised_gets_no_form(client, login, make, api_as):
    case = accepted_case(make, api_as)
    login("intake")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert 'id="advice-form"' not in page
    answer = client.post(
        f"/cases/{case.reference}/advice", data={"opinion": OPINION, "shared": "full"}
    )
    assert answer.status_code == 403
    assert advice_rows(make, case) == []


def test_advice_is_audited_and_the_enterprise_mail_never_carries_the_opinion(make, api_as):
    case = accepted_case(make, api_as)
    assert advise(case, advice={"opinion": OPINION, "shared": True}).status_code == 200

    def written():
        entries = db.session.scalars(
            sa.select(AuditEntry).where(AuditEntry.action == "advice.give")
        ).all()
        mails = db.session.scalars(
            sa.select(OutboxMessage)
            .where(OutboxMessage.kind == "status_change")
            .order_by(OutboxMessage.id)
        ).all()
        return [(e.object_id, e.detail) for e in entries], [m.payload for m in mails]

    entries, mails = make.run(written)
    assert [reference for reference, _ in entries] == [case.reference]
    assert OPINION not in str(entries)
    assert [m["status"] for m in mails] == ["accepted", "advised"]
    assert OPINION not in str(mails)


def test_the_enterprise_is_told_in_its_mail_that_advice_was_given(app, make, api_as):
    case = accepted_case(make, api_as)
    assert advise(case, advice={"opinion": OPINION, "shared": True}).status_code == 200
    with app.app_context(), app.test_request_context():
        row = db.session.scalars(
            sa.select(OutboxMessage)
            .where(OutboxMessage.kind == "status_change")
            .order_by(OutboxMessage.id)
        ).all()[-1]
        subject, body = render(row)
    assert case.reference in subject
    assert "中心已就您的案件出具法律意见" in body
    assert OPINION not in body and OPINION[:10] not in body


def test_an_enterprise_account_cannot_give_advice(client, make, api_as):
    case = accepted_case(make, api_as)
    enterprise_login(make, client)
    answer = client.post(
        f"/cases/{case.reference}/advice", data={"opinion": OPINION, "shared": "full"}
    )
    assert answer.status_code == 404
