"""Documents on the pages: the case page's panel (upload, share, remove with a
confirmation), the download, and the enterprise's own page /my."""

import json

import sqlalchemy as sa

from legaldesk.audit.models import AuditEntry
from legaldesk.db import db
from legaldesk.documents.models import Document
from tests.documents.samples import HTML, PDF, TEXT, form

OWN_USCC = "91330105MA2H00010X"


def page_upload(client, case, data=PDF, name="法律意见书.pdf", **fields):
    return client.post(
        f"/cases/{case.reference}/documents",
        data=form(data, name, **fields),
        content_type="multipart/form-data",
        follow_redirects=True,
    )


def the_document(make):
    return make.run(lambda: db.session.scalars(sa.select(Document)).one().id)


def actions(make, action):
    return make.run(
        lambda: [
            json.loads(e.detail)
            for e in db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == action))
        ]
    )


def test_staff_upload_on_the_case_page_and_download(app, client, make, login):
    case = make.case()
    login(make.user("intake", name="李前台"))
    empty = client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert "案件材料" in empty and "暂无材料" in empty and "请选择" in empty
    assert "向企业公开" in empty

    page = page_upload(client, case, shared="1").get_data(as_text=True)
    assert "材料已上传" in page
    assert "法律意见书.pdf" in page and "法律意见书" in page and "李前台" in page
    assert "已向企业公开" in page
    document_id = the_document(make)
    file = client.get(f"/documents/{document_id}")
    assert file.status_code == 200 and file.data == PDF
    assert file.headers["Content-Disposition"].startswith("attachment;")
    assert actions(make, "document.download") == [{"document": document_id}]


def test_a_refused_file_is_a_message_on_the_case_page(app, client, make, login):
    case = make.case()
    login("intake")
    page = page_upload(client, case, HTML, "意见书.pdf").get_data(as_text=True)
    assert "材料未保存" in page and "网页" in page
    no_kind = page_upload(client, case, PDF, "意见书.pdf", kind="").get_data(as_text=True)
    assert "材料未保存" in no_kind
    assert make.run(lambda: db.session.query(Document).count()) == 0


def test_removing_asks_first_keeps_the_row_and_is_audited(app, client, make, login):
    case = make.case()
    uploader = login("intake")
    page_upload(client, case, TEXT, "误传.txt", kind="other")
    document_id = the_document(make)
    confirm = client.get(f"/documents/{document_id}/remove")
    assert confirm.status_code == 200 and "误传.txt" in confirm.get_data(as_text=True)
    assert make.run(lambda: db.session.get(Document, document_id).removed_at) is None

    client.post("/logout")
    login("intake")  # another clerk: no button, and the page says who may
    assert f"/documents/{document_id}/remove" not in client.get(f"/cases/{case.reference}").text
    assert client.post(f"/documents/{document_id}/remove").status_code == 403
    client.post("/logout")

    login(uploader)
    done = client.post(f"/documents/{document_id}/remove", follow_redirects=True)
    assert "材料已删除" in done.get_data(as_text=True)
    assert "误传.txt" not in client.get(f"/cases/{case.reference}").get_data(as_text=True)
    assert client.get(f"/documents/{document_id}").status_code == 404
    kept = make.run(lambda: db.session.get(Document, document_id))
    assert kept.removed_at is not None and kept.removed_by_id == uploader.id
    assert actions(make, "document.remove") == [{"document": document_id}]


def test_sharing_shows_the_document_on_my_and_never_on_status(app, client, make, login):
    case = make.case()
    login("coordinator")
    page_upload(client, case, name="出口风险法律意见书.pdf")
    document_id = the_document(make)
    client.post(f"/documents/{document_id}/shared", data={"shared": "1"})
    assert actions(make, "document.share") == [{"document": document_id, "shared": True}]
    client.post("/logout")

    login(make.user("enterprise", enterprise_uscc=OWN_USCC))
    mine = client.get(f"/my/cases/{case.reference}").get_data(as_text=True)
    assert "中心提供的材料" in mine and "出口风险法律意见书.pdf" in mine
    assert f"/documents/{document_id}" in mine
    assert client.get(f"/documents/{document_id}").data == PDF
    client.post("/logout")

    status = client.post("/status", data={"reference": case.reference, "code": case.code})
    assert "出口风险法律意见书" not in status.get_data(as_text=True)

    login("coordinator")
    client.post(f"/documents/{document_id}/shared", data={"shared": "0"})
    client.post("/logout")
    login(make.user("enterprise", enterprise_uscc=OWN_USCC))
    assert "出口风险法律意见书" not in client.get(f"/my/cases/{case.reference}").text
    assert client.get(f"/documents/{document_id}").status_code == 404


def test_outsiders_get_404_on_every_document_page(app, client, make, login):
    case = make.case()
    login("intake")
    page_upload(client, case, shared="1")
    document_id = the_document(make)
    client.post("/logout")
    login("lawyer")  # not the case's lawyer
    for url in (f"/documents/{document_id}", f"/documents/{document_id}/remove"):
        assert client.get(url).status_code == 404
    assert client.post(f"/documents/{document_id}/shared", data={"shared": "0"}).status_code == 404
    assert page_upload(client, case).status_code == 404
    client.post("/logout")
    login(make.user("enterprise", enterprise_uscc=OWN_USCC))
    assert client.get(f"/documents/{document_id}/remove").status_code == 404
    assert client.post(f"/documents/{document_id}/shared", data={"shared": "0"}).status_code == 404
