"""JSON endpoints: route, claim, decline, the draw record, the directory, conflicts."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from legaldesk.actor import Actor
from legaldesk.apikit import api_user, optional_json_body
from legaldesk.cases import service as cases
from legaldesk.cases.models import Consultation
from legaldesk.cases.serializers import case_json, lawyer_json
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import NotFound
from legaldesk.i18n import to_local_iso
from legaldesk.routing import claims, directory_service, pool, service
from legaldesk.routing.models import Draw, Lawyer
from legaldesk.zone import desk_zone

bp = Blueprint("routing", __name__)


def draw_json(round_: Draw) -> dict[str, Any]:
    drawn = round_.drawn_at is not None
    return {
        "id": round_.id,
        "round": round_.round,
        "reason": round_.reason,
        "group": round_.group,
        "pool": round_.pool or [],
        "pool_hash": round_.pool_hash,
        "commitment": round_.commitment,
        "committed_at": to_local_iso(round_.committed_at),
        "secret": round_.secret if drawn else None,  # revealed once drawn
        "contribution": round_.contribution,
        "chosen": round_.chosen_id,
        "drawn_at": to_local_iso(round_.drawn_at),
        "excluded": round_.excluded or {},
        "warnings": round_.warnings or [],
        "declined_at": to_local_iso(round_.declined_at),
        "decline_reason": round_.decline_reason,
    }


@bp.post("/consultations/<reference>/route")
def route(reference: str):
    actor = api_user()
    case = cases.case_for_change(db.session, actor, reference)
    round_ = service.route(
        db.session,
        actor,
        utcnow(),
        case,
        optional_json_body().get("contribution"),
        zone=desk_zone(),
    )
    db.session.commit()
    return jsonify(assignee=lawyer_json(round_.chosen), draw=draw_json(round_))


def claimed(actor: Actor, reference: str) -> Consultation:
    """One claim, committed; a refusal is committed too (its audit entry keeps the
    real reasons), then raised for the surface to answer."""
    try:
        case = claims.claim(db.session, actor, utcnow(), reference, zone=desk_zone())
    except claims.Refusal:
        db.session.commit()
        raise
    db.session.commit()
    return case


@bp.post("/consultations/<reference>/claim")
def claim(reference: str):
    return jsonify(case_json(claimed(api_user(), reference), detail=True))


@bp.post("/consultations/<reference>/decline")
def decline(reference: str):
    actor = api_user()
    case = cases.case_for_change(db.session, actor, reference)
    round_ = service.decline(
        db.session, actor, utcnow(), case, optional_json_body().get("reason"), zone=desk_zone()
    )
    db.session.commit()
    return jsonify(
        assignee=lawyer_json(round_.chosen) if round_ else None,
        draw=draw_json(round_) if round_ else None,
        status=case.status,
    )


@bp.get("/consultations/<reference>/draws")
def draws(reference: str):
    case = cases.read_case(db.session, api_user(), utcnow(), reference)
    body = [draw_json(r) for r in service.draws_of(db.session, case)]
    db.session.commit()
    return jsonify(body)


@bp.get("/lawyers")
def lawyers():
    counts = pool.open_case_counts(db.session)
    rows = service.all_lawyers(db.session)
    return jsonify(
        [
            {
                **lawyer_json(lawyer),
                "jurisdictions": lawyer.jurisdictions,
                "specialties": lawyer.specialties,
                "languages": lawyer.languages,
                "capacity": lawyer.capacity,
                "open_cases": counts.get(lawyer.id, 0),
                "on_duty": lawyer.on_duty,
                "active": lawyer.active,
            }
            for lawyer in rows
        ]
    )


@bp.post("/lawyers/<id:lawyer_id>/conflicts")
def add_conflict(lawyer_id: int):
    lawyer = db.session.get(Lawyer, lawyer_id)
    if lawyer is None:
        raise NotFound()
    body = optional_json_body()
    conflict = directory_service.add_conflict(
        db.session,
        api_user(),
        utcnow(),
        body.get("party"),
        body.get("kind", "declared"),
        lawyer=lawyer,
    )
    db.session.commit()
    return jsonify(
        id=conflict.id, lawyer_id=lawyer.id, party=conflict.party, kind=conflict.kind
    ), 201
