"""GET /api/v1/reports/summary?from=&to=: the figures of a period."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, jsonify, request

from legaldesk.api import api_user
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.reports import rules, service

bp = Blueprint("reports", __name__)


@bp.get("/reports/summary")
def summary():
    zone = ZoneInfo(current_app.config["TIMEZONE"])
    start, end = rules.period(
        request.args.get("from"), request.args.get("to"), utcnow().astimezone(zone).date()
    )
    return jsonify(service.summary(db.session, api_user(), start, end, zone))
