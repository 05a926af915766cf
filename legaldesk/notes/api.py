"""JSON endpoints for a case's internal notes."""

from __future__ import annotations

from flask import Blueprint, jsonify

from legaldesk.apikit import api_user, json_body
from legaldesk.cases.service import case_for_change, read_case
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.i18n import to_local_iso
from legaldesk.notes import service
from legaldesk.notes.models import CaseNote

bp = Blueprint("notes", __name__)


def note_json(note: CaseNote) -> dict:
    return {
        "id": note.id,
        "text": note.text,
        "author": note.author.name,
        "created_at": to_local_iso(note.created_at),
    }


@bp.get("/consultations/<reference>/notes")
def list_for_case(reference: str):
    actor = api_user()
    case = read_case(db.session, actor, utcnow(), reference)
    body = [note_json(n) for n in service.notes_of(db.session, actor, case)]
    db.session.commit()  # the read is in the audit log
    return jsonify(body)


@bp.post("/consultations/<reference>/notes")
def add(reference: str):
    actor = api_user()
    case = case_for_change(db.session, actor, reference)
    note = service.add(db.session, actor, utcnow(), case, json_body())
    db.session.commit()
    return jsonify(note_json(note)), 201
