"""GET /api/v1/status/<reference>?code=: public and rate limited."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.extensions import limiter
from legaldesk.i18n import status_label, to_local_iso
from legaldesk.portal import service
from legaldesk.publicity import public

bp = Blueprint("portal", __name__)

PER_ADDRESS = "30 per minute"


def status_json(case) -> dict:
    return {
        "reference": case.reference,
        "status": case.status,
        "status_label": status_label(case.status),
        "updated_at": to_local_iso(case.updated_at),
        "timeline": [
            {"at": to_local_iso(at), "status": status, "status_label": status_label(status)}
            for at, status in service.public_timeline(case)
        ],
    }


@bp.get("/status/<reference>")
@public
@limiter.limit(PER_ADDRESS)
def status(reference: str):
    now = utcnow()
    try:
        case = service.lookup(db.session, now, reference, request.args.get("code", ""))
        body = status_json(case)
    finally:
        db.session.commit()  # the lookup, failed or not, stays in the audit log
    return jsonify(body)
