"""GET /api/v1/reports/summary?from=&to=: the figures of a period."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from legaldesk.apikit import api_user
from legaldesk.db import db
from legaldesk.reports import rules, service
from legaldesk.zone import desk_today, desk_zone

bp = Blueprint("reports", __name__)


@bp.get("/reports/summary")
def summary():
    start, end = rules.period(request.args.get("from"), request.args.get("to"), desk_today())
    return jsonify(service.summary(db.session, api_user(), start, end, desk_zone()))
