"""JSON endpoints for consultations, transitions and the category lists."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from flask import Blueprint, current_app, jsonify, request, url_for

from legaldesk.apikit import api_user, json_body
from legaldesk.cases import listing, service
from legaldesk.cases.codes import display_access_code
from legaldesk.cases.models import Consultation
from legaldesk.cases.rules import STATUSES
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import FieldErrors
from legaldesk.i18n import channel_label, data_label, status_label, to_local_iso
from legaldesk.messages import N_, Msg
from legaldesk.publicity import for_enterprises
from legaldesk.zone import desk_zone

bp = Blueprint("cases", __name__)

EARLIEST_DAY = date(1900, 1, 1)
LATEST_DAY = date(9998, 12, 31)


def lawyer_json(lawyer: Any) -> dict[str, Any] | None:
    if lawyer is None:
        return None
    return {
        "id": lawyer.id,
        "name": lawyer.name,
        "kind": lawyer.kind,
        "firm": lawyer.firm.name if lawyer.firm else None,
    }


def case_json(
    case: Consultation, detail: bool = False, for_enterprise: bool = False
) -> dict[str, Any]:
    """The case as the API shows it; an enterprise account sees its own case without
    staff names or internal notes."""
    body: dict[str, Any] = {
        "reference": case.reference,
        "status": case.status,
        "status_label": status_label(case.status),
        "foreign_related": case.foreign_related,
        "channel": case.channel,
        "category": case.category_code,
        "category_label": data_label(case.category),
        "urgency": case.urgency,
        "countries": case.country_codes,
        "summary": case.summary,
        "enterprise": {"name": case.enterprise.name, "uscc": case.enterprise.uscc},
        "assignee": lawyer_json(case.assignee),
        "created_at": to_local_iso(case.created_at),
        "updated_at": to_local_iso(case.updated_at),
    }
    if detail:
        body.update(
            description=case.description,
            counterparties=[c.name for c in case.counterparties],
            contact={
                "name": case.contact.name,
                "phone": case.contact.phone,
                "email": case.contact.email,
                "language": case.contact.locale,
            },
            closing_code=case.closing_code,
            timeline=[
                {
                    "at": to_local_iso(t.at),
                    "from": t.from_status,
                    "status": t.to_status,
                    "status_label": status_label(t.to_status),
                    "note": t.note,
                    "by": t.actor.name if t.actor else None,
                }
                for t in case.timeline
            ],
        )
    if for_enterprise:
        body["assignee"] = None
        for entry in body.get("timeline", []):
            entry["note"], entry["by"] = "", None
    return body


@bp.post("/consultations")
@for_enterprises
def create_consultation():
    """201 with a new case; with a repeated Idempotency-Key, 200 with the case it made
    (and a fresh access code, since the first answer may have been lost)."""
    intake = service.record_intake(
        db.session,
        api_user(),
        utcnow(),
        json_body(),
        hash_method=current_app.config["ACCESS_CODE_HASH_METHOD"],
        idempotency_key=request.headers.get("Idempotency-Key"),
    )
    db.session.commit()
    case = intake.case
    body = case_json(case, detail=True, for_enterprise=api_user().role == "enterprise")
    body.update(
        access_code=display_access_code(intake.access_code),
        status_url=url_for("portal.status_page", reference=case.reference, _external=True),
    )
    headers = {"Location": url_for(".get_consultation", reference=case.reference)}
    if intake.replayed:
        headers["Idempotent-Replayed"] = "true"
    return jsonify(body), 200 if intake.replayed else 201, headers


def _int_arg(errors: FieldErrors, name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        errors.add(name, Msg(N_("Enter a whole number.")))
        return default
    if not low <= value <= high:
        errors.add(
            name, Msg(N_("Enter a number from %(low)d to %(high)d."), {"low": low, "high": high})
        )
    return value


def _date_arg(errors: FieldErrors, name: str, day_after: bool) -> datetime | None:
    """A local date as the start (or the end, exclusive) of that day in UTC."""
    raw = request.args.get(name)
    if not raw:
        return None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        errors.add(name, Msg(N_("Enter a date as YYYY-MM-DD.")))
        return None
    if not EARLIEST_DAY <= day <= LATEST_DAY:  # beyond these, time-zone arithmetic overflows
        errors.add(
            name,
            Msg(
                N_("Enter a date between %(low)s and %(high)s."),
                {"low": EARLIEST_DAY.isoformat(), "high": LATEST_DAY.isoformat()},
            ),
        )
        return None
    if day_after:
        day += timedelta(days=1)
    return datetime.combine(day, time(), desk_zone())


def filters_from_args() -> listing.CaseFilters:
    """Shared by the case list page and GET /consultations."""
    errors = FieldErrors()
    status = request.args.get("status") or None
    if status and status not in STATUSES and status != "open":
        errors.add("status", Msg(N_("Unknown status.")))
    q = (request.args.get("q") or "").strip()
    if len(q) > 200:
        errors.add("q", Msg(N_("At most %(max)d characters."), {"max": 200}))
    filters = listing.CaseFilters(
        status=status,
        category=request.args.get("category") or None,
        channel=request.args.get("channel") or None,
        country=request.args.get("country") or None,
        date_from=_date_arg(errors, "from", day_after=False),
        date_to=_date_arg(errors, "to", day_after=True),
        q=q or None,
        page=_int_arg(errors, "page", 1, 1, 1_000_000),
        per_page=_int_arg(errors, "per_page", current_app.config["PER_PAGE"], 1, 100),
    )
    errors.raise_if_any()
    return filters


@bp.get("/consultations")
@for_enterprises
def list_consultations():
    filters = filters_from_args()
    items, total = listing.list_cases(db.session, api_user(), utcnow(), filters)
    enterprise = api_user().role == "enterprise"
    # Serialised before the commit, which expires the rows (each would reload alone).
    body = [case_json(c, for_enterprise=enterprise) for c in items]
    db.session.commit()  # the listing is in the audit log
    return jsonify(items=body, page=filters.page, per_page=filters.per_page, total=total)


@bp.get("/consultations/<reference>")
@for_enterprises
def get_consultation(reference: str):
    case = service.read_case(db.session, api_user(), utcnow(), reference)
    body = case_json(case, detail=True, for_enterprise=api_user().role == "enterprise")
    db.session.commit()  # the read is in the audit log
    return jsonify(body)


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
    )
    db.session.commit()
    return jsonify(case_json(case, detail=True))


@bp.get("/categories")
@for_enterprises
def list_categories():
    return jsonify(
        [
            {
                "code": c.code,
                "label": data_label(c),
                "label_zh": c.label_zh,
                "label_en": c.label_en,
                "foreign": c.foreign,
            }
            for c in service.active_categories(db.session)
        ]
    )


@bp.get("/closing-codes")
@for_enterprises
def list_closing_codes():
    return jsonify(
        [
            {"code": c.code, "label": data_label(c), "label_zh": c.label_zh, "label_en": c.label_en}
            for c in service.closing_codes(db.session)
        ]
    )


@bp.get("/statuses")
@for_enterprises
def list_statuses():
    return jsonify([{"code": s, "label": status_label(s)} for s in STATUSES])


@bp.get("/channels")
@for_enterprises
def list_channels():
    from legaldesk.cases.rules import CHANNELS

    return jsonify([{"code": c, "label": channel_label(c)} for c in CHANNELS])
