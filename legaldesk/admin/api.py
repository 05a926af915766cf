"""GET/POST /api/v1/users and PATCH /api/v1/users/{id}: the admin pages' account
changes for an admin's token (everyone else 403).

POST answers the account, not its one-time link: the link is mailed to the new user
(``password_link_mailed`` says whether the mail went out), so a script's logs never
hold a way into someone's account. When the mail fails, an admin makes a new link on
the account's page, where it is shown once to hand over."""

from __future__ import annotations

from flask import Blueprint, jsonify, request, url_for

from legaldesk.admin import handover, resets, rules, service
from legaldesk.apikit import api_user, json_body
from legaldesk.auth.models import User
from legaldesk.auth.rules import may_administer_users
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import Forbidden
from legaldesk.i18n import to_local_iso

bp = Blueprint("admin_users", __name__)


def user_json(user: User) -> dict:
    return {
        "id": user.id,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "active": user.active,
        "lawyer": {"id": user.lawyer.id, "name": user.lawyer.name} if user.lawyer else None,
        "enterprise": {"uscc": user.enterprise.uscc, "name": user.enterprise.name}
        if user.enterprise
        else None,
        "has_password": user.password_hash is not None,
        "created_at": to_local_iso(user.created_at),
    }


def _admin():
    actor = api_user()
    if not may_administer_users(actor):
        raise Forbidden()
    return actor


@bp.get("/users")
def list_users():
    actor = _admin()
    filters = rules.parse_list_args(request.args)
    users, total, _ = service.list_users(db.session, actor, filters)
    return jsonify(
        items=[user_json(u) for u in users],
        page=filters.page,
        per_page=filters.per_page,
        total=total,
    )


@bp.post("/users")
def create_user():
    actor = _admin()
    fields = rules.parse_account(json_body(), creating=True)
    now = utcnow()
    user = service.create_user(
        db.session,
        actor,
        now,
        fields["email"],
        fields["name"],
        fields["role"],
        None,
        fields.get("lawyer_id"),
        fields.get("enterprise_uscc"),
    )
    token = resets.issue_link(db.session, actor, now, user)
    body = user_json(user)
    db.session.commit()
    body["password_link_mailed"] = handover.mail_link(user, token, now, True)
    return jsonify(body), 201, {"Location": url_for(".get_user", user_id=user.id)}


@bp.get("/users/<id:user_id>")
def get_user(user_id: int):
    user = service.user_for_admin(db.session, _admin(), user_id)
    return jsonify(user_json(user))


@bp.patch("/users/<id:user_id>")
def change_user(user_id: int):
    actor = _admin()
    user = service.user_for_admin(db.session, actor, user_id)
    fields = rules.parse_account(json_body(), creating=False)
    service.change_user(db.session, actor, utcnow(), user, fields)
    body = user_json(user)
    db.session.commit()
    return jsonify(body)
