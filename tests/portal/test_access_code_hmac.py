"""Access codes are checked with a keyed HMAC-SHA256, not scrypt (issue 14): a lookup
costs microseconds instead of 70-400 ms. The key is kept outside the database, so the
database alone gives no code away; codes stored by scrypt before still work and are
replaced by the HMAC form at their first successful lookup."""

from __future__ import annotations

import os
import stat

import pytest
import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from legaldesk import create_app
from legaldesk.cases.models import Consultation
from legaldesk.db import db
from tests.conftest import desk_config

DIGEST = "hmac-sha256$"


def _stored(app, case_id: int) -> str:
    with app.app_context():
        return db.session.scalar(
            sa.select(Consultation.access_code_hash).where(Consultation.id == case_id)
        )


def _set_stored(app, case_id: int, value: str) -> None:
    with app.app_context():
        db.session.get(Consultation, case_id).access_code_hash = value
        db.session.commit()


def test_intake_stores_a_keyed_digest_of_the_code(app, make, client):
    case = make.case()
    stored = _stored(app, case.id)
    assert stored.startswith(DIGEST) and case.code not in stored
    answer = client.post(f"/api/v1/status/{case.reference}", json={"code": case.code})
    assert answer.status_code == 200
    assert _stored(app, case.id) == stored  # nothing to replace


def test_the_key_is_not_in_the_database(app, make, client):
    """The same stored digest under another key matches nothing: whoever copies the
    database alone cannot test codes against it."""
    case = make.case()
    other = create_app(
        {**desk_config(app.config["SQLALCHEMY_DATABASE_URI"]), "ACCESS_CODE_KEY": "another-key"}
    )
    answer = other.test_client().post(f"/api/v1/status/{case.reference}", json={"code": case.code})
    assert answer.status_code == 404


def test_an_old_scrypt_code_works_and_is_replaced_by_the_digest(app, make, client):
    case = make.case()
    _set_stored(app, case.id, generate_password_hash(case.code, method="scrypt"))
    path = f"/api/v1/status/{case.reference}"
    assert client.post(path, json={"code": "AAAAAAAAAA"}).status_code == 404
    assert _stored(app, case.id).startswith("scrypt:")  # a wrong code changes nothing
    first = client.post(path, json={"code": case.code})
    assert first.status_code == 200 and first.json["reference"] == case.reference
    stored = _stored(app, case.id)
    assert stored.startswith(DIGEST) and case.code not in stored
    assert client.post(path, json={"code": case.code}).status_code == 200
    assert _stored(app, case.id) == stored


def test_an_old_code_typed_loosely_is_replaced_too(app, make, client):
    """Lower case and a dash, as a person types it: the digest is of the normalised code."""
    case = make.case()
    _set_stored(app, case.id, generate_password_hash(case.code, method="pbkdf2:sha256:1000"))
    loose = f"{case.code[:5].lower()}-{case.code[5:]}"
    assert client.post(f"/api/v1/status/{case.reference}", json={"code": loose}).status_code == 200
    assert _stored(app, case.id).startswith(DIGEST)
    again = client.post(f"/api/v1/status/{case.reference}", json={"code": case.code})
    assert again.status_code == 200


def test_a_reissued_code_is_a_digest_and_the_old_one_stops(app, make, client):
    from legaldesk.auth.models import User
    from legaldesk.cases.service import reissue_access_code

    case = make.case()
    staff = make.user("intake")
    with app.app_context():
        row = db.session.get(Consultation, case.id)
        code = reissue_access_code(db.session, db.session.get(User, staff.id), row.created_at, row)
        db.session.commit()
    assert _stored(app, case.id).startswith(DIGEST)
    path = f"/api/v1/status/{case.reference}"
    assert client.post(path, json={"code": case.code}).status_code == 404
    assert client.post(path, json={"code": code}).status_code == 200


def test_a_first_run_makes_a_private_key_file(tmp_path, monkeypatch):
    monkeypatch.setenv("LEGALDESK_INSTANCE_PATH", str(tmp_path / "instance"))
    settings = desk_config(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    settings.pop("ACCESS_CODE_KEY", None)
    first = create_app(settings)
    key_file = tmp_path / "instance" / "access_code_key"
    assert first.config["ACCESS_CODE_KEY"] == key_file.read_text().strip()
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    assert create_app(settings).config["ACCESS_CODE_KEY"] == first.config["ACCESS_CODE_KEY"]


@pytest.mark.parametrize("other", ["SECRET_KEY", "AUDIT_KEY"])
def test_the_key_differs_from_the_other_keys(tmp_path, other):
    settings = desk_config(f"sqlite:///{tmp_path / 'desk.sqlite3'}")
    with pytest.raises(ValueError, match="ACCESS_CODE_KEY"):
        create_app({**settings, "ACCESS_CODE_KEY": settings[other]})
