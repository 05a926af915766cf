"""The /api/v1 parent: nests the feature APIs, authenticates every request by its
bearer token (auth.api.authenticate) and serves the OpenAPI document.

An edge module: it imports the features' ``api.py``, and none of them imports it
(what they share lives in the kernel, ``legaldesk.apikit``).
"""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify, request

from legaldesk.auth.api import authenticate
from legaldesk.auth.api import bp as users_api
from legaldesk.cases.api import bp as cases_api
from legaldesk.extensions import csrf
from legaldesk.followups.api import bp as followups_api
from legaldesk.mediation.api import bp as mediation_api
from legaldesk.openapi import document
from legaldesk.portal.api import bp as portal_api
from legaldesk.publicity import public
from legaldesk.reports.api import bp as reports_api
from legaldesk.routing.api import bp as routing_api

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.before_request(authenticate)

CHILDREN = (
    cases_api,
    followups_api,
    mediation_api,
    portal_api,
    reports_api,
    routing_api,
    users_api,
)

# Blueprints are global: nest the children once per process, at import.
for _child in CHILDREN:
    bp.register_blueprint(_child)


@bp.get("/openapi.json")
@public
def openapi_document():
    return jsonify(document(request.host_url.rstrip("/") + bp.url_prefix))


def register(app: Flask) -> None:
    """Mount /api/v1 with every feature API (token auth, no CSRF: no cookies are used)."""
    for child in CHILDREN:
        csrf.exempt(child)
    csrf.exempt(bp)
    app.register_blueprint(bp)
