"""JSON endpoints for consultations, transitions and the category lists."""

from __future__ import annotations

from functools import cache

from flask import Blueprint, current_app, jsonify, request, url_for

from legaldesk.apikit import api_user, json_body
from legaldesk.auth.rules import may_see_staff_details
from legaldesk.cases import correction, duplicates, list_rows, listing, service
from legaldesk.cases.codes import display_access_code
from legaldesk.cases.forms import filters_from_args
from legaldesk.cases.labels import channel_label, status_label
from legaldesk.cases.rules import CHANNELS, STATUSES
from legaldesk.cases.serializers import case_json, detail_loads
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import field_error
from legaldesk.i18n import to_local_iso
from legaldesk.list_links import page_fields, read_cursor
from legaldesk.long_reads import Detached, outside_the_write_lock
from legaldesk.messages import N_, Msg
from legaldesk.publicity import for_enterprises
from legaldesk.reads_first import reads_then_writes
from legaldesk.zone import desk_zone

bp = Blueprint("cases", __name__)


@bp.post("/consultations")
@for_enterprises
def create_consultation():
    """201 with a new case; with a repeated Idempotency-Key, 200 with the case it made
    (and a fresh access code, since the first answer may have been lost). Never
    refused as a duplicate: the answer lists the likely ones for the integrator."""
    actor, now = api_user(), utcnow()
    intake = service.record_intake(
        db.session,
        actor,
        now,
        json_body(),
        idempotency_key=request.headers.get("Idempotency-Key"),
    )
    case = intake.case
    alike = duplicates.possible_duplicates(
        db.session,
        actor,
        now,
        case.enterprise_id,
        case.summary,
        current_app.config["DUPLICATE_WINDOW_DAYS"],
        excluding=case.id,
    )
    duplicates.shown(db.session, actor, now, alike)
    possible = [
        {"reference": c.reference, "created_at": to_local_iso(c.created_at), "status": c.status}
        for c in alike
    ]
    db.session.commit()
    body = case_json(case, detail=True, for_enterprise=not may_see_staff_details(actor))
    body.update(
        access_code=display_access_code(intake.access_code),
        status_url=url_for("portal.status_page", reference=case.reference, _external=True),
        possible_duplicates=possible,
    )
    headers = {"Location": url_for(".get_consultation", reference=case.reference)}
    if intake.replayed:
        headers["Idempotent-Replayed"] = "true"
    return jsonify(body), 200 if intake.replayed else 201, headers


@bp.get("/consultations")
@for_enterprises
def list_consultations():
    """A page of the list: ``page`` counted from the first, or where ``cursor`` (a
    ``next_cursor``, ``prev_cursor`` or ``last_cursor`` of an earlier answer) leads;
    ``total`` counts up to 10,000 exactly, beyond that ``total_exact`` is false."""
    filters = filters_from_args(request.args, current_app.config["PER_PAGE"], desk_zone())
    cursor = read_cursor(request.args, listing.order_name(filters))
    actor, now = api_user(), utcnow()
    enterprise, who = not may_see_staff_details(actor), Detached.of(actor)
    # Found outside SQLite's write lock: other requests' writes and audited reads do
    # not queue behind this one's reads; only its audit entry takes the lock.
    with outside_the_write_lock() as reader:
        page = listing.find_page(reader, who, now, filters, cursor, list_rows.load)
    label = cache(status_label)  # this request's language, once per status
    body = [case_json(c, for_enterprise=enterprise, label=label) for c in page.items]
    listing.record_listing(db.session, actor, now, page.items, searched=bool(filters.q))
    db.session.commit()  # the listing is in the audit log
    return jsonify(items=body, **page_fields(page))


@bp.get("/consultations/<reference>")
@for_enterprises
def get_consultation(reference: str):
    """The case, read outside SQLite's write lock; its audit entry is written after."""
    with reads_then_writes(db.session):
        case = service.read_case(db.session, api_user(), utcnow(), reference, detail_loads())
        body = case_json(case, detail=True, for_enterprise=not may_see_staff_details(api_user()))
    return jsonify(body)


@bp.patch("/consultations/<reference>")
def correct_consultation(reference: str):
    """Correct a case's facts: only the fields sent change; 409 once closed or withdrawn,
    and 409 for a new party its lawyer or mediator conflicts with, unless the body says
    ``"accept_conflict": true`` (the answer lists the case's conflicts either way)."""
    actor = api_user()
    body = json_body()
    accept = body.pop("accept_conflict", False) if isinstance(body, dict) else False
    if not isinstance(accept, bool):
        raise field_error("accept_conflict", Msg(N_("This field must be true or false.")))
    case = service.case_for_change(db.session, actor, reference)
    correction.correct_case(db.session, actor, utcnow(), case, body, accept_conflict=accept)
    conflicts = [
        {
            "role": c.role,
            "lawyer": {"id": c.lawyer_id, "name": c.lawyer_name},
            "party": c.party,
            "on_record": c.recorded,
        }
        for c in correction.case_conflicts(db.session, case)
    ]
    db.session.commit()
    return jsonify(case_json(case, detail=True) | {"conflicts": conflicts})


@bp.post("/consultations/<reference>/transitions")
def transition_consultation(reference: str):
    body = json_body()
    if not isinstance(body, dict):
        body = {"to": None}
    actor = api_user()
    case = service.case_for_change(db.session, actor, reference)
    service.transition(
        db.session,
        actor,
        utcnow(),
        case,
        body.get("to"),
        body.get("note"),
        body.get("closing_code"),
        zone=desk_zone(),
        advice=body.get("advice"),
    )
    db.session.commit()
    return jsonify(case_json(case, detail=True))


@bp.get("/statuses")
@for_enterprises
def list_statuses():
    return jsonify([{"code": s, "label": status_label(s)} for s in STATUSES])


@bp.get("/channels")
@for_enterprises
def list_channels():
    return jsonify([{"code": c, "label": channel_label(c)} for c in CHANNELS])
