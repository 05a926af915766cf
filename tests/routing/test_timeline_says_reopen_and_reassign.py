"""Finding: on the case's timeline a reopening read only as the stage it returned to
("回访中" and the reason), and a reassignment as "已分派" and the reason, without
whom the case went from and to. The timeline now says it in the reader's language."""

from legaldesk.db import db
from legaldesk.routing.models import Lawyer
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
