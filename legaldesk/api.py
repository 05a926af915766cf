"""The /api/v1 parent: bearer-token auth, JSON bodies, the OpenAPI document."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, g, jsonify, request

from legaldesk.auth.service import user_for_token
from legaldesk.db import db
from legaldesk.errors import DeskError, Malformed, NotFound
from legaldesk.inputs import load_json
from legaldesk.messages import N_, Msg
from legaldesk.publicity import enterprise_may_use, is_public, public

bp = Blueprint("api", __name__, url_prefix="/api/v1")


class Unauthorized(DeskError):
    status = 401
    code = "unauthorized"
    default_message = Msg(N_("Log in or give a valid API token."))


@bp.before_request
def authenticate_token() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    if is_public(view):
        return
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    user = user_for_token(db.session, token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise Unauthorized()
    if user.role == "enterprise" and not enterprise_may_use(view):
        raise NotFound()  # staff endpoints do not exist for enterprise accounts
    g.api_user = user


def api_user() -> Any:
    return g.api_user


def json_body() -> Any:
    """The parsed JSON body; 400 when it is missing, not JSON, nested too deep or
    holding control characters (legaldesk.inputs has refused those already)."""
    data = load_json(request)
    if data is None:
        raise Malformed()
    return data


def optional_json_body() -> dict[str, Any]:
    """A JSON object when a body was sent (400 when it is not JSON), else {}."""
    if not request.get_data():
        return {}
    body = json_body()
    return body if isinstance(body, dict) else {}


@bp.get("/openapi.json")
@public
def openapi_document():
    from legaldesk.openapi import document

    return jsonify(document(request.host_url.rstrip("/") + bp.url_prefix))


_children_attached = False


def _attach_children() -> None:
    """Nest the feature APIs under the parent, once per process (blueprints are global)."""
    global _children_attached
    if _children_attached:
        return
    from legaldesk.auth.api import bp as users_api
    from legaldesk.cases.api import bp as cases_api
    from legaldesk.extensions import csrf
    from legaldesk.followups.api import bp as followups_api
    from legaldesk.portal.api import bp as portal_api
    from legaldesk.reports.api import bp as reports_api
    from legaldesk.rooms.api import bp as rooms_api
    from legaldesk.routing.api import bp as routing_api

    children = (
        cases_api,
        followups_api,
        rooms_api,
        portal_api,
        reports_api,
        routing_api,
        users_api,
    )
    for child in children:
        bp.register_blueprint(child)
        csrf.exempt(child)
    csrf.exempt(bp)
    _children_attached = True


def register(app) -> None:
    """Mount /api/v1 with every feature API (token auth, no CSRF: no cookies are used)."""
    _attach_children()
    app.register_blueprint(bp)
