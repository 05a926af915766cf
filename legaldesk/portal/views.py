"""The /status page: a form with the reference and the access code."""

from __future__ import annotations

import time

from flask import Blueprint, current_app, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import TooManyRequests

from legaldesk.cases.models import Consultation
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import NotFound, TooManyGuesses
from legaldesk.extensions import csrf, limiter
from legaldesk.messages import render
from legaldesk.portal import rules, service
from legaldesk.portal.guard import PER_ADDRESS, checked_lookup
from legaldesk.portal.labels import next_step_text
from legaldesk.publicity import public
from legaldesk.zone import desk_zone

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
    reference = _reference()
    if "code" not in request.values:
        return _form(reference=reference)
    try:
        return checked_lookup(reference, request.values.get("code", ""), _found)
    except NotFound:
        error = _("No case matches this reference and access code.")
        return _form(reference=reference, error=error), 404


def _found(case: Consultation) -> str:
    """The page of the case a lookup opened (rendered while its reads are open)."""
    return _form(
        reference=_reference(),
        case=case,
        timeline=service.public_timeline(case),
        followups=service.followup_dates(db.session, case, desk_zone()),
        next_step=next_step_text(service.next_step(db.session, case, utcnow())),
        advice_on=service.advice_given_on(case, desk_zone()),
    )


@bp.errorhandler(TooManyGuesses)
@bp.errorhandler(TooManyRequests)
def limited(error: TooManyGuesses | TooManyRequests):
    """Too many wrong codes for this case (``guard``), or too many lookups from this
    address (the limiter): the form again, reference kept and code empty, with how long
    to wait and that the front desk can issue a new access code."""
    db.session.rollback()
    wait = getattr(error, "retry_after", None) or _limiter_wait()
    message = rules.limited_message(
        isinstance(error, TooManyGuesses), wait, current_app.config["FRONT_DESK_CONTACT"]
    )
    page = _form(reference=_reference(), limited=[render(m) for m in message])
    return page, 429, {"Retry-After": str(wait)}


def _reference() -> str:
    return (request.values.get("reference") or "").strip()


def _form(**context) -> str:
    """The page; a link's ``?code=`` is removed from the address bar by its script."""
    strip_code = request.method == "GET" and "code" in request.args
    return render_template("portal/status.html", strip_code=strip_code, **context)


def _limiter_wait() -> int:
    """Seconds until the limiter's window for this address ends."""
    limit = limiter.current_limit
    return max(1, int(limit.reset_at - time.time())) if limit is not None else 60
