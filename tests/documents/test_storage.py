"""The document store: each content once, under its SHA-256, written whole or not
at all; simultaneous uploads of one file all succeed (threads, and real requests to
gunicorn workers on each database)."""

import hashlib
import os
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from legaldesk.auth.models import User
from legaldesk.db import db
from legaldesk.documents import storage
from tests.conftest import token_for
from tests.documents.samples import PDF, form
from tests.servers import desk_server


def files_in(root):
    return sorted(
        os.path.relpath(os.path.join(folder, name), root)
        for folder, _, names in os.walk(root)
        for name in names
    )


def test_the_same_content_is_kept_once_by_its_sha256(tmp_path):
    digest = storage.put(tmp_path, PDF)
    assert digest == hashlib.sha256(PDF).hexdigest()
    assert storage.put(tmp_path, PDF) == digest
    assert files_in(tmp_path) == [f"{digest[:2]}/{digest}"]
    assert storage.path_of(tmp_path, digest).read_bytes() == PDF
    assert oct(os.stat(storage.path_of(tmp_path, digest)).st_mode & 0o777) == "0o600"
    with pytest.raises(ValueError):
        storage.path_of(tmp_path, "../../etc/passwd")


def test_simultaneous_puts_of_one_content_all_succeed(tmp_path):
    data = PDF + uuid.uuid4().bytes
    with ThreadPoolExecutor(max_workers=16) as pool:
        digests = set(pool.map(lambda _: storage.put(tmp_path, data), range(32)))
    assert len(digests) == 1
    digest = digests.pop()
    assert files_in(tmp_path) == [f"{digest[:2]}/{digest}"]  # no temporary file left
    assert storage.path_of(tmp_path, digest).read_bytes() == data


def test_uploads_to_two_cases_share_the_stored_file(app, make, api_as):
    staff = api_as("intake")
    first, second = make.case(), make.case()
    data = PDF + uuid.uuid4().bytes
    answers = [
        staff.post(
            f"/consultations/{case.reference}/documents",
            data=form(data, "同一份.pdf"),
            content_type="multipart/form-data",
        ).json
        for case in (first, second)
    ]
    assert answers[0]["id"] != answers[1]["id"] and answers[0]["sha256"] == answers[1]["sha256"]
    digest = answers[0]["sha256"]
    folder = os.path.join(app.config["DOCUMENTS_PATH"], digest[:2])
    assert [n for n in os.listdir(folder) if digest in n or n.startswith(".upload-")] == [digest]


def multipart(data: bytes, name: str, fields: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/pdf\r\n\r\n".encode()
        + data
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), boundary


@pytest.mark.slow
def test_simultaneous_uploads_of_one_file_through_real_workers(app, make):
    case = make.case()
    user = make.user("coordinator")
    token = make.run(lambda: token_for(db.session.get(User, user.id)))
    data = PDF + uuid.uuid4().bytes
    body, boundary = multipart(data, "evidence.pdf", {"kind": "evidence"})

    def send(server):
        request = urllib.request.Request(
            f"{server.base}/api/v1/consultations/{case.reference}/documents",
            data=body,
            method="POST",
            headers={
                "Authorization": f"Bearer {token}",
                "Content-Type": f"multipart/form-data; boundary={boundary}",
            },
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read()

    root = app.config["DOCUMENTS_PATH"]
    with (
        desk_server(app.config["SQLALCHEMY_DATABASE_URI"], workers=3) as server,
        ThreadPoolExecutor(max_workers=8) as pool,
    ):
        answers = list(pool.map(lambda _: send(server), range(8)))
    assert [status for status, _ in answers] == [201] * 8
    digest = hashlib.sha256(data).hexdigest()
    folder = os.path.join(root, digest[:2])
    assert [n for n in os.listdir(folder) if digest in n or n.startswith(".upload-")] == [digest]
    listed = api_documents(make, case)
    assert len(listed) == 8 and {d.sha256 for d in listed} == {digest}


def api_documents(make, case):
    from legaldesk.documents.models import Document

    return make.run(lambda: db.session.query(Document).filter_by(consultation_id=case.id).all())
