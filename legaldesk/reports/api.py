"""GET /api/v1/reports/summary?from=&to=: the figures of a period."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from legaldesk.apikit import api_user
from legaldesk.reports import reading, rules
from legaldesk.zone import desk_today, desk_zone

bp = Blueprint("reports", __name__)


@bp.get("/reports/summary")
def summary():
    start, end = rules.period(request.args.get("from"), request.args.get("to"), desk_today())
    figures, _ = reading.figures(api_user(), start, end, desk_zone())
    return jsonify(figures)
