"""GET /api/v1/status/<reference>?code=: public and rate limited."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from legaldesk.cases.codes import normalise_reference
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.extensions import limiter
from legaldesk.i18n import data_label, local_time, status_label, to_local_iso
from legaldesk.messages import Msg, render
from legaldesk.portal import service
from legaldesk.publicity import public

bp = Blueprint("portal", __name__)

PER_ADDRESS = "30 per minute"
# Failed lookups of one reference, from anywhere: guessing one case's code is slow
# even from many addresses, and the enterprise's own successful lookups never count.
PER_REFERENCE = "10 per hour"


def reference_key() -> str:
    raw = (request.view_args or {}).get("reference") or request.values.get("reference") or ""
    return "status-reference:" + normalise_reference(str(raw))[:20]


def failed(response) -> bool:
    return response.status_code == 404


def next_step_text(step: service.NextStep | None) -> str | None:
    if step is None:
        return None
    params = {
        "on": step.on.isoformat() if step.on else "",
        "at": local_time(step.at) if step.at else "",
        "room": data_label(step.room) if step.room is not None else "",
    }
    return render(Msg(service.NEXT_STEPS[step.kind], params))


def status_json(case) -> dict:
    """Stage, dates, next step, follow-up dates and the outcome's code: no names, no content."""
    step = service.next_step(db.session, case, utcnow())
    return {
        "reference": case.reference,
        "status": case.status,
        "status_label": status_label(case.status),
        "updated_at": to_local_iso(case.updated_at),
        "timeline": [
            {"at": to_local_iso(at), "status": status, "status_label": status_label(status)}
            for at, status in service.public_timeline(case)
        ],
        "next_step": None
        if step is None
        else {
            "kind": step.kind,
            "text": next_step_text(step),
            "on": step.on.isoformat() if step.on else None,
            "at": to_local_iso(step.at),
        },
        "followups": [
            {"on": day.isoformat(), "done": done}
            for day, done in service.followup_dates(db.session, case)
        ],
        "outcome": None
        if case.closing_code is None
        else {"closing_code": case.closing_code, "label": data_label(case.closing)},
    }


@bp.get("/status/<reference>")
@public
@limiter.limit(PER_ADDRESS)
@limiter.shared_limit(
    PER_REFERENCE, scope="status-reference", key_func=reference_key, deduct_when=failed
)
def status(reference: str):
    now = utcnow()
    try:
        case = service.lookup(db.session, now, reference, request.args.get("code", ""))
        body = status_json(case)
    finally:
        db.session.commit()  # the lookup, failed or not, stays in the audit log
    return jsonify(body)
