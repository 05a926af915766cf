"""Finding: on the case's timeline a reopening read only as the stage it returned to
("回访中" and the reason), and a reassignment as "已分派" and the reason, without
whom the case went from and to. The timeline now says it in the reader's language."""

from legaldesk.db import db
from legaldesk.routing.models import Lawyer
from tests.draw_helpers import route_and_draw
from tests.routing.handon_cases import accepted_case


def test_the_timeline_says_reassigned_from_whom_to_whom_and_reopened(make, api_as, client, login):
    case, first, _, coordinator = accepted_case(make, api_as)
    second = make.user("lawyer")
    handed = coordinator.post(
        f"/consultations/{case.reference}/assign",
        json={"lawyer_id": second.lawyer_id, "from": first.lawyer_id, "reason": "律师出差"},
    )
    assert handed.status_code == 200, handed.json
    after = handed.json["assignee"]["name"]
    before = accepted_name(make, first.lawyer_id)
    path = f"/consultations/{case.reference}/transitions"
    assert coordinator.post(path, json={"to": "withdrawn"}).status_code == 200
    reopened = coordinator.post(
        f"/consultations/{case.reference}/reopen", json={"reason": "企业又来电"}
    )
    assert reopened.status_code == 200, reopened.json
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert f"改派：{before} → {after}\n律师出差" in page
    assert "重新开启：企业又来电" in page
    english = client.get(f"/cases/{case.reference}", headers={"Accept-Language": "en"})
    text = english.get_data(as_text=True)
    assert "Reopened: 企业又来电" in text and f"Reassigned: {before} → {after}" in text


def accepted_name(make, lawyer_id):
    return make.run(lambda: db.session.get(Lawyer, lawyer_id).name)


def test_the_timeline_names_who_was_drawn_and_says_a_decline_went_back_to_the_draw(
    make, api_as, client, login
):
    """Finding: a decline read "新登记" with the lawyer's name, as if the lawyer had
    registered the case, and "已分派" never said to whom."""
    lawyers = [make.user("lawyer") for _ in range(4)]
    case = make.case()
    drawn = route_and_draw(api_as("coordinator"), case.reference)
    assert drawn.status_code == 200, drawn.json
    chosen = drawn.json["assignee"]
    who = next(lawyer for lawyer in lawyers if lawyer.lawyer_id == chosen["id"])
    declined = api_as(who).post(
        f"/consultations/{case.reference}/decline", json={"reason": "利益冲突"}
    )
    assert declined.status_code in (200, 202), declined.json
    login("coordinator")
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    start = page.index('class="timeline"')
    timeline = page[start : page.index("</ol>", start)]
    assert "抽签选定律师" in timeline and chosen["name"] in timeline
    assert "第 1 轮，从 4 名符合条件的人选中抽出。" in timeline
    assert "退回重新抽签" in timeline and "利益冲突" in timeline
    english = client.get(f"/cases/{case.reference}", headers={"Accept-Language": "en"})
    text = english.get_data(as_text=True)
    assert "Lawyer drawn" in text and "Sent back to the draw" in text
