"""Follow-ups on the case page, the list of what is due, and callbacks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.auth import rules as permissions
from legaldesk.cases import listing
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import case_for_change
from legaldesk.clock import local_date, utcnow
from legaldesk.db import db
from legaldesk.errors import DeskError, Forbidden, ValidationFailed
from legaldesk.flashing import attempt, explain
from legaldesk.followups import confirmation, rules, service
from legaldesk.messages import render
from legaldesk.signals import Panel
from legaldesk.validation import whole_from_form
from legaldesk.zone import desk_today, desk_zone

bp = Blueprint("followups", __name__)


def case_panel(case: Consultation, *, viewer: Any, session: Any, now: datetime) -> Panel:
    """The case page's follow-ups: what the advice achieved, and the next call."""
    context = {
        "followups": service.followups_of(session, case),
        "may_follow_up": permissions.may_follow_up(viewer, case),
        "followup_channels": rules.STAFF_CHANNELS,
        "worked_options": tuple(rules.WORKED_LABELS),
        "followups_today": local_date(now, desk_zone()),
        "loss_state": confirmation.state_of,
    }
    return Panel("followups/_panel.html", context, order=20)


def _back(reference: str):
    return redirect(url_for("cases.case_page", reference=reference) + "#followups")


@bp.post("/cases/<reference>/followups")
def schedule(reference: str):
    form = request.form
    attempt(
        lambda: service.schedule(
            db.session,
            current_user,
            utcnow(),
            case_for_change(db.session, current_user, reference),
            {"due_on": form.get("due_on"), "channel": form.get("channel")},
            zone=desk_zone(),
        ),
        _("The follow-up was not scheduled:"),
        _("Follow-up scheduled."),
    )
    return _back(reference)


def outcome_from_form(form) -> dict:
    """The form's answers in the API's shape; the form insists on "did it work"."""
    loss = form.get("loss_avoided_cny", "").replace(",", "").replace("，", "").strip()
    amount = whole_from_form(loss, max_digits=15)
    return {
        "done": True,
        "result": form.get("result"),
        "advice_worked": form.get("advice_worked") or "missing",
        # text that is not a whole number goes on, so the rule says what is wrong
        "loss_avoided_cny": amount if amount is not None else (loss or None),
        "loss_basis": form.get("loss_basis"),
        "confirmed_by_enterprise": form.get("confirmed_by_enterprise") == "1",
        "satisfaction": whole_from_form(form.get("satisfaction")),
    }


@bp.route("/followups/<id:followup_id>/record", methods=["GET", "POST"])
def record(followup_id: int):
    """Record what the advice achieved (the case page's card posts here). A refused
    answer comes back on this page with each field's error and every answer kept;
    GET shows the same form (a follow-up already done: its case's card)."""
    followup = service.followup_for_change(db.session, current_user, followup_id)
    case = followup.consultation
    if followup.done_at is not None and request.method == "GET":
        db.session.rollback()
        return _back(case.reference)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            service.record(
                db.session, current_user, utcnow(), followup, outcome_from_form(request.form)
            )
        except ValidationFailed as error:
            db.session.rollback()
            errors = {name: [render(m) for m in msgs] for name, msgs in error.fields.items()}
            not_recorded = _("The follow-up was not recorded:")
            flash(
                not_recorded + " " + _("Please correct the marked fields; what you typed is kept."),
                "error",
            )
            followup = service.followup_for_change(db.session, current_user, followup_id)
        except DeskError as error:  # a rule of the case, not of a field: its card says why
            db.session.rollback()
            flash(_("The follow-up was not recorded:") + " " + explain(error), "error")
            return _back(case.reference)
        else:
            db.session.commit()
            flash(_("Follow-up recorded."), "success")
            return _back(case.reference)
    page = render_template(
        "followups/record.html",
        case=followup.consultation,
        followup=followup,
        worked_options=tuple(rules.WORKED_LABELS),
        errors=errors,
        values=request.form.to_dict() if request.method == "POST" else {},
    )
    db.session.rollback()  # only read: the lock is let go
    return page, 422 if errors else 200


@bp.get("/followups")
def due():
    """Follow-ups due this week (and overdue; ``?overdue=1``: those past due alone),
    and callbacks the coordinators owe."""
    if not permissions.may_see_due_followups(current_user):
        raise Forbidden()
    overdue_only = request.args.get("overdue") == "1"
    now = utcnow()
    items = service.due_list(
        db.session, current_user, now, zone=desk_zone(), overdue_only=overdue_only
    )
    callbacks = (
        service.open_callbacks(db.session) if permissions.may_handle_callbacks(current_user) else []
    )
    page = render_template(
        "followups/due.html",
        items=items,
        overdue_only=overdue_only,
        callbacks=callbacks,
        today=desk_today(),
    )
    # The page names cases and their enterprises: in the audit log as any list is.
    shown = dict.fromkeys([f.consultation for f in items] + [c.consultation for c in callbacks])
    listing.record_listing(db.session, current_user, now, list(shown), searched=False)
    db.session.commit()
    return page


@bp.post("/callbacks/<id:callback_id>/done")
def callback_done(callback_id: int):
    attempt(
        lambda: service.close_callback(
            db.session, current_user, utcnow(), callback_id, request.form.get("note")
        ),
        _("The callback was not recorded:"),
        _("Callback recorded."),
    )
    return redirect(url_for(".due"))
