"""Pages for handing a case on and reopening it: the forms on the case's routing panel
(assign a lawyer, send back to the draw, a lawyer's request to hand the case back and
its answer) and the confirmation page for reopening a closed or withdrawn case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.auth import rules as permissions
from legaldesk.cases import service as cases
from legaldesk.cases.rules import REOPENABLE
from legaldesk.clock import local_date, utcnow
from legaldesk.db import db
from legaldesk.errors import ValidationFailed
from legaldesk.flashing import attempt
from legaldesk.messages import render
from legaldesk.routing import handon, pool, reopen
from legaldesk.validation import number_from_form
from legaldesk.zone import desk_zone

bp = Blueprint("handon", __name__)


def panel_context(case: Any, viewer: Any, session: Any, now: datetime) -> dict[str, Any]:
    """What the routing panel offers for handing the case on: to coordinators the
    lawyers they may assign it to (eligible ones only), sending it back to the draw,
    the waiting hand-back request and reopening; to the case's lawyer, asking to hand
    it back and the answer to their last request."""
    manager = permissions.may_assign(viewer)
    pending = handon.pending_hand_back(session, case)
    choices = []
    if manager and case.status in handon.ASSIGNABLE:
        today = local_date(now, desk_zone())
        choices = [
            c
            for c in pool.assignment_choices(session, case, today)
            if not c.refusals and c.lawyer.id != case.assignee_id
        ]
    mine = permissions.may_ask_hand_back(viewer, case)
    requests = handon.hand_backs_of(session, case) if mine else []
    return {
        "may_hand_on": manager and case.status in handon.ASSIGNABLE,
        "assign_choices": choices,
        "can_send_back": manager and case.status in handon.RELEASABLE,
        "hand_back": pending,
        "can_ask_hand_back": mine and case.status == "accepted" and pending is None,
        "my_last_hand_back": requests[-1] if requests else None,
        "can_reopen": permissions.may_reopen(viewer) and case.status in REOPENABLE,
    }


def _on_case(
    reference: str, change: Callable[..., Any], form: dict[str, Any], failure: str, success: str
):
    """Run one hand-on use case on the case with the form's fields, committed or
    rolled back with the rule's message flashed; back to the case's page."""
    case = cases.case_for_change(db.session, current_user, reference)
    attempt(lambda: change(db.session, current_user, utcnow(), case, form), failure, success)
    return redirect(url_for("cases.case_page", reference=case.reference) + "#hand-on")


def _form(*names: str) -> dict[str, Any]:
    """The form's fields; ids (``lawyer_id``, ``from``) as numbers where they are."""
    ids = ("lawyer_id", "from")
    return {
        name: number_from_form(request.form.get(name)) if name in ids else request.form.get(name)
        for name in names
    }


@bp.post("/cases/<reference>/assign")
def assign(reference: str):
    return _on_case(
        reference,
        partial(handon.assign, zone=desk_zone()),
        _form("lawyer_id", "reason", "from"),
        _("The lawyer was not assigned:"),
        _("The lawyer was assigned; they accept or decline as after a draw."),
    )


@bp.post("/cases/<reference>/send-back")
def send_back(reference: str):
    return _on_case(
        reference,
        handon.send_back,
        _form("reason", "from"),
        _("The case was not sent back:"),
        _("The case is new again and waits for a draw."),
    )


@bp.post("/cases/<reference>/hand-back")
def ask_hand_back(reference: str):
    return _on_case(
        reference,
        handon.ask_hand_back,
        _form("reason"),
        _("The request was not sent:"),
        _("Your request was sent to the coordinators."),
    )


@bp.post("/cases/<reference>/hand-back/refuse")
def refuse_hand_back(reference: str):
    return _on_case(
        reference,
        handon.refuse_hand_back,
        _form("note"),
        _("The answer was not saved:"),
        _("The request was refused; the lawyer keeps the case and is told why."),
    )


@bp.route("/cases/<reference>/reopen", methods=["GET", "POST"])
def reopen_case(reference: str):
    """The confirmation page says where the case will return; a missing reason keeps
    the page with the field's error."""
    case = cases.case_for_change(db.session, current_user, reference)
    if not permissions.may_reopen(current_user):
        abort(403)
    if case.status not in REOPENABLE:
        flash(render(reopen.NOT_REOPENABLE), "error")
        return redirect(url_for("cases.case_page", reference=case.reference))
    now = utcnow()
    errors: dict[str, list[str]] = {}
    reason = request.form.get("reason", "")
    if request.method == "POST":
        try:
            reopen.reopen(db.session, current_user, now, case, {"reason": reason}, zone=desk_zone())
        except ValidationFailed as error:
            db.session.rollback()
            errors = {k: [render(m) for m in v] for k, v in error.fields.items()}
        else:
            db.session.commit()
            flash(_("The case was reopened."), "success")
            return redirect(url_for("cases.case_page", reference=case.reference))
    stage = reopen.stage_for(db.session, case, local_date(now, desk_zone()))
    page = render_template(
        "routing/reopen.html", case=case, stage=stage, reason=reason, errors=errors
    )
    return page, 422 if errors else 200
