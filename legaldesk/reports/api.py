"""GET /api/v1/reports/summary?from=&to=: the figures of a period, for a bearer token or
a logged-in coordinator's or admin's browser."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from legaldesk.apikit import api_user
from legaldesk.clock import utcnow
from legaldesk.publicity import browser_readable
from legaldesk.reports import reading, rules
from legaldesk.zone import desk_today, desk_zone

bp = Blueprint("reports", __name__)


@bp.get("/reports/summary")
@browser_readable  # a coordinator's browser on /reports may ask too (issue 13, "Why")
def summary():
    start, end = rules.period(request.args.get("from"), request.args.get("to"), desk_today())
    figures, _ = reading.figures(api_user(), utcnow(), start, end, desk_zone())
    return jsonify(figures)
