"""What the enterprise sees of the advice (issue 12 item 3): its account shows the day
and, when shared, the opinion; the no-account status page and API say only that
advice was given and on which day."""

import sqlalchemy as sa

from legaldesk.db import db
from legaldesk.followups.models import FollowUp
from tests.advice_helpers import OPINION, accepted_case, advise, enterprise_login
from tests.helpers import today


def test_the_account_shows_a_shared_opinion_with_its_day(client, make, api_as):
    case = accepted_case(make, api_as)
    assert advise(case, advice={"opinion": OPINION, "shared": True}).status_code == 200
    enterprise_login(make, client)
    page = client.get(f"/my/cases/{case.reference}").get_data(as_text=True)
    assert OPINION in page
    assert f"您的律师已于 {today().isoformat()} 为您出具法律意见" in page
    assert "黄志强" not in page


def test_an_unshared_opinion_stays_with_the_desk(client, make, api_as):
    case = accepted_case(make, api_as)
    assert advise(case, advice={"opinion": OPINION, "shared": False}).status_code == 200
    enterprise_login(make, client)
    page = client.get(f"/my/cases/{case.reference}").get_data(as_text=True)
    assert OPINION not in page
    assert "出具法律意见" in page and "书面意见已直接提供给您" in page


def test_a_closed_case_reads_as_an_outcome_not_a_code(client, make, api_as):
    case = accepted_case(make, api_as)
    assert advise(case, advice={"opinion": OPINION, "shared": True}).status_code == 200
    closed = case.api.post(
        f"/consultations/{case.reference}/transitions", json={"to": "closed", "closing_code": "A"}
    )
    assert closed.status_code == 200, closed.json
    enterprise_login(make, client)
    page = client.get(f"/my/cases/{case.reference}").get_data(as_text=True)
    body = page.split("</title>", 1)[1]  # the title ends in the reference, which may end in A
    assert "A · " not in body and "办理结果：A" not in body
    assert "中心已办结您的案件：咨询与法律意见" in page
    assert OPINION in page


def test_the_status_page_and_api_say_only_the_day(client, make, api_as):
    case = accepted_case(make, api_as)
    before = client.get(f"/api/v1/status/{case.reference}?code={case.code}").json
    assert before["advice_given_on"] is None
    assert (
        advise(case, advice={"opinion": OPINION, "shared": True}, note="内部备注").status_code
        == 200
    )
    day = today().isoformat()
    answers = [
        client.get(f"/api/v1/status/{case.reference}?code={case.code}"),
        client.post(f"/api/v1/status/{case.reference}", json={"code": case.code}),
        client.post("/status", data={"reference": case.reference, "code": case.code}),
    ]
    for answer in answers:
        assert answer.status_code == 200
        text = answer.get_data(as_text=True)
        assert OPINION not in text and OPINION[:8] not in text
        assert "内部备注" not in text and "黄志强" not in text
    assert answers[0].json["advice_given_on"] == day
    assert f"中心已于 {day} 出具法律意见" in answers[2].get_data(as_text=True)


def test_the_status_page_never_shows_a_loss_or_its_confirmation(client, make, api_as):
    case = accepted_case(make, api_as)
    assert advise(case, advice={"opinion": OPINION, "shared": True}).status_code == 200
    followup_id = make.run(
        lambda: db.session.scalar(sa.select(FollowUp.id).where(FollowUp.consultation_id == case.id))
    )
    record = {"done": True, "result": "回访", "loss_avoided_cny": 1_234_567, "loss_basis": "估算"}
    assert case.api.patch(f"/followups/{followup_id}", json=record).status_code == 200
    text = client.post("/status", data={"reference": case.reference, "code": case.code}).get_data(
        as_text=True
    )
    assert "1,234,567" not in text and "律师填报" not in text
