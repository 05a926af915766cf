"""The documents API: upload (multipart), list, download; the limits (413, 415); who
may (an enterprise only its own shared documents; a mediator or another lawyer
nothing, as a 404); every upload and download in the audit log."""

import hashlib
import io
import json
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.demo import demo_uscc
from tests.documents.samples import EXE, HTML, PDF, SVG, TEXT, docx, form, plain_zip, png

OWN_USCC = "91330105MA2H00010X"  # the enterprise of dummy_intake
OTHER = {"name": "杭州拱墅丝绸进出口有限公司", "uscc": demo_uscc("91330105MA2H00021")}


def upload(api, case, data=PDF, name="法律意见书.pdf", **fields):
    return api.post(
        f"/consultations/{case.reference}/documents",
        data=form(data, name, **fields),
        content_type="multipart/form-data",
    )


def audited(make, action):
    return make.run(
        lambda: [
            (e.object_id, json.loads(e.detail))
            for e in db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action))
        ]
    )


def test_upload_list_and_download_as_the_contract_says(app, make, api_as):
    case = make.case()
    staff = api_as(make.user("coordinator", name="赵协调"))
    created = upload(staff, case, shared="true")
    assert created.status_code == 201, created.json
    body = created.json
    assert {k: body[k] for k in ("name", "size", "sha256", "kind", "shared")} == {
        "name": "法律意见书.pdf",
        "size": len(PDF),
        "sha256": hashlib.sha256(PDF).hexdigest(),
        "kind": "advice_letter",
        "shared": True,
    }
    assert isinstance(body["id"], int) and body["uploaded_by"] == "赵协调"

    listed = staff.get(f"/consultations/{case.reference}/documents")
    assert listed.status_code == 200 and [d["id"] for d in listed.json] == [body["id"]]

    file = staff.get(f"/documents/{body['id']}")
    assert file.status_code == 200 and file.data == PDF
    assert file.mimetype == "application/pdf"
    disposition = file.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('法律意见书.pdf')}" in disposition
    assert file.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in file.headers["Content-Security-Policy"]
    assert "no-store" in file.headers["Cache-Control"]

    assert audited(make, "document.upload") == [
        (
            case.reference,
            {"document": body["id"], "kind": "advice_letter", "shared": True, "size": len(PDF)},
        )
    ]
    assert audited(make, "document.download") == [(case.reference, {"document": body["id"]})]


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (HTML, "letter.pdf"),  # a page renamed .pdf
        (SVG, "chart.svg"),
        (EXE, "setup.exe"),
        (plain_zip(), "evidence.zip"),
        (png(), "contract.pdf"),  # its extension's family is not its content's
        (TEXT, "page.html"),
    ],
)
def test_types_not_allowed_answer_415(app, make, api_as, data, name):
    case = make.case()
    staff = api_as("intake")
    refused = upload(staff, case, data, name)
    assert refused.status_code == 415, refused.json
    assert refused.json["error"]["code"] == "unsupported_media_type"
    assert staff.get(f"/consultations/{case.reference}/documents").json == []


def test_office_and_images_are_accepted(app, make, api_as):
    case = make.case()
    staff = api_as("intake")
    assert upload(staff, case, docx(), "出口合同.docx", kind="contract").status_code == 201
    assert upload(staff, case, png(), "证据照片.png", kind="evidence").status_code == 201
    kinds = [d["kind"] for d in staff.get(f"/consultations/{case.reference}/documents").json]
    assert sorted(kinds) == ["contract", "evidence"]


def test_too_large_answers_413_and_uploads_alone_may_exceed_2_mb(app, make, api_as):
    case = make.case()
    staff = api_as("intake")
    big = PDF + b"%" * (3 * 1024 * 1024)  # over the 2 MB every other request keeps
    accepted = upload(staff, case, big, "扫描件.pdf")
    assert accepted.status_code == 201 and accepted.json["size"] == len(big)
    note = staff.post(f"/consultations/{case.reference}/notes", json={"text": "x" * len(big)})
    assert note.status_code == 413  # the other routes are not weakened

    app.config["DOCUMENT_MAX_BYTES"] = 1000
    just_over = upload(staff, case, PDF + b"%" * 1000, "a.pdf")  # inside the form's framing
    assert just_over.status_code == 413 and just_over.json["error"]["code"] == "too_large"
    far_over = upload(staff, case, PDF + b"%" * 200_000, "b.pdf")  # refused before parsing
    assert far_over.status_code == 413 and far_over.json["error"]["code"] == "too_large"
    assert upload(staff, case, PDF, "c.pdf").status_code == 201


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("/etc/shadow.txt", "shadow.txt"),
        ("意见书\t 第二稿 .txt", "意见书 第二稿 .txt"),
    ],
)
def test_names_lose_their_folders_and_line_breaks(app, make, api_as, name, stored):
    case = make.case()
    staff = api_as("intake")
    created = upload(staff, case, TEXT, name, kind="other")
    assert created.status_code == 201, created.json
    assert created.json["name"] == stored
    file = staff.get(f"/documents/{created.json['id']}")
    assert "\r" not in file.headers["Content-Disposition"] and "X-Injected" not in file.headers


def test_missing_file_or_kind_are_field_errors(app, make, api_as):
    case = make.case()
    staff = api_as("intake")
    no_kind = upload(staff, case, kind="letter")
    assert no_kind.status_code == 422 and set(no_kind.json["error"]["fields"]) == {"kind"}
    no_file = staff.post(
        f"/consultations/{case.reference}/documents",
        data={"kind": "other"},
        content_type="multipart/form-data",
    )
    assert no_file.status_code == 422 and set(no_file.json["error"]["fields"]) == {"file"}
    empty = upload(staff, case, b"", "empty.pdf")
    assert empty.status_code == 422 and set(empty.json["error"]["fields"]) == {"file"}
    as_json = staff.post(f"/consultations/{case.reference}/documents", json={"kind": "other"})
    assert as_json.status_code == 422


def test_an_enterprise_reads_only_the_shared_documents_of_its_own_cases(app, make, api_as):
    mine, theirs = make.case(), make.case(enterprise=OTHER)
    staff = api_as("coordinator")
    shared = upload(staff, mine, name="意见书.pdf", shared="true").json
    internal = upload(staff, mine, TEXT, "内部评估.txt", kind="other").json
    other_shared = upload(staff, theirs, shared="true").json

    enterprise = api_as(make.user("enterprise", enterprise_uscc=OWN_USCC))
    listed = enterprise.get(f"/consultations/{mine.reference}/documents")
    assert listed.status_code == 200
    assert [(d["id"], d["uploaded_by"]) for d in listed.json] == [(shared["id"], None)]
    assert enterprise.get(f"/documents/{shared['id']}").data == PDF
    assert enterprise.get(f"/documents/{internal['id']}").status_code == 404
    assert enterprise.get(f"/documents/{other_shared['id']}").status_code == 404
    assert enterprise.get(f"/consultations/{theirs.reference}/documents").status_code == 404
    assert upload(enterprise, mine).status_code == 404  # uploading is for staff


def test_a_mediator_and_another_lawyer_get_404_the_front_desk_reads(app, make, api_as):
    case = make.case()
    own, mediator = make.user("lawyer"), make.user("lawyer")
    make.assign(case, own.lawyer_id)
    make.run(lambda: _set_mediator(case.id, mediator.lawyer_id))
    counsel = api_as(own)
    document = upload(counsel, case, shared="true").json  # the case's own lawyer uploads
    assert counsel.get(f"/documents/{document['id']}").status_code == 200
    for who in (mediator, make.user("lawyer")):
        outsider = api_as(who)
        assert outsider.get(f"/consultations/{case.reference}/documents").status_code == 404
        assert outsider.get(f"/documents/{document['id']}").status_code == 404
        assert upload(outsider, case).status_code == 404
    assert api_as("intake").get(f"/documents/{document['id']}").status_code == 200
    assert api_as("intake").get("/documents/999999").status_code == 404


def _set_mediator(case_id, lawyer_id):
    from legaldesk.cases.models import Consultation
    from legaldesk.mediation.models import Mediation
    from tests.conftest import NOW

    case = db.session.get(Consultation, case_id)
    db.session.add(
        Mediation(
            consultation_id=case.id,
            status="in_mediation",
            respondent_name="Steppe Trade LLP",
            applied_on=NOW.date(),
            consent_due_on=NOW.date(),
            mediator_id=lawyer_id,
            created_at=NOW,
            updated_at=NOW,
        )
    )
    db.session.commit()


def test_the_file_part_may_be_read_as_a_stream(app, make, api_as):
    """A client that streams (no length known in advance) is served the same."""
    case = make.case()
    staff = api_as("intake")
    answer = staff.post(
        f"/consultations/{case.reference}/documents",
        data={"file": (io.BytesIO(PDF), "流.pdf", "application/octet-stream"), "kind": "other"},
        content_type="multipart/form-data",
    )
    assert answer.status_code == 201 and answer.json["name"] == "流.pdf"


def test_a_name_with_a_line_break_cannot_split_the_download_header(app, make, api_as):
    """Browsers escape CR and LF in a multipart file name; a raw client's are made
    spaces by the service (safe_name), so the Content-Disposition stays one header."""
    from legaldesk.auth.models import User
    from legaldesk.cases.models import Consultation
    from legaldesk.clock import utcnow
    from legaldesk.documents import service

    case, clerk = make.case(), make.user("intake")

    def run():
        document = service.upload(
            db.session,
            db.session.get(User, clerk.id),
            utcnow(),
            db.session.get(Consultation, case.id),
            service.Upload("意见书\r\nSet-Cookie: x=1\r\n.txt", TEXT),
            {"kind": "other"},
            store=app.config["DOCUMENTS_PATH"],
            limit=app.config["DOCUMENT_MAX_BYTES"],
        )
        db.session.commit()
        return document.id, document.name

    document_id, name = make.run(run)
    assert name == "意见书 Set-Cookie_ x=1 .txt"
    file = api_as(clerk).get(f"/documents/{document_id}")
    assert "Set-Cookie" not in file.headers and "\n" not in file.headers["Content-Disposition"]
