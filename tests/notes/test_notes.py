"""Internal notes on a case: the staff write and read them beside the timeline; the
enterprise and a mediator who is not the case's lawyer never see them."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import Forbidden, ValidationFailed
from legaldesk.notes import service
from legaldesk.notes.models import CaseNote
from tests.helpers import mediation_in_progress

SECRET = "企业负责人私下说可以接受三十万和解"


def acting(make, who, case, do):
    """``do(actor, case_row)`` in a short app context, as ``who`` on ``case``."""
    return make.run(lambda: do(db.session.get(User, who.id), db.session.get(Consultation, case.id)))


def test_the_service_adds_notes_and_lists_them_newest_first(app, make):
    case = make.case()

    def run(actor, row):
        now = utcnow()
        service.add(db.session, actor, now, row, {"text": "  first  "})
        service.add(db.session, actor, now + timedelta(minutes=1), row, {"text": "second"})
        db.session.commit()
        notes = service.notes_of(db.session, actor, row)
        actions = db.session.scalars(
            sa.select(AuditEntry.action).where(AuditEntry.action == "note.add")
        ).all()
        return [n.text for n in notes], notes[0].author.name, len(actions)

    texts, author, audited = acting(make, make.user("intake", name="王前台"), case, run)
    assert texts == ["second", "first"]
    assert author == "王前台" and audited == 2


@pytest.mark.parametrize("text", ["", "   ", "x" * 2001, None, 5])
def test_a_note_is_1_to_2000_characters_of_text(app, make, text):
    def run(actor, row):
        with pytest.raises(ValidationFailed) as failed:
            service.add(db.session, actor, utcnow(), row, {"text": text})
        db.session.rollback()
        return set(failed.value.fields)

    assert acting(make, make.user("intake"), make.case(), run) == {"text"}
    assert make.run(lambda: db.session.query(CaseNote).count()) == 0


def test_the_service_refuses_an_enterprise_account(app, make):
    case = make.case()
    owner = make.user("enterprise", enterprise_uscc="91330105MA2H00010X")

    def run(actor, row):
        for call in (
            lambda: service.add(db.session, actor, utcnow(), row, {"text": "mine"}),
            lambda: service.notes_of(db.session, actor, row),
        ):
            with pytest.raises(Forbidden):
                call()

    acting(make, owner, case, run)


def test_staff_add_a_note_on_the_case_page(app, client, make, login):
    case = make.case()
    login(make.user("intake", name="李前台"))
    page = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "内部备注" in page and "暂无内部备注" in page
    answer = client.post(
        f"/cases/{case.reference}/notes", data={"text": SECRET}, follow_redirects=True
    )
    page = answer.get_data(as_text=True)
    assert answer.status_code == 200
    assert "备注已保存" in page and SECRET in page and "李前台" in page
    refused = client.post(
        f"/cases/{case.reference}/notes", data={"text": " "}, follow_redirects=True
    ).get_data(as_text=True)
    assert "备注未保存" in refused
    assert make.run(lambda: db.session.query(CaseNote).count()) == 1


def test_the_cases_lawyer_writes_and_another_lawyer_gets_404(app, client, make, login):
    case = make.case()
    counsel = make.user("lawyer")
    make.assign(case, counsel.lawyer_id)
    login(counsel)
    assert client.post(f"/cases/{case.reference}/notes", data={"text": "called"}).status_code == 302
    assert "called" in client.get(f"/cases/{case.reference}").get_data(as_text=True)
    client.post("/logout")
    login(make.user("lawyer"))
    assert client.post(f"/cases/{case.reference}/notes", data={"text": "x"}).status_code == 404


def test_the_api_lists_and_adds_notes(app, make, api_as):
    case = make.case()
    coordinator = api_as(make.user("coordinator", name="赵协调"))
    created = coordinator.post(f"/consultations/{case.reference}/notes", json={"text": "一"})
    assert created.status_code == 201, created.json
    assert created.json["author"] == "赵协调" and created.json["text"] == "一"
    assert created.json["created_at"].endswith("+08:00")
    coordinator.post(f"/consultations/{case.reference}/notes", json={"text": "二"})
    listed = coordinator.get(f"/consultations/{case.reference}/notes")
    assert listed.status_code == 200 and [n["text"] for n in listed.json] == ["二", "一"]
    assert coordinator.get("/consultations/LD-2026-ZZZZZZ/notes").status_code == 404
    other_lawyer = api_as("lawyer")
    assert other_lawyer.get(f"/consultations/{case.reference}/notes").status_code == 404
    assert (
        other_lawyer.post(f"/consultations/{case.reference}/notes", json={"text": "x"}).status_code
        == 404
    )


def test_api_field_errors_are_in_the_users_language(app, make, api_as):
    case = make.case()
    user = make.user("intake")
    chinese = api_as(user).post(f"/consultations/{case.reference}/notes", json={"text": ""})
    english = api_as(user, language="en").post(
        f"/consultations/{case.reference}/notes", json={"text": "x" * 2001}
    )
    not_json = api_as(user).post(f"/consultations/{case.reference}/notes", data="text")
    assert chinese.status_code == 422 and "text" in chinese.json["error"]["fields"]
    assert english.status_code == 422
    assert "2000" in str(english.json["error"]["fields"]["text"])
    assert not any("\u4e00" <= c <= "\u9fff" for c in str(english.json["error"]["fields"]))
    assert any("\u4e00" <= c <= "\u9fff" for c in str(chinese.json["error"]["fields"]))
    assert not_json.status_code in (400, 415, 422)


def _note(make, case, author):
    def run(actor, row):
        service.add(db.session, actor, utcnow(), row, {"text": SECRET})
        db.session.commit()

    acting(make, author, case, run)


def test_the_enterprise_never_sees_notes(app, client, make, api_as):
    case = make.case()
    _note(make, case, make.user("intake"))
    owner = make.user(
        "enterprise", enterprise_uscc="91330105MA2H00010X", email="me@yuanhang.example"
    )
    client.post("/login", data={"email": owner.email, "password": "password123"})
    for url in ("/my", f"/my/cases/{case.reference}"):
        answer = client.get(url)
        assert answer.status_code == 200 and SECRET not in answer.get_data(as_text=True)
    assert client.get(f"/cases/{case.reference}").status_code == 404
    assert client.post(f"/cases/{case.reference}/notes", data={"text": "x"}).status_code == 404
    client.post("/logout")
    status = client.post("/status", data={"reference": case.reference, "code": case.code})
    assert status.status_code == 200 and SECRET not in status.get_data(as_text=True)
    public = client.get(f"/api/v1/status/{case.reference}?code={case.code}")
    assert public.status_code == 200 and SECRET not in public.get_data(as_text=True)
    enterprise = api_as(owner)
    for path in (f"/consultations/{case.reference}", "/consultations"):
        answer = enterprise.get(path)
        assert SECRET not in answer.get_data(as_text=True)
    assert enterprise.get(f"/consultations/{case.reference}/notes").status_code == 404
    refused = enterprise.post(f"/consultations/{case.reference}/notes", json={"text": "x"})
    assert refused.status_code == 404
    assert make.run(lambda: db.session.query(CaseNote).count()) == 1


def test_the_mediator_never_sees_notes(app, client, make, login, api_as):
    case = make.case()
    counsel = make.user("lawyer")
    make.assign(case, counsel.lawyer_id)
    _note(make, case, counsel)
    coordinator = make.user("coordinator")
    mediator = make.user("lawyer", name="中立调解员")
    make.run(
        lambda: (
            mediation_in_progress(coordinator.id, case.id, mediator.lawyer_id, utcnow()),
            db.session.commit(),
        )
    )
    login(mediator)
    page = client.get(f"/cases/{case.reference}")
    assert page.status_code == 200  # the mediator's own page of the mediation
    assert SECRET not in page.get_data(as_text=True) and "内部备注" not in page.get_data(
        as_text=True
    )
    assert client.post(f"/cases/{case.reference}/notes", data={"text": "x"}).status_code == 404
    api = api_as(mediator)
    assert api.get(f"/consultations/{case.reference}/notes").status_code == 404
    assert api.post(f"/consultations/{case.reference}/notes", json={"text": "x"}).status_code == 404


def test_the_openapi_document_names_the_notes(app, client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert set(paths["/consultations/{reference}/notes"]) == {"get", "post"}
