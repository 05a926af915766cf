"""JSON endpoints for a case's documents: upload (multipart), list, download."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, jsonify, request

from legaldesk.apikit import api_user
from legaldesk.auth.rules import may_see_staff_details
from legaldesk.cases.service import case_for_change, read_case
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.documents import delivery, service
from legaldesk.documents.models import Document
from legaldesk.i18n import to_local_iso
from legaldesk.inputs import takes_uploads
from legaldesk.publicity import for_enterprises

bp = Blueprint("documents", __name__)


def document_json(document: Document, viewer: Any) -> dict:
    """The enterprise is not told which staff member uploaded a document."""
    return {
        "id": document.id,
        "name": document.name,
        "size": document.size,
        "sha256": document.sha256,
        "kind": document.kind,
        "shared": document.shared,
        "content_type": document.content_type,
        "uploaded_at": to_local_iso(document.uploaded_at),
        "uploaded_by": document.uploaded_by.name if may_see_staff_details(viewer) else None,
    }


@bp.get("/consultations/<reference>/documents")
@for_enterprises
def list_for_case(reference: str):
    actor = api_user()
    case = read_case(db.session, actor, utcnow(), reference)
    body = [document_json(d, actor) for d in service.documents_of(db.session, actor, case)]
    db.session.commit()  # the read is in the audit log
    return jsonify(body)


@bp.post("/consultations/<reference>/documents")
@takes_uploads("DOCUMENT_MAX_BYTES")
def add(reference: str):
    actor = api_user()
    case = case_for_change(db.session, actor, reference)
    document = service.upload(
        db.session,
        actor,
        utcnow(),
        case,
        delivery.received_file(),
        request.form,
        **delivery.upload_settings(),
    )
    db.session.commit()
    return jsonify(document_json(document, actor)), 201


@bp.get("/documents/<id:document_id>")
@for_enterprises
def download(document_id: int):
    actor = api_user()
    document, path = service.download(
        db.session, actor, utcnow(), document_id, current_app.config["DOCUMENTS_PATH"]
    )
    db.session.commit()  # the download is in the audit log before a byte leaves
    return delivery.attachment(document, path)
