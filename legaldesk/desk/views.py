"""`/`: intake staff see a new-intake button and today's cases; others their cases."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, jsonify, redirect, render_template, url_for
from flask_login import current_user

from legaldesk.auth.rules import is_enterprise_account, sees_all_cases
from legaldesk.cases import listing
from legaldesk.cases.models import Consultation
from legaldesk.cases.rules import OPEN_STATUSES
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.publicity import for_enterprises, public

bp = Blueprint("desk", __name__)


@bp.get("/")
@for_enterprises
def home():
    if is_enterprise_account(current_user):
        return redirect(url_for("account.my_cases"))
    recent, total = listing.list_cases(
        db.session, current_user, utcnow(), listing.CaseFilters(status="open", per_page=10)
    )
    counts = {}
    if sees_all_cases(current_user):
        counts = dict(
            db.session.execute(
                sa.select(Consultation.status, sa.func.count())
                .where(Consultation.status.in_(OPEN_STATUSES))
                .group_by(Consultation.status)
            ).all()
        )
    page = render_template(
        "desk/home.html",
        recent=recent,
        open_total=total,
        counts=counts,
        open_statuses=OPEN_STATUSES,
    )
    db.session.commit()  # the listing is in the audit log
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
