"""Documents on the pages: the case page's panel (list, upload, share, remove), the
confirmation before a removal, and the download (staff, and the enterprise on /my)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import case_for_change
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.documents import delivery, rules, service
from legaldesk.flashing import attempt
from legaldesk.inputs import takes_uploads
from legaldesk.publicity import for_enterprises
from legaldesk.signals import Panel

bp = Blueprint("documents", __name__)


def case_panel(case: Consultation, *, viewer: Any, session: Any, now: datetime) -> Panel | None:
    """The case's documents for staff who may add them; nothing for anyone else."""
    if not permissions.may_add_documents(viewer, case):
        return None
    documents = service.documents_of(session, viewer, case)
    context = {
        "documents": documents,
        "removable": {d.id for d in documents if permissions.may_remove_document(viewer, case, d)},
        "kinds": rules.KINDS,
        "accepted": rules.ACCEPTED,
        "max_size": rules.format_size(int(current_app.config["DOCUMENT_MAX_BYTES"])),
    }
    return Panel("documents/_panel.html", context, order=40)


def _back_to(case: Consultation):
    return redirect(url_for("cases.case_page", reference=case.reference) + "#documents")


@bp.post("/cases/<reference>/documents")
@takes_uploads("DOCUMENT_MAX_BYTES")
def upload(reference: str):
    """A refused file (type, size, kind) is a message on the case page, nothing kept."""
    case = case_for_change(db.session, current_user, reference)
    attempt(
        lambda: service.upload(
            db.session,
            current_user,
            utcnow(),
            case,
            delivery.received_file(),
            request.form,
            **delivery.upload_settings(),
        ),
        _("The document was not saved:"),
        _("Document uploaded."),
    )
    return _back_to(case)


@bp.route("/documents/<id:document_id>/remove", methods=["GET", "POST"])
def remove(document_id: int):
    """GET asks for confirmation; POST removes the document from every list."""
    document = service.for_change(db.session, current_user, document_id)
    case = document.case
    if not permissions.may_remove_document(current_user, case, document):
        return render_template("documents/remove.html", document=document, allowed=False), 403
    if request.method == "GET":
        return render_template("documents/remove.html", document=document, allowed=True)
    attempt(
        lambda: service.remove(db.session, current_user, utcnow(), document),
        _("The document was not removed:"),
        _("The document was removed."),
    )
    return _back_to(case)


@bp.post("/documents/<id:document_id>/shared")
def share(document_id: int):
    document = service.for_change(db.session, current_user, document_id)
    shared = request.form.get("shared")
    attempt(
        lambda: service.set_shared(db.session, current_user, utcnow(), document, shared),
        _("Nothing was changed:"),
        _("The enterprise now sees this document.")
        if shared in ("1", "true")
        else _("The enterprise no longer sees this document."),
    )
    return _back_to(document.case)


@bp.get("/documents/<id:document_id>")
@for_enterprises
def download(document_id: int):
    """Staff download any document of a case they may read; an enterprise account
    its own cases' shared ones (from /my)."""
    document, path = service.download(
        db.session, current_user, utcnow(), document_id, current_app.config["DOCUMENTS_PATH"]
    )
    db.session.commit()  # the download is in the audit log before a byte leaves
    return delivery.attachment(document, path)
