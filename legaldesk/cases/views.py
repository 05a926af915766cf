"""Pages: intake, the case list, a case with its timeline, the printable receipt."""

from __future__ import annotations

from typing import Any, TypeVar

import segno
from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk import signals
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.auth.service import user_names
from legaldesk.cases import advice, correction, list_options, listing, reference, service
from legaldesk.cases.codes import display_access_code
from legaldesk.cases.duplicates import PossibleDuplicate
from legaldesk.cases.export import EXPORT_LIMIT
from legaldesk.cases.forms import (
    CaseFactsForm,
    CorrectionForm,
    IntakeForm,
    TransitionForm,
    filter_args,
    filters_from_args,
    page_intake_options,
    with_choices,
)
from legaldesk.cases.labels import (
    channel_label,
    correction_lines,
    duplicate_rows,
    sort_choices,
    status_label,
    timeline_note,
)
from legaldesk.cases.models import Category
from legaldesk.cases.region_rules import REGION_CHOICES
from legaldesk.cases.rules import (
    CHANNELS,
    NEEDS_ASSIGNEE,
    STATUSES,
    URGENCIES,
    allowed_targets,
    check_correctable,
    is_correctable,
)
from legaldesk.clock import utcnow
from legaldesk.countries import country_choices
from legaldesk.db import db
from legaldesk.enterprises.rules import display_phone, normalise_uscc
from legaldesk.enterprises.service import by_uscc
from legaldesk.errors import ValidationFailed
from legaldesk.i18n import data_label, locale_name
from legaldesk.list_links import last_page, pager, read_cursor
from legaldesk.messages import N_, Msg, render
from legaldesk.zone import desk_zone

bp = Blueprint("cases", __name__)
F = TypeVar("F", bound=CaseFactsForm)

_ISSUED = "issued_codes"  # session key: access codes shown once on the receipt


def _with_choices(form: F, extra: Category | None = None) -> F:
    """The facts' choices; ``extra``, a case's retired category, stays choosable."""
    categories = service.active_categories(db.session)
    if extra is not None and extra not in categories:
        categories.append(extra)
    return with_choices(form, categories)


def _refused(form: CaseFactsForm, error: ValidationFailed) -> None:
    """Nothing saved: the form is shown again as typed, each field with its error."""
    db.session.rollback()
    form.show_errors({k: [render(m) for m in v] for k, v in error.fields.items()})
    flash(_("Please correct the marked fields. Nothing has been saved yet."), "error")


def _intake_form() -> IntakeForm:
    form = _with_choices(IntakeForm())
    form.channel.choices = [(c, channel_label(c)) for c in CHANNELS]
    form.language.choices = [("zh_CN", "中文"), ("en", "English")]  # each in its own script
    return form


@bp.route("/intake/new", methods=["GET", "POST"])
def intake():
    if not permissions.may_record_intake(current_user):
        abort(403)
    form = _intake_form()
    duplicates: list[dict[str, Any]] = []
    if form.validate_on_submit():
        try:
            intake = service.record_intake(
                db.session,
                current_user,
                utcnow(),
                form.as_intake(),
                **page_intake_options(current_app.config, request.form, form.intake_key.data),
            )
        except PossibleDuplicate as warning:
            duplicates = duplicate_rows(
                warning.cases, lambda ref: url_for(".case_page", reference=ref)
            )
            db.session.commit()  # nothing saved: only the audit entry of what is shown
        except ValidationFailed as error:
            _refused(form, error)
        else:
            db.session.commit()
            case = intake.case
            if intake.replayed:
                flash(
                    _(
                        "This consultation was already saved; it was not recorded twice. "
                        "A new access code was issued: use this receipt."
                    ),
                    "info",
                )
            session.setdefault(_ISSUED, {})[case.reference] = intake.access_code
            session.modified = True
            return redirect(url_for(".receipt", reference=case.reference))
    status = 409 if duplicates else 422 if request.method == "POST" else 200
    return render_template("cases/intake.html", form=form, duplicates=duplicates), status


@bp.get("/intake/enterprise")
def enterprise_hint():
    """What the desk knows of a credit code, for the hint while the clerk types."""
    if not permissions.may_record_intake(current_user):
        abort(403)
    code, problem = normalise_uscc(request.args.get("uscc", ""))
    if problem:
        return jsonify(valid=False, message=render(problem))
    enterprise = by_uscc(db.session, code)
    if enterprise is None:
        return jsonify(valid=True, known=False)
    open_cases = listing.open_cases_of(db.session, current_user, utcnow(), enterprise.id)
    db.session.commit()  # the listing is in the audit log
    return jsonify(
        valid=True,
        known=True,
        name=enterprise.name,
        open_cases=[
            {
                "reference": c.reference,
                "summary": c.summary,
                "status": status_label(c.status),
                "url": url_for(".case_page", reference=c.reference),
            }
            for c in open_cases
        ],
    )


@bp.get("/cases")
def case_list():
    filters = filters_from_args(request.args, current_app.config["PER_PAGE"], desk_zone())
    cursor = read_cursor(request.args, listing.order_name(filters))
    found = listing.list_page(db.session, current_user, utcnow(), filters, cursor)
    args = filter_args(filters, current_app.config["PER_PAGE"])
    if not found.items and filters.page > 1 and cursor is None:
        db.session.rollback()  # an old link or a typed number beyond the end
        return redirect(last_page(found, ".case_list", args, listing.order_name(filters)))
    page = render_template(
        "cases/list.html",
        items=found.items,
        total=found.total,
        total_exact=found.total_exact,
        filters=filters,
        pager=pager(found, ".case_list", args, listing.order_name(filters)),
        args=args,
        statuses=STATUSES,
        channels=CHANNELS,
        categories=reference.entries(db.session, "categories"),  # retired ones filter too
        countries=country_choices(locale_name()),
        regions=REGION_CHOICES,
        # A lawyer's list holds only their own cases: no one else to filter by.
        lawyers=list_options.lawyer_choices(db.session)
        if permissions.sees_all_cases(current_user)
        else [],
        urgencies=URGENCIES,
        sorts=sort_choices(),
        export_limit=EXPORT_LIMIT,
        figure=list_options.figure_title(filters),
        without_figure={k: v for k, v in args.items() if not k.startswith("figure")},
    )
    db.session.commit()  # the listing is in the audit log
    return page


@bp.get("/cases/<reference>")
def case_page(reference: str):
    """The case, with the panels other wings offer (routing, follow-ups, mediation);
    someone who may see only part of it (a mediator) gets the page that wing answers."""
    now = utcnow()
    outsider = signals.first_answer(
        signals.case_page_for_outsider, reference, viewer=current_user, session=db.session, now=now
    )
    if outsider is not None:
        return outsider
    case = service.read_case(db.session, current_user, now, reference)
    page = _case_page(case, TransitionForm(formdata=None), now)
    db.session.commit()  # the read is in the audit log
    return page


def _case_page(case: Any, form: TransitionForm, now: Any) -> str:
    """The case page with ``form`` as the status form (a refused one keeps its note
    and shows its field errors)."""
    others = listing.open_cases_of(
        db.session, current_user, now, case.enterprise_id, excluding=case.id
    )
    targets = [  # "advised" is given with its advice, on the advice panel's form
        t
        for t in allowed_targets(case.status)
        if t != "advised"
        and (t not in NEEDS_ASSIGNEE or case.assignee_id is not None)  # never a bare 409
        and permissions.may_move_case(current_user, case, t)
    ]
    form.closing_code.choices = [
        (c.code, f"{c.code} · {data_label(c)}") for c in service.closing_codes(db.session)
    ]
    trail: list[Any] = []
    trail_total = 0
    if permissions.may_see_audit_trail(current_user):
        trail, trail_total = audit.recent_entries_for(db.session, "consultation", case.reference)
    offered = signals.panels(
        signals.case_panels, case, viewer=current_user, session=db.session, now=now
    )
    return render_template(
        "cases/detail.html",
        panels=signals.rendered(offered, case=case),
        trail=trail,
        trail_total=trail_total,
        trail_names=user_names(db.session, {e.actor_id for e in trail if e.actor_id is not None}),
        case=case,
        timeline=_timeline(case, current_user),
        advice_by_entry=advice.by_timeline_entry(case),
        may_correct=permissions.may_correct_case(current_user, case)
        and is_correctable(case.status),
        others=others,
        targets=targets,
        form=form,
        phone=display_phone(case.contact.phone),
    )


def _timeline(case: Any, viewer: Any) -> list[tuple[str, Any, Any]]:
    """Status changes, corrections and the other wings' entries for ``viewer`` (such as
    internal notes) in time order, each as (kind, entry, lines): a status change's line
    is its note as worded for the reader (a reopening says so)."""
    names = service.categories_by_code(db.session)
    entries: list[tuple[str, Any, list[str]]] = [
        ("status", e, [timeline_note(e)]) for e in case.timeline
    ] + [("correction", c, correction_lines(c.changes, names)) for c in case.corrections]
    for _receiver, items in signals.timeline_items.send(case, viewer=viewer, session=db.session):
        entries += [("item", item, []) for item in items or ()]
    return sorted(entries, key=lambda item: item[1].at)


@bp.route("/cases/<reference>/correct", methods=["GET", "POST"])
def correct(reference: str):
    """Correct a case's facts on a form prefilled from it; a refused value keeps
    everything typed, with the field's error."""
    case = service.case_for_change(db.session, current_user, reference)
    if not permissions.may_correct_case(current_user, case):
        abort(403)
    check_correctable(case.status)  # a closed case's page says so before anything is typed
    form = _with_choices(CorrectionForm(data=_form_data(case)), case.category)
    if form.validate_on_submit():
        try:
            # The page records the truth even when a lawyer on the case conflicts
            # with a new party: it is saved, and said, here and on the case page.
            changes = correction.correct_case(
                db.session, current_user, utcnow(), case, form.facts(), accept_conflict=True
            )
            conflicts = correction.conflict_lines(correction.case_conflicts(db.session, case))
        except ValidationFailed as error:
            _refused(form, error)
        else:
            db.session.commit()
            if changes and conflicts:
                flash(_corrected_with(conflicts), "warning")
            elif changes:
                flash(_("The case was corrected."), "success")
            else:
                flash(_("Nothing was changed."), "info")
            return redirect(url_for(".case_page", reference=case.reference))
    status = 422 if request.method == "POST" else 200
    return render_template("cases/correct.html", form=form, case=case), status


def _corrected_with(conflicts: list[Msg]) -> str:
    return render(
        Msg(
            N_("The case was corrected, but %(conflicts)s. See the warning on the case page."),
            {"conflicts": conflicts},
        )
    )


def _form_data(case: Any) -> dict[str, Any]:
    facts = correction.facts_of(case)
    return {
        "summary": facts["summary"],
        "description": facts["description"],
        "category": facts["category"],
        "urgency": facts["urgency"],
        "language_needed": facts["language_needed"] or "",
        "countries": facts["countries"],
        "counterparties": "\n".join(facts["counterparties"]),
        "contact_name": facts["contact.name"],
        "phone": display_phone(facts["contact.phone"]),
        "email": facts["contact.email"] or "",
    }


@bp.post("/cases/<reference>/transition")
def transition(reference: str):
    form = TransitionForm()
    if not form.validate_on_submit():
        abort(400)
    case = service.case_for_change(db.session, current_user, reference)
    try:
        service.transition(
            db.session,
            current_user,
            utcnow(),
            case,
            form.to.data,
            form.note.data,
            form.closing_code.data or None,
            zone=desk_zone(),
        )
    except ValidationFailed as refused:
        if set(refused.fields) - {"closing_code", "note"}:
            raise
        return _refused_transition(reference, form, refused)
    db.session.commit()
    flash(_("The case is now “%(status)s”.", status=status_label(case.status)), "success")
    return redirect(url_for(".case_page", reference=case.reference))


def _refused_transition(reference: str, form: TransitionForm, refused: ValidationFailed):
    """The case page again, the note as typed and the error at its field (a closing
    code retired since the page was shown), rather than a bare error page."""
    db.session.rollback()
    now = utcnow()
    case = service.read_case(db.session, current_user, now, reference)
    for name, messages in refused.fields.items():
        form[name].errors = [render(m) for m in messages]
    page = _case_page(case, form, now)
    db.session.commit()  # the read is in the audit log
    return page, 422


@bp.post("/cases/<reference>/access-code")
def reissue_code(reference: str):
    """A new access code for a lost receipt; the old code stops working."""
    case = service.case_for_change(db.session, current_user, reference)
    code = service.reissue_access_code(db.session, current_user, utcnow(), case)
    db.session.commit()
    session.setdefault(_ISSUED, {})[case.reference] = code
    session.modified = True
    flash(_("A new access code was issued; the old one no longer works."), "success")
    return redirect(url_for(".receipt", reference=case.reference))


@bp.get("/cases/<reference>/receipt")
def receipt(reference: str):
    case = service.read_case(db.session, current_user, utcnow(), reference)
    issued = session.get(_ISSUED, {})
    code = issued.pop(case.reference, None)
    session.modified = True
    status_url = url_for("portal.status_page", reference=case.reference, _external=True)
    qr = segno.make(status_url, error="m").svg_data_uri(scale=4, border=2)
    page = render_template(
        "cases/receipt.html",
        case=case,
        status_url=status_url,
        qr=qr,
        access_code=display_access_code(code) if code else None,
    )
    db.session.commit()
    return page
