"""The /api/v1 parent: nests the feature APIs, authenticates every request by its
bearer token (auth.api.authenticate) and serves the OpenAPI document, assembled from
each child's part.

An edge module: it imports the features' ``api.py`` and ``apidoc.py``, and none of
them imports it (what they share lives in the kernel: ``apikit``, ``openapi``).
To add an API wing, add its blueprint and its ``DOC`` to ``CHILDREN``.
"""

from __future__ import annotations

from flask import Blueprint, Flask, jsonify, request

from legaldesk.admin import apidoc as admin_doc
from legaldesk.admin.api import bp as admin_api
from legaldesk.auth import apidoc as auth_doc
from legaldesk.auth.api import authenticate
from legaldesk.auth.api import bp as users_api
from legaldesk.cases import apidoc as cases_doc
from legaldesk.cases import reference_apidoc
from legaldesk.cases.api import bp as cases_api
from legaldesk.cases.reference_api import bp as reference_api
from legaldesk.documents import apidoc as documents_doc
from legaldesk.documents.api import bp as documents_api
from legaldesk.extensions import csrf
from legaldesk.followups import apidoc as followups_doc
from legaldesk.followups.api import bp as followups_api
from legaldesk.notes import apidoc as notes_doc
from legaldesk.notes.api import bp as notes_api
from legaldesk.openapi import ApiDoc, document
from legaldesk.portal import apidoc as portal_doc
from legaldesk.portal.api import bp as portal_api
from legaldesk.publicity import public
from legaldesk.reports import apidoc as reports_doc
from legaldesk.reports.api import bp as reports_api
from legaldesk.rooms import apidoc as rooms_doc
from legaldesk.rooms.api import bp as rooms_api
from legaldesk.routing import apidoc as routing_doc
from legaldesk.routing.api import bp as routing_api

bp = Blueprint("api", __name__, url_prefix="/api/v1")
bp.before_request(authenticate)

# Each child blueprint with its part of the OpenAPI document.
CHILDREN: tuple[tuple[Blueprint, ApiDoc], ...] = (
    (cases_api, cases_doc.DOC),
    (followups_api, followups_doc.DOC),
    (notes_api, notes_doc.DOC),
    (rooms_api, rooms_doc.DOC),
    (portal_api, portal_doc.DOC),
    (reports_api, reports_doc.DOC),
    (routing_api, routing_doc.DOC),
    (users_api, auth_doc.DOC),
    (documents_api, documents_doc.DOC),
    (admin_api, admin_doc.DOC),
    (reference_api, reference_apidoc.DOC),
)

# Blueprints are global: nest the children once per process, at import.
for _child, _ in CHILDREN:
    bp.register_blueprint(_child)


@bp.get("/openapi.json")
@public
def openapi_document():
    url = request.host_url.rstrip("/") + bp.url_prefix
    return jsonify(document(url, [doc for _, doc in CHILDREN]))


def register(app: Flask) -> None:
    """Mount /api/v1 with every feature API (token auth, no CSRF: cookies are read only
    by GETs marked ``browser_readable``, which change nothing)."""
    for child, _ in CHILDREN:
        csrf.exempt(child)
    csrf.exempt(bp)
    app.register_blueprint(bp)
