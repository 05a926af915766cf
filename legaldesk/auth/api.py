"""POST /api/v1/users/{id}/logout: an admin logs a user out on every device."""

from __future__ import annotations

from flask import Blueprint, jsonify

from legaldesk.api import api_user
from legaldesk.auth import sessions
from legaldesk.clock import utcnow
from legaldesk.db import db

bp = Blueprint("users", __name__)


@bp.post("/users/<id:user_id>/logout")
def logout_everywhere(user_id: int):
    """Ends the user's browser sessions (a stolen cookie too); API tokens stay valid."""
    ended = sessions.end_all_of_id(db.session, api_user(), utcnow(), user_id)
    db.session.commit()
    return jsonify({"user_id": user_id, "ended": ended})
