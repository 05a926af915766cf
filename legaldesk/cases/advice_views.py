"""The advice on the case page: the panel that shows what was given (who, when, the
opinion, whether the enterprise reads it) and the form that gives it, which takes
the place of the bare "Move to advised" button. The form's page
(``/cases/<reference>/advice``) shows it again with each field's error."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from legaldesk import signals
from legaldesk.auth import rules as permissions
from legaldesk.cases.advice_rules import OPINION_MAX
from legaldesk.cases.forms import AdviceForm
from legaldesk.cases.labels import status_label
from legaldesk.cases.models import Consultation
from legaldesk.cases.rules import allowed_targets, check_transition
from legaldesk.cases.service import case_for_change, transition
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import InvalidTransition, ValidationFailed
from legaldesk.inputs import takes_uploads
from legaldesk.messages import render
from legaldesk.signals import Panel
from legaldesk.zone import desk_zone

bp = Blueprint("advice", __name__)


def offers_advice(viewer: Any, case: Consultation) -> bool:
    """The advice form instead of the "advised" button: for whoever may move the case
    there, when the transition table allows it now."""
    return "advised" in allowed_targets(case.status) and permissions.may_move_case(
        viewer, case, "advised"
    )


def _extra_fields(
    case: Consultation, viewer: Any, session: Any, now: datetime, errors: Any = None
) -> list[Markup]:
    offered = signals.panels(
        signals.advice_form_fields, case, viewer=viewer, session=session, now=now, errors=errors
    )
    return signals.rendered(offered, case=case)


def case_panel(case: Consultation, *, viewer: Any, session: Any, now: datetime) -> Panel | None:
    """The advice given, newest first, and the form when the viewer may give it."""
    offered = offers_advice(viewer, case)
    if not case.advice_given and not offered:
        return None
    context = {
        "advice_list": list(reversed(case.advice_given)),
        "advice_form": AdviceForm() if offered else None,
        "advice_fields": _extra_fields(case, viewer, session, now) if offered else [],
        "opinion_max": OPINION_MAX,
    }
    return Panel("cases/_advice.html", context, order=5)


def _moved_on(case: Consultation, error: InvalidTransition) -> Any:
    """The case can no longer be advised (closed or withdrawn meanwhile, from another
    desk): back to its page, saying so, rather than a bare error page."""
    db.session.rollback()
    flash(
        _(
            "The advice was not saved: the case is now “%(status)s”. %(reason)s",
            status=status_label(case.status),
            reason=render(error.message),
        ),
        "error",
    )
    return redirect(url_for("cases.case_page", reference=case.reference))


@bp.route("/cases/<reference>/advice", methods=["GET", "POST"])
@takes_uploads("DOCUMENT_MAX_BYTES")  # the letter may come with the advice
def advise(reference: str):
    """Give the advice: the case moves to "advised" with it, in one transaction with
    whatever an extra's receiver stores (``signals.advice_given``)."""
    case = case_for_change(db.session, current_user, reference)
    if not permissions.may_move_case(current_user, case, "advised"):
        abort(403)
    try:
        check_transition(case.status, "advised", case.assignee_id is not None)
    except InvalidTransition as error:
        return _moved_on(case, error)
    form = AdviceForm()
    refused: dict[str, list[str]] = {}
    if form.validate_on_submit():
        now = utcnow()
        try:
            transition(
                db.session,
                current_user,
                now,
                case,
                "advised",
                zone=desk_zone(),
                advice=form.advice(),
            )
            signals.advice_given.send(
                case.latest_advice,
                case=case,
                session=db.session,
                actor=current_user,
                now=now,
                files=request.files,
            )
        except InvalidTransition as error:  # moved on while the advice was written
            return _moved_on(case, error)
        except ValidationFailed as error:
            db.session.rollback()
            refused = {k: [render(m) for m in v] for k, v in error.fields.items()}
            form.show_errors(refused)
            flash(_("Please correct the marked fields. Nothing has been saved yet."), "error")
        else:
            db.session.commit()
            flash(
                _("Advice given: the case is now “%(status)s”.", status=status_label(case.status)),
                "success",
            )
            return redirect(url_for("cases.case_page", reference=case.reference) + "#advice")
    page = render_template(
        "cases/advise.html",
        case=case,
        advice_form=form,
        advice_fields=_extra_fields(case, current_user, db.session, utcnow(), refused),
        opinion_max=OPINION_MAX,
    )
    return page, 422 if request.method == "POST" else 200
