"""Review finding 3: closing with a closing code retired meanwhile shows the case page
again with the field error "该结案代码已停用，请另选" and the typed note kept; the API
answers 422 with that message at ``closing_code``."""

from __future__ import annotations

from legaldesk.cases.models import Consultation
from legaldesk.db import db

RETIRED = "该结案代码已停用，请另选"


def _advised_case(make):
    case = make.case()

    def advised():
        db.session.get(Consultation, case.id).status = "advised"
        db.session.commit()

    make.run(advised)
    return case


def test_the_page_shows_the_form_again_with_the_note(app, make, client, login, api_as):
    case = _advised_case(make)
    api_as("coordinator").patch("/closing-codes/B", json={"active": False})
    login("coordinator")
    note = "企业已按意见完成整改<与对方和解>"
    answer = client.post(
        f"/cases/{case.reference}/transition",
        data={"to": "closed", "note": note, "closing_code": "B"},
    )
    assert answer.status_code == 422
    page = answer.get_data(as_text=True)
    assert RETIRED in page
    assert "企业已按意见完成整改&lt;与对方和解&gt;</textarea>" in page
    assert 'name="closing_code"' in page and case.reference in page
    with app.app_context():
        assert db.session.get(Consultation, case.id).status == "advised"


def test_the_api_names_the_retired_code(make, api_as):
    case = _advised_case(make)
    coordinator = api_as("coordinator", language="zh-CN")
    coordinator.patch("/closing-codes/B", json={"active": False})
    refused = coordinator.post(
        f"/consultations/{case.reference}/transitions", json={"to": "closed", "closing_code": "B"}
    )
    assert refused.status_code == 422
    assert refused.json["error"]["fields"]["closing_code"] == [RETIRED]
