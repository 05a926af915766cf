"""The advice letter given with the advice: a file input in the case's advice form
(``signals.advice_form_fields``) and, when the advice is given, the file kept as an
``advice_letter`` document (``signals.advice_given``), in the same transaction as the
advice. The letter is shared with the enterprise exactly when the written opinion is:
one choice of what the enterprise reads, not two that could contradict each other."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import current_app, request
from flask_babel import gettext as _

from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Advice, Consultation
from legaldesk.documents import delivery, rules, service
from legaldesk.errors import DeskError, ValidationFailed
from legaldesk.signals import Panel

FIELD = "letter"


def letter_field(
    case: Consultation, *, viewer: Any, session: Any, now: datetime, errors: Any = None
) -> Panel | None:
    """The letter's file input, for whoever may add documents to the case."""
    if not permissions.may_add_documents(viewer, case):
        return None
    context = {
        "errors": (errors or {}).get(FIELD, []) or _chosen_before(),
        "accepted": rules.ACCEPTED,
        "max_size": rules.format_size(int(current_app.config["DOCUMENT_MAX_BYTES"])),
    }
    return Panel("documents/_advice_letter_field.html", context, order=10)


def _chosen_before() -> list[str]:
    """A form sent back for another field's error cannot keep its file (no browser
    refills a file input): say so at the field, or the advice goes out without it."""
    sent = request.files.get(FIELD) if request.method == "POST" else None
    if sent is None or not (sent.filename or "").strip():
        return []
    name = sent.filename
    return [_("Choose the letter (%(name)s) again: the form could not keep it.", name=name)]


def keep_letter(
    advice: Advice, *, case: Consultation, session: Any, actor: Any, now: datetime, files: Any
) -> None:
    """Store the chosen letter; no file chosen, nothing to do. A refused file is an
    error of the form's letter field, so the opinion typed is shown again."""
    sent = files.get(FIELD) if files is not None else None
    if sent is None or not (sent.filename or "").strip():
        return
    letter = delivery.received_file(FIELD)
    try:
        service.upload(
            session,
            actor,
            now,
            case,
            letter,
            {"kind": "advice_letter", "shared": advice.shared},
            **delivery.upload_settings(),
        )
    except DeskError as refused:
        messages = [m for found in refused.fields.values() for m in found] or [refused.message]
        raise ValidationFailed(fields={FIELD: messages}) from refused
