"""The /status page: a form with the reference and the access code."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_babel import gettext as _

from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import NotFound
from legaldesk.extensions import csrf, limiter
from legaldesk.portal import service
from legaldesk.portal.api import PER_ADDRESS, checked_lookup, next_step_text
from legaldesk.publicity import public

bp = Blueprint("portal", __name__)


@bp.route("/status", methods=["GET", "POST"])
@public
@csrf.exempt  # a lookup changes nothing; the limiter guards against guessing
@limiter.limit(PER_ADDRESS, exempt_when=lambda: "code" not in request.values)
def status_page():
    """Prefilled from the receipt's QR code (?reference=); looks up once a code is given.

    The form posts, so the code stays out of the address bar and access logs; a link
    with ``?code=`` still works, and the page's script then removes the code from
    the address bar and history (``data-strip-code``).
    """
    reference = (request.values.get("reference") or "").strip()
    case, error = None, None
    if "code" in request.values:
        try:
            case = checked_lookup(reference, request.values.get("code", ""))
        except NotFound:
            error = _("No case matches this reference and access code.")
    page = render_template(
        "portal/status.html",
        reference=reference,
        case=case,
        error=error,
        strip_code=request.method == "GET" and "code" in request.args,
        timeline=service.public_timeline(case) if case else [],
        followups=service.followup_dates(db.session, case) if case else [],
        next_step=next_step_text(service.next_step(db.session, case, utcnow())) if case else None,
    )
    return page, (404 if error else 200)
