"""`/`: intake staff see a new-intake button and the open cases, lawyers their cases,
coordinators and admins the dashboard of what waits and what is late (dashboard.py)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, jsonify, redirect, render_template, url_for
from flask_login import current_user

from legaldesk.auth.rules import is_enterprise_account, may_see_dashboard, sees_all_cases
from legaldesk.cases import listing
from legaldesk.cases.models import Consultation
from legaldesk.cases.rules import OPEN_STATUSES
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.desk.dashboard import dashboard
from legaldesk.paging import capped_counts
from legaldesk.publicity import for_enterprises, public
from legaldesk.routing.edge import acceptance_hours
from legaldesk.zone import desk_zone

bp = Blueprint("desk", __name__)


@bp.get("/")
@for_enterprises
def home():
    if is_enterprise_account(current_user):
        return redirect(url_for("account.my_cases"))
    if may_see_dashboard(current_user):
        return coordinator_home()
    found = listing.list_page(
        db.session, current_user, utcnow(), listing.CaseFilters(status="open", per_page=10)
    )
    counts = {}
    if sees_all_cases(current_user):  # each status counted up to the cap ("10,000+")
        counts = capped_counts(
            db.session,
            {s: sa.select(Consultation.id).where(Consultation.status == s) for s in OPEN_STATUSES},
        )
    page = render_template(
        "desk/home.html",
        recent=found.items,
        open_total=found.total,
        open_exact=found.total_exact,
        counts=counts,
        open_statuses=OPEN_STATUSES,
    )
    db.session.commit()  # the listing is in the audit log
    return page


def coordinator_home():
    """Coordinators and admins: the dashboard of what waits and what is late."""
    now = utcnow()
    lines = dashboard(
        db.session,
        current_user,
        now,
        zone=desk_zone(),
        sla_hours=acceptance_hours(),
    )
    page = render_template("desk/dashboard.html", lines={line.key: line for line in lines}, now=now)
    db.session.commit()  # the cases shown are in the audit log
    return page


@bp.get("/healthz")
@public
def healthz():
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
