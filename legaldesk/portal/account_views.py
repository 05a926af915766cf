"""Enterprise accounts: their own cases (with the advice and the loss avoided to
confirm), a new consultation online, the satisfaction question and the choice of
e-mail updates. Nothing here shows a staff name or a note;
every case is loaded through the same permission check as the staff pages (404 for
another enterprise's case)."""

from __future__ import annotations

import secrets

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.auth.rules import has_own_enterprise
from legaldesk.cases import listing
from legaldesk.cases import service as cases
from legaldesk.cases.codes import display_access_code
from legaldesk.cases.duplicates import PossibleDuplicate
from legaldesk.cases.forms import page_intake_options, with_choices
from legaldesk.cases.labels import duplicate_rows
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.documents import service as documents
from legaldesk.enterprises.service import set_email_updates
from legaldesk.errors import Conflict, LossAlreadyConfirmed, ValidationFailed
from legaldesk.flashing import attempt
from legaldesk.followups import confirmation
from legaldesk.followups import service as followups
from legaldesk.followups.rules import ADVISED_STATUSES, why_not_confirmable
from legaldesk.i18n import locale_name
from legaldesk.messages import render
from legaldesk.portal import outcome, service
from legaldesk.portal.forms import AskForm
from legaldesk.portal.labels import next_step_text
from legaldesk.publicity import for_enterprises
from legaldesk.validation import whole_from_form
from legaldesk.zone import desk_zone

bp = Blueprint("account", __name__)
_NEW_CODE = "account_new_code"  # session key: the access code of a case just submitted


def _enterprise() -> None:
    if not has_own_enterprise(current_user):
        abort(404)


@bp.get("/my")
@for_enterprises
def my_cases():
    _enterprise()
    page = max(1, request.args.get("page", 1, type=int) or 1)
    items, total = listing.list_cases(
        db.session, current_user, utcnow(), listing.CaseFilters(page=min(page, 10_000))
    )
    steps = {
        case_id: next_step_text(step)
        for case_id, step in service.next_steps(db.session, items, utcnow()).items()
    }
    html = render_template(
        "portal/my_cases.html",
        items=items,
        total=total,
        page=page,
        steps=steps,
        pages=-(-total // 20),
    )
    db.session.commit()  # the listing is in the audit log
    return html


@bp.get("/my/cases/<reference>")
@for_enterprises
def my_case(reference: str):
    _enterprise()
    case = cases.read_case(db.session, current_user, utcnow(), reference)
    html = _case_page(case)
    db.session.commit()  # the read is in the audit log
    return html


def _case_page(case, **confirm) -> str:
    """The enterprise's case; ``confirm``: a refused confirmation's errors and values."""
    code = session.pop(_NEW_CODE, {}).get(case.reference)
    own = [
        f
        for f in followups.followups_of(db.session, case)
        if f.channel == "online" and f.done_by_id == current_user.id
    ]
    losses = outcome.losses_seen(db.session, case, desk_zone())
    refusal = _refusal(case.status)
    # satisfaction is asked once: by the loss confirmation while one is offered (and
    # recorded by it once given), else by the question of its own
    asked_with_loss = any(loss.state == "confirmed" for loss in losses) or (
        refusal is None and any(loss.state != "confirmed" for loss in losses)
    )
    return render_template(
        "portal/my_case.html",
        case=case,
        timeline=service.public_timeline(case),
        followups=service.followup_dates(db.session, case, desk_zone()),
        next_step=next_step_text(service.next_step(db.session, case, utcnow())),
        rating=own[0] if own else None,
        may_rate=case.status in ADVISED_STATUSES and not asked_with_loss,
        access_code=display_access_code(code) if code else None,
        documents=documents.documents_of(db.session, current_user, case),  # the shared ones
        my_advice=outcome.advice_seen(case, desk_zone()),
        my_losses=losses,
        confirm_refusal=refusal,
        confirm_errors=confirm.get("errors", {}),
        confirm_values=confirm.get("values", {}),
    )


def _refusal(status: str) -> str | None:
    """Why the case's losses cannot be confirmed now (None: the form is offered)."""
    reason = why_not_confirmable(status)
    return render(reason) if reason else None


@bp.post("/my/cases/<reference>/losses/<id:followup_id>/confirm")
@for_enterprises
def confirm_loss(reference: str, followup_id: int):
    """Confirm or correct the loss avoided, with satisfaction; a refused answer shows
    the page again with each field's error and what was typed."""
    _enterprise()
    case = cases.case_for_change(db.session, current_user, reference)  # 404 if not theirs
    raw = outcome.confirmation_from_form(request.form)
    try:
        confirmation.confirm_loss(
            db.session, current_user, utcnow(), case, followup_id, raw, zone=desk_zone()
        )
    except ValidationFailed as error:
        db.session.rollback()
        case = cases.read_case(db.session, current_user, utcnow(), reference)
        errors = {name: [render(m) for m in msgs] for name, msgs in error.fields.items()}
        values = {"followup_id": followup_id, **request.form.to_dict()}
        html = _case_page(case, errors=errors, values=values)
        db.session.commit()
        return html, 422
    except Conflict as error:  # confirmed already, or the case no longer takes it
        db.session.rollback()
        flash(render(error.message), "info" if isinstance(error, LossAlreadyConfirmed) else "error")
    else:
        db.session.commit()
        flash(_("Thank you: your confirmation was recorded."), "success")
    return redirect(url_for(".my_case", reference=reference) + "#outcome")


@bp.post("/my/cases/<reference>/satisfaction")
@for_enterprises
def rate(reference: str):
    _enterprise()
    score = request.form.get("satisfaction", "")
    case = cases.case_for_change(db.session, current_user, reference)  # 404 if not theirs
    attempt(
        lambda: followups.answer_satisfaction(
            db.session,
            current_user,
            utcnow(),
            case,
            whole_from_form(score, max_digits=1),
            request.form.get("comment", ""),
            zone=desk_zone(),
        ),
        _("Your answer was not saved:"),
        _("Thank you for your answer."),
    )
    return redirect(url_for(".my_case", reference=reference))


def _ask_form() -> AskForm:
    defaults = {"contact_name": current_user.name, "email": current_user.email}
    form = AskForm(data=defaults if request.method == "GET" else None)
    return with_choices(form, cases.active_categories(db.session))


@bp.route("/my/new", methods=["GET", "POST"])
@for_enterprises
def new_consultation():
    """Ask a question online: the enterprise is the account's, the channel "online".
    Like the front desk's intake, a question like one of the enterprise's open or
    recent cases is shown that case first, everything typed kept."""
    _enterprise()
    form = _ask_form()
    duplicates: list[dict] = []
    if form.validate_on_submit():
        try:
            intake = cases.record_intake(
                db.session,
                current_user,
                utcnow(),
                form.as_intake("en" if locale_name() == "en" else "zh_CN"),
                **page_intake_options(
                    current_app.config, request.form, request.form.get("form_key") or None
                ),
            )
        except PossibleDuplicate as warning:
            duplicates = duplicate_rows(
                warning.cases, lambda ref: url_for(".my_case", reference=ref)
            )
            db.session.commit()  # nothing saved: only the audit entry of what is shown
        except ValidationFailed as error:
            db.session.rollback()
            form.show_errors({k: [render(m) for m in v] for k, v in error.fields.items()})
        else:
            db.session.commit()
            session[_NEW_CODE] = {intake.case.reference: intake.access_code}
            flash(_("Your consultation was received."), "success")
            return redirect(url_for(".my_case", reference=intake.case.reference))
    status = 409 if duplicates else 422 if request.method == "POST" else 200
    key = request.form.get("form_key") if request.method == "POST" else None
    return render_template(
        "portal/my_new.html",
        form=form,
        form_key=key or secrets.token_urlsafe(16),  # kept while the form comes back
        duplicates=duplicates,
    ), status


@bp.route("/my/settings", methods=["GET", "POST"])
@for_enterprises
def settings():
    _enterprise()
    enterprise = current_user.enterprise
    if request.method == "POST":
        set_email_updates(
            db.session, current_user, utcnow(), enterprise, request.form.get("email_updates") == "1"
        )
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for(".settings"))
    return render_template("portal/my_settings.html", enterprise=enterprise)
