"""Bearer-token authentication of /api/v1, and POST /api/v1/users/{id}/logout (an
admin logs a user out on every device)."""

from __future__ import annotations

from flask import Blueprint, current_app, g, jsonify, request
from flask_login import current_user

from legaldesk.apikit import api_user
from legaldesk.auth import sessions
from legaldesk.auth.rules import is_enterprise_account
from legaldesk.auth.service import user_for_token
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import NotFound, Unauthorized
from legaldesk.publicity import accepts_browser_session, enterprise_may_use, is_public
from legaldesk.reads_first import end_without_expiring

bp = Blueprint("users", __name__)


def authenticate() -> None:
    """Before every /api/v1 request: the bearer token's account becomes ``api_user()``;
    public endpoints need none; a GET marked ``browser_readable`` takes the logged-in
    browser's account when no token is sent. Enterprise accounts see only their own
    endpoints."""
    view = current_app.view_functions.get(request.endpoint or "")
    if is_public(view):
        return
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    user = None
    if scheme.lower() == "bearer":
        user = user_for_token(db.session, token.strip(), utcnow())
        if db.session.dirty:
            # The token's last use, before the view runs; the account stays loaded
            # (expired, it would be read again at its first use).
            end_without_expiring(db.session)
    elif not header and request.method == "GET" and accepts_browser_session(view):
        user = current_user._get_current_object() if current_user.is_authenticated else None
    if user is None:
        raise Unauthorized()
    if is_enterprise_account(user) and not enterprise_may_use(view):
        raise NotFound()  # staff endpoints do not exist for enterprise accounts
    g.api_user = user


@bp.post("/users/<id:user_id>/logout")
def logout_everywhere(user_id: int):
    """Ends the user's browser sessions (a stolen cookie too); API tokens stay valid."""
    ended = sessions.end_all_of_id(db.session, api_user(), utcnow(), user_id)
    db.session.commit()
    return jsonify({"user_id": user_id, "ended": ended})
