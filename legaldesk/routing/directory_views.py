"""/directory: coordinators keep the panel, the partner firms and conflicts current."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.auth.rules import may_keep_directory
from legaldesk.cases import service as cases
from legaldesk.clock import utcnow
from legaldesk.countries import country_codes
from legaldesk.db import db
from legaldesk.errors import ValidationFailed
from legaldesk.i18n import data_label, language_name
from legaldesk.messages import render
from legaldesk.routing import directory_service, pool, service
from legaldesk.routing.directory import jurisdiction_codes
from legaldesk.routing.labels import jurisdiction_choices, jurisdiction_name
from legaldesk.routing.models import ConflictOfInterest, Firm, Lawyer
from legaldesk.validation import whole_from_form

bp = Blueprint("directory", __name__, url_prefix="/directory")


@bp.before_request
def managers_only():
    if current_user.is_authenticated and not may_keep_directory(current_user):
        abort(403)


def _or_404(model, row_id):
    row = db.session.get(model, row_id)
    if row is None:
        abort(404)
    return row


@bp.get("")
def index():
    lawyers = service.all_lawyers(db.session)
    firms = db.session.scalars(sa.select(Firm).order_by(Firm.id)).all()
    categories = cases.categories_by_code(db.session)
    return render_template(
        "routing/directory.html",
        lawyers=lawyers,
        firms=firms,
        open_cases=pool.open_case_counts(db.session),
        specialties={  # by name
            lawyer.id: [data_label(categories.get(c)) or c for c in lawyer.specialties or []]
            for lawyer in lawyers
        },
        jurisdictions={
            lawyer.id: [jurisdiction_name(c) for c in lawyer.jurisdictions or []]
            for lawyer in lawyers
        },
        languages={
            lawyer.id: [language_name(c) for c in lawyer.languages or []] for lawyer in lawyers
        },
    )


def _offered_categories(lawyer: Lawyer | None) -> list[Any]:
    """Categories in use, and any retired one the lawyer already has (kept, not lost
    on the next save)."""
    offered = cases.active_categories(db.session)
    kept = set(lawyer.specialties or []) if lawyer is not None else set()
    retired = [c for c in cases.categories_by_code(db.session).values() if not c.active]
    return offered + [c for c in retired if c.code in kept]


def _lawyer_form(lawyer: Lawyer | None, errors: dict | None = None, values: dict | None = None):
    conflicts: Sequence[ConflictOfInterest] = []
    if lawyer is not None and lawyer.id:
        conflicts = db.session.scalars(
            sa.select(ConflictOfInterest)
            .where(ConflictOfInterest.lawyer_id == lawyer.id)
            .order_by(ConflictOfInterest.id)
        ).all()
    return render_template(
        "routing/lawyer_form.html",
        lawyer=lawyer,
        errors=errors or {},
        values=values,
        firms=db.session.scalars(sa.select(Firm).order_by(Firm.id)).all(),
        categories=_offered_categories(lawyer),
        jurisdictions=jurisdiction_choices(),
        picked=(
            jurisdiction_codes(values.get("jurisdictions"))
            if values is not None
            else (lawyer.jurisdictions or [] if lawyer is not None else [])
        ),
        conflicts=conflicts,
    ), (422 if errors else 200)


def _save(lawyer: Lawyer | None):
    raw: dict[str, Any] = request.form.to_dict()
    raw["specialties"] = request.form.getlist("specialties")
    raw["jurisdictions"] = request.form.getlist("jurisdictions")
    try:
        saved = directory_service.save_lawyer(
            db.session,
            current_user,
            utcnow(),
            lawyer,
            raw,
            set(country_codes()),
            {c.code for c in _offered_categories(lawyer)},
        )
    except ValidationFailed as error:
        db.session.rollback()
        fields = {k: [render(m) for m in v] for k, v in error.fields.items()}
        return _lawyer_form(lawyer, fields, raw)
    db.session.commit()
    flash(_("Saved."), "success")
    return redirect(url_for(".edit_lawyer", lawyer_id=saved.id))


@bp.route("/lawyers/new", methods=["GET", "POST"])
def new_lawyer():
    return _save(None) if request.method == "POST" else _lawyer_form(None)


@bp.route("/lawyers/<id:lawyer_id>", methods=["GET", "POST"])
def edit_lawyer(lawyer_id: int):
    lawyer = _or_404(Lawyer, lawyer_id)
    return _save(lawyer) if request.method == "POST" else _lawyer_form(lawyer)


@bp.post("/firms")
def add_firm():
    directory_service.add_firm(
        db.session, current_user, utcnow(), request.form.get("name"), request.form.get("name_en")
    )
    db.session.commit()
    flash(_("Saved."), "success")
    return redirect(url_for(".index"))


@bp.get("/firms/<id:firm_id>")
def firm(firm_id: int):
    firm = _or_404(Firm, firm_id)
    conflicts = db.session.scalars(
        sa.select(ConflictOfInterest)
        .where(ConflictOfInterest.firm_id == firm.id)
        .order_by(ConflictOfInterest.id)
    ).all()
    return render_template("routing/firm.html", firm=firm, conflicts=conflicts)


@bp.post("/conflicts")
def add_conflict():
    lawyer = firm = None
    lawyer_id = whole_from_form(request.form.get("lawyer_id"))
    firm_id = whole_from_form(request.form.get("firm_id"))
    if lawyer_id is not None:
        lawyer = _or_404(Lawyer, lawyer_id)
    elif firm_id is not None:
        firm = _or_404(Firm, firm_id)
    else:
        abort(400)
    directory_service.add_conflict(
        db.session,
        current_user,
        utcnow(),
        request.form.get("party"),
        request.form.get("kind", "declared"),
        lawyer=lawyer,
        firm=firm,
    )
    db.session.commit()
    flash(_("Saved."), "success")
    return redirect(request.referrer or url_for(".index"))


@bp.post("/conflicts/<id:conflict_id>/delete")
def remove_conflict(conflict_id: int):
    conflict = _or_404(ConflictOfInterest, conflict_id)
    directory_service.remove_conflict(db.session, current_user, utcnow(), conflict)
    db.session.commit()
    flash(_("Removed."), "success")
    return redirect(request.referrer or url_for(".index"))
