"""JSON endpoints: route, claim, decline, the draw record, the directory, conflicts;
handing a case on (assign, send back, hand-back requests) and reopening it."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify

from legaldesk.actor import Actor
from legaldesk.apikit import api_user, json_body, optional_json_body
from legaldesk.auth import rules as permissions
from legaldesk.cases import service as cases
from legaldesk.cases.models import Consultation
from legaldesk.cases.serializers import case_json, lawyer_json
from legaldesk.clock import local_date, utcnow
from legaldesk.db import db
from legaldesk.errors import Forbidden, NotFound, ValidationFailed
from legaldesk.i18n import to_local_iso
from legaldesk.messages import N_, Msg
from legaldesk.routing import claims, directory_service, handon, pool, reopen, rounds, service
from legaldesk.routing.edge import draw_settings
from legaldesk.routing.models import Draw, HandBackRequest, Lawyer
from legaldesk.zone import desk_zone

bp = Blueprint("routing", __name__)


def draw_json(round_: Draw) -> dict[str, Any]:
    drawn = round_.drawn_at is not None
    return {
        "id": round_.id,
        "round": round_.round,
        "kind": round_.kind,
        "reason": round_.reason,
        "group": round_.group,
        "pool": round_.pool or [],
        "pool_hash": round_.pool_hash,
        "commitment": round_.commitment,
        "committed_at": to_local_iso(round_.committed_at),
        # revealed once drawn, or once put aside for good
        "secret": round_.secret if drawn or round_.voided_at else None,
        "contribution": round_.contribution,
        "contribution_source": round_.contribution_source,
        "widened_from": round_.widened_from,
        "voided_at": to_local_iso(round_.voided_at),
        "void_reason": round_.void_reason,
        "chosen": round_.chosen_id,
        "drawn_at": to_local_iso(round_.drawn_at),
        "excluded": round_.excluded or {},
        "warnings": round_.warnings or [],
        "declined_at": to_local_iso(round_.declined_at),
        "decline_reason": round_.decline_reason,
    }


# A contribution sent with the routing itself could be chosen knowing the commitment
# it is mixed with only if that commitment came first: it never comes in one request.
CONTRIBUTION_TOO_EARLY = Msg(
    N_(
        "The contribution comes after the commitment is published: "
        "send it to /api/v1/draws/{id}/contribution."
    )
)


@bp.post("/consultations/<reference>/route")
def route(reference: str):
    """202 and the round's commitment, waiting for its contribution; 200 and the
    lawyer once the case's draw is complete."""
    actor = api_user()
    if optional_json_body().get("contribution") is not None:
        raise ValidationFailed(fields={"contribution": [CONTRIBUTION_TOO_EARLY]})
    case = cases.case_for_change(db.session, actor, reference)
    round_, drawn = service.route(db.session, actor, utcnow(), case, **draw_settings())
    db.session.commit()
    if drawn:
        return jsonify(assignee=lawyer_json(round_.chosen), draw=draw_json(round_))
    return jsonify(draw=draw_json(round_)), 202


@bp.post("/draws/<id:draw_id>/contribution")
def contribute(draw_id: int):
    """Draw a committed round: 200 with the lawyer drawn. When someone in its pool is
    no longer eligible, the round is put aside, a new one committed (409)."""
    actor = api_user()
    body = json_body()
    case, round_ = rounds.round_for_change(db.session, actor, draw_id)
    try:
        rounds.contribute(db.session, actor, utcnow(), case, round_, body, **draw_settings())
    except rounds.PoolChanged:
        db.session.commit()  # the void round and the new commitment stand
        raise
    db.session.commit()
    return jsonify(draw=draw_json(round_), assignee=lawyer_json(round_.chosen), status=case.status)


def claimed(actor: Actor, reference: str) -> Consultation:
    """One claim, committed; a refusal is committed too (its audit entry keeps the
    real reasons), then raised for the surface to answer."""
    try:
        case = claims.claim(db.session, actor, utcnow(), reference, **draw_settings())
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
        db.session, actor, utcnow(), case, optional_json_body().get("reason"), **draw_settings()
    )
    db.session.commit()
    # The next round's commitment, drawn once a contribution comes (None: too few left).
    return jsonify(assignee=None, draw=draw_json(round_) if round_ else None, status=case.status)


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


def hand_back_json(request: HandBackRequest) -> dict[str, Any]:
    return {
        "id": request.id,
        "lawyer": lawyer_json(request.lawyer),
        "asked_at": to_local_iso(request.asked_at),
        "reason": request.reason,
        "state": request.state,
        "answered_at": to_local_iso(request.answered_at),
        "answer": request.answer,
    }


@bp.post("/consultations/<reference>/assign")
def assign(reference: str):
    actor = api_user()
    case = cases.case_for_change(db.session, actor, reference)
    round_ = handon.assign(db.session, actor, utcnow(), case, json_body(), zone=desk_zone())
    db.session.commit()
    return jsonify(assignee=lawyer_json(round_.chosen), draw=draw_json(round_), status=case.status)


@bp.get("/consultations/<reference>/assignable")
def assignable(reference: str):
    """Every lawyer with why they may not be assigned the case (empty: they may)."""
    actor = api_user()
    case = cases.read_case(db.session, actor, utcnow(), reference)
    if not permissions.may_assign(actor):
        raise Forbidden()
    today = local_date(utcnow(), desk_zone())
    body = [
        {
            **(lawyer_json(choice.lawyer) or {}),
            "open_cases": choice.open_cases,
            "capacity": choice.lawyer.capacity,
            "eligible": not choice.refusals,
            "refusals": choice.refusals,
        }
        for choice in pool.assignment_choices(db.session, case, today)
    ]
    db.session.commit()
    return jsonify(body)


@bp.post("/consultations/<reference>/send-back")
def send_back(reference: str):
    actor = api_user()
    case = cases.case_for_change(db.session, actor, reference)
    handon.send_back(db.session, actor, utcnow(), case, json_body())
    db.session.commit()
    return jsonify(status=case.status, assignee=None)


@bp.get("/consultations/<reference>/hand-back")
def hand_backs(reference: str):
    case = cases.read_case(db.session, api_user(), utcnow(), reference)
    body = [hand_back_json(r) for r in handon.hand_backs_of(db.session, case)]
    db.session.commit()
    return jsonify(body)


@bp.post("/consultations/<reference>/hand-back")
def ask_hand_back(reference: str):
    actor = api_user()
    case = cases.case_for_change(db.session, actor, reference)
    request = handon.ask_hand_back(db.session, actor, utcnow(), case, json_body())
    db.session.commit()
    return jsonify(hand_back_json(request)), 201


@bp.post("/consultations/<reference>/hand-back/refuse")
def refuse_hand_back(reference: str):
    actor = api_user()
    case = cases.case_for_change(db.session, actor, reference)
    request = handon.refuse_hand_back(db.session, actor, utcnow(), case, json_body())
    db.session.commit()
    return jsonify(hand_back_json(request))


@bp.post("/consultations/<reference>/reopen")
def reopen_case(reference: str):
    actor = api_user()
    case = cases.case_for_change(db.session, actor, reference)
    reopen.reopen(db.session, actor, utcnow(), case, json_body(), zone=desk_zone())
    db.session.commit()
    return jsonify(case_json(case, detail=True))
