"""JSON endpoints for follow-ups."""

from __future__ import annotations

from flask import Blueprint, jsonify

from legaldesk.apikit import api_user, json_body
from legaldesk.cases.service import case_for_change, read_case
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.followups import service
from legaldesk.followups.models import FollowUp
from legaldesk.i18n import to_local_iso
from legaldesk.zone import desk_zone

bp = Blueprint("followups", __name__)


def followup_json(followup: FollowUp) -> dict:
    return {
        "id": followup.id,
        "reference": followup.consultation.reference,
        "due_on": followup.due_on.isoformat(),
        "channel": followup.channel,
        "done": followup.done_at is not None,
        "done_at": to_local_iso(followup.done_at),
        "result": followup.result,
        "advice_worked": followup.advice_worked,
        "loss_avoided_cny": followup.loss_avoided_cny,
        "loss_basis": followup.loss_basis,
        "confirmed_by_enterprise": followup.confirmed_by_enterprise,
        "satisfaction": followup.satisfaction,
    }


@bp.post("/consultations/<reference>/followups")
def schedule(reference: str):
    actor = api_user()
    case = case_for_change(db.session, actor, reference)
    followup = service.schedule(db.session, actor, utcnow(), case, json_body(), zone=desk_zone())
    db.session.commit()
    return jsonify(followup_json(followup)), 201


@bp.get("/consultations/<reference>/followups")
def list_for_case(reference: str):
    case = read_case(db.session, api_user(), utcnow(), reference)
    body = [followup_json(f) for f in service.followups_of(db.session, case)]
    db.session.commit()  # the read is in the audit log
    return jsonify(body)


@bp.patch("/followups/<id:followup_id>")
def record(followup_id: int):
    actor = api_user()
    followup = service.followup_for_change(db.session, actor, followup_id)
    service.record(db.session, actor, utcnow(), followup, json_body())
    db.session.commit()
    return jsonify(followup_json(followup))
