"""The public status lookup of the API: public, rate limited, guesses counted first.

``GET /api/v1/status/<reference>?code=`` is the contract; ``POST`` with ``{"code"}``
or an ``X-Access-Code`` header (on either method) keeps the code out of URLs and
access logs.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from legaldesk.cases.labels import status_label
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.extensions import limiter
from legaldesk.i18n import data_label, to_local_iso
from legaldesk.portal import service
from legaldesk.portal.guard import PER_ADDRESS, checked_lookup
from legaldesk.portal.labels import next_step_text
from legaldesk.publicity import public
from legaldesk.zone import desk_zone

bp = Blueprint("portal", __name__)


def status_json(case) -> dict:
    """Stage, dates, next step, follow-up dates and the outcome's code: no names, no content."""
    step = service.next_step(db.session, case, utcnow())
    advice_on = service.advice_given_on(case, desk_zone())  # the day only, never the advice
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
            for day, done in service.followup_dates(db.session, case, desk_zone())
        ],
        "advice_given_on": None if advice_on is None else advice_on.isoformat(),
        "outcome": None
        if case.closing_code is None
        else {"closing_code": case.closing_code, "label": data_label(case.closing)},
    }


def _given_code() -> object:
    if "X-Access-Code" in request.headers:
        return request.headers["X-Access-Code"]
    if request.method == "POST":
        body = request.get_json(silent=True)
        return body.get("code") if isinstance(body, dict) else None
    return request.args.get("code", "")


@bp.route("/status/<reference>", methods=["GET", "POST"])
@public
@limiter.limit(PER_ADDRESS)
def status(reference: str):
    return jsonify(checked_lookup(reference, _given_code(), status_json))
