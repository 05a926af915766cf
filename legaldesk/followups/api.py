"""JSON endpoints for follow-ups."""

from __future__ import annotations

from flask import Blueprint, jsonify

from legaldesk.apikit import api_user, json_body
from legaldesk.cases.service import case_for_change, read_case
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.followups import confirmation, service
from legaldesk.followups.labels import loss_state_label
from legaldesk.followups.models import FollowUp, LossConfirmation
from legaldesk.i18n import to_local_iso
from legaldesk.publicity import for_enterprises
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
        "loss_state": (state := confirmation.state_of(followup)),
        "loss_state_label": loss_state_label(state),
        "enterprise_confirmation": confirmation_json(followup.confirmation),
    }


def confirmation_json(row: LossConfirmation | None) -> dict | None:
    """The enterprise's own word on a loss (no names: it is the enterprise's)."""
    if row is None:
        return None
    return {
        "followup_id": row.followup_id,
        "claimed_cny": row.claimed_cny,
        "amount_cny": row.amount_cny,
        "satisfaction": row.satisfaction,
        "confirmed_at": to_local_iso(row.confirmed_at),
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


@bp.post("/followups/<id:followup_id>/confirmation")
@for_enterprises
def confirm(followup_id: int):
    """The enterprise confirms (or corrects) the loss its follow-up claimed: 201 once,
    409 after; 404 for a follow-up of another enterprise's case."""
    actor = api_user()
    case = case_for_change(db.session, actor, service.reference_of(db.session, followup_id))
    row = confirmation.confirm_loss(
        db.session, actor, utcnow(), case, followup_id, json_body(), zone=desk_zone()
    )
    body = confirmation_json(row)
    db.session.commit()
    return jsonify(body), 201
