"""/api/v1/categories and /api/v1/closing-codes: the lists with their labels (every
entry, retired ones marked ``active: false``, since old cases still name them), and
for the managers adding and changing entries."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, request

from legaldesk.apikit import api_user, json_body
from legaldesk.cases import reference
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.i18n import data_label
from legaldesk.publicity import for_enterprises

bp = Blueprint("reference", __name__)
LISTS = ("categories", "closing-codes")


def route(method: str, tail: str = ""):
    """The view for each list: /categories… and /closing-codes… (``slug`` names it)."""

    def register(view):
        for slug in LISTS:
            bp.add_url_rule(
                f"/{slug}{tail}",
                f"{view.__name__}_{slug}",
                view,
                methods=[method],
                defaults={"slug": slug},
            )
        return view

    return register


def entry_json(row: Any) -> dict[str, Any]:
    answer = {
        "code": row.code,
        "label": data_label(row),
        "label_zh": row.label_zh,
        "label_en": row.label_en,
        "active": row.active,
        "position": row.position,
    }
    if hasattr(row, "foreign"):
        answer["foreign"] = row.foreign
    return answer


@route("GET")
@for_enterprises
def list_entries(slug: str):
    """Every entry in the center's order; ``?active=true`` only those offered now."""
    active_only = request.args.get("active") == "true"
    return jsonify([entry_json(r) for r in reference.entries(db.session, slug, active_only)])


@route("POST")
def add_entry(slug: str):
    row = reference.add(db.session, api_user(), utcnow(), slug, json_body())
    db.session.commit()
    return jsonify(entry_json(row)), 201


@route("PATCH", "/<code>")
def change_entry(slug: str, code: str):
    actor, now = api_user(), utcnow()
    body = json_body()
    row = reference.entry(db.session, slug, code)
    reference.update(db.session, actor, now, slug, row, body)
    db.session.commit()
    return jsonify(entry_json(row))
