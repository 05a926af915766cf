"""Review fix (issue 12): contacts are shared rows (one per phone within an enterprise);
correcting one case's contact must never rewrite the contact another case shows."""

import sqlalchemy as sa

from legaldesk.cases.models import Consultation
from legaldesk.db import db
from legaldesk.enterprises.models import Contact
from tests.correction_helpers import correction_form


def _contact_of(make, case):
    def read():
        contact = db.session.get(Consultation, case.id).contact
        return contact.name, contact.phone, contact.email

    return make.run(read)


def _lawyer_of(make, case):
    lawyer = make.user("lawyer")
    make.assign(case, lawyer.lawyer_id)
    return lawyer


def test_the_lawyer_of_one_case_cannot_rewrite_anothers_contact(api_as, make):
    a = make.case()
    b = make.case(
        contact={"name": "王会计", "phone": "0571-8888 8888", "email": "wang@example.com"}
    )
    api = api_as(_lawyer_of(make, a))
    response = api.patch(
        f"/consultations/{a.reference}",
        json={
            "contact": {
                "phone": "0571-8888 8888",
                "email": "attacker@evil.example",
                "name": "Mallory",
            }
        },
    )
    assert response.status_code == 422
    assert set(response.json["error"]["fields"]) <= {"contact.name", "contact.email"}
    assert _contact_of(make, b) == ("王会计", "+8657188888888", "wang@example.com")
    assert _contact_of(make, a) == ("周经理", "+8613805710001", "zhou@example.com")


def test_two_cases_sharing_a_contact_keep_it_when_one_is_corrected(api_as, make):
    a, b = make.case(), make.case()
    assert _contact_of(make, a) == _contact_of(make, b)  # one row, by phone
    api = api_as(_lawyer_of(make, a))
    refused = api.patch(
        f"/consultations/{a.reference}",
        json={"contact": {"name": "Mallory", "email": "attacker@evil.example"}},
    )
    assert refused.status_code == 422
    assert _contact_of(make, b) == ("周经理", "+8613805710001", "zhou@example.com")
    # A number of its own gives the corrected case a contact of its own.
    moved = api.patch(
        f"/consultations/{a.reference}",
        json={"contact": {"name": "李助理", "phone": "13905710002", "email": "li@example.com"}},
    )
    assert moved.status_code == 200, moved.json
    assert _contact_of(make, a) == ("李助理", "+8613905710002", "li@example.com")
    assert _contact_of(make, b) == ("周经理", "+8613805710001", "zhou@example.com")
    assert make.run(lambda: db.session.scalar(sa.select(sa.func.count()).select_from(Contact))) == 2


def test_a_matching_contact_is_shared_and_a_contact_of_its_own_is_corrected(api_as, make):
    a = make.case(contact={"name": "李助理", "phone": "13905710002", "email": "li@example.com"})
    b = make.case()
    api = api_as("intake")
    # Its own row (no other case uses it): corrected in place.
    own = api.patch(f"/consultations/{a.reference}", json={"contact": {"email": "li2@example.com"}})
    assert own.status_code == 200
    assert _contact_of(make, a) == ("李助理", "+8613905710002", "li2@example.com")
    # The very person another case has, as on record: the case points at that row.
    same = api.patch(
        f"/consultations/{a.reference}",
        json={"contact": {"name": "周经理", "phone": "13805710001", "email": "zhou@example.com"}},
    )
    assert same.status_code == 200
    assert (
        _contact_of(make, a)
        == _contact_of(make, b)
        == (
            "周经理",
            "+8613805710001",
            "zhou@example.com",
        )
    )


def test_the_correction_page_refuses_it_with_the_field_error(client, login, make):
    a, b = make.case(), make.case()
    login(_lawyer_of(make, a))
    response = client.post(
        f"/cases/{a.reference}/correct",
        data=correction_form(contact_name="Mallory", email="attacker@evil.example"),
    )
    assert response.status_code == 422
    assert "其他案件" in response.get_data(as_text=True)
    assert _contact_of(make, b) == ("周经理", "+8613805710001", "zhou@example.com")
