"""The mediation part of a case page: open it, move it on, choose the mediator,
tick the documents of the case file."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.audit import service as audit
from legaldesk.auth.rules import is_lawyer, may_book_for_case, may_route, reads_mediation_only
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import case_for_change, load_case
from legaldesk.clock import local_date, utcnow
from legaldesk.db import db
from legaldesk.errors import DeskError
from legaldesk.flashing import attempt, explain
from legaldesk.mediation import forms, mediator_draw, reads, rules, service
from legaldesk.routing.edge import draw_settings
from legaldesk.routing.models import Draw
from legaldesk.routing.rounds import PoolChanged
from legaldesk.routing.service import all_lawyers, lawyer_names
from legaldesk.signals import Panel
from legaldesk.validation import whole_from_form
from legaldesk.workcal.rules import ISO_WEEKDAYS
from legaldesk.workcal.service import overrides
from legaldesk.zone import desk_zone

bp = Blueprint("mediations", __name__)


def panel(case: Consultation, viewer: Any, session: Any, now: datetime) -> dict:
    """What the case page shows of the case's mediation to `viewer`."""
    mediation = case.mediation
    today = local_date(now, desk_zone())
    context = {
        "mediation": mediation,
        "may_mediate": service.may_manage(viewer, case)
        and case.status not in ("closed", "withdrawn"),
        # sessions are booked by the mediator or a coordinator, not the case's lawyer
        "may_book_sessions": may_book_for_case(viewer, case),
        "weekdays": ISO_WEEKDAYS,
        "today": today,
    }
    if mediation is None:
        return context
    received = {d.code: d for d in mediation.documents}
    context.update(
        sessions=reads.sessions_of(session, case),
        documents=rules.DOCUMENTS,
        received=received,
        missing=set(reads.missing_documents(mediation)),
        actions=rules.ACTIONS.get(mediation.status, ()),
        mediators=[
            lawyer
            for lawyer in all_lawyers(session)
            if lawyer.active and lawyer.id != case.assignee_id
        ],
        **_mediator_round(case, viewer, session, now, may_route(viewer)),
    )
    return context


def _mediator_round(case: Consultation, viewer: Any, session: Any, now: datetime, may: bool):
    """The mediator round waiting for its number, published for whoever may draw it
    (or why none can be drawn), and the drawn mediator's round for its record."""
    mediation = case.mediation
    found: dict[str, Any] = {"mediator_round": None, "mediator_short": None}
    drawn = session.scalar(
        sa.select(Draw)
        .where(Draw.consultation_id == case.id, Draw.kind == "mediator", Draw.drawn_at.is_not(None))
        .order_by(Draw.round.desc())
        .limit(1)
    )
    # "drawn by lot" only while the mediator is the one the lot drew
    found["mediator_drawn"] = drawn if drawn and drawn.chosen_id == mediation.mediator_id else None
    outlook = (
        mediator_draw.mediator_outlook(session, viewer, now, case, mediation, **draw_settings())
        if may
        else None
    )
    if outlook is None:
        return found
    found["mediator_round"] = outlook.pending
    if outlook.pending is None and outlook.short is not None:
        found["mediator_short"] = explain(outlook.short)
    elif outlook.pending is None:
        found["mediator_to_publish"] = outlook
    pool = outlook.pending.pool or [] if outlook.pending else outlook.pool
    found["mediator_names"] = lawyer_names(session, pool)
    return found


def case_panel(case: Consultation, *, viewer: Any, session: Any, now: datetime) -> Panel:
    """The case page's mediation, as `viewer` may act on it."""
    return Panel("mediation/_panel.html", panel(case, viewer, session, now), order=30)


def page_for_mediator(reference: str, *, viewer: Any, session: Any, now: datetime) -> Any:
    """A case's page for its mediator who is not its lawyer: the mediation alone.
    Anyone else (asked first, without a query) gets no answer here."""
    if not is_lawyer(viewer):
        return None
    case = load_case(session, reference)
    if case is None or not reads_mediation_only(viewer, case):
        return None
    return mediator_page(case, viewer, session, now)


def queue_panel(viewer: Any, *, session: Any, now: datetime) -> Panel | None:
    """On a lawyer's queue: the mediations they conduct, soonest session first."""
    mediations = reads.mediated_by(session, viewer.lawyer_id, now)
    if not mediations:
        return None
    return Panel("mediation/_my_mediations.html", {"mediations": mediations}, order=30)


def mediator_page(case: Consultation, viewer: Any, session: Any, now: datetime):
    """What the mediator sees: the parties and the mediation, not the enterprise's
    consultation (that is privileged advice to one side)."""
    context = panel(case, viewer, session, now)
    page = render_template("mediation/mediator_case.html", case=case, **context)
    audit.record(session, viewer, now, "mediation.read", "consultation", case.reference)
    session.commit()
    return page


def _back(reference: str):
    return redirect(url_for("cases.case_page", reference=reference) + "#mediation")


@bp.post("/cases/<reference>/mediation")
def open_mediation(reference: str):
    raw = forms.application_fields(request.form)

    def change():
        case = case_for_change(db.session, current_user, reference)
        return service.open_mediation(
            db.session, current_user, utcnow(), case, raw, overrides(db.session), zone=desk_zone()
        )

    attempt(change, _("The mediation was not recorded:"), _("Mediation application recorded."))
    return _back(reference)


def _change(reference: str, failure: str, success: str, step: Callable) -> Any:
    """Lock the case and its mediation, apply ``step(case, mediation)``, go back."""

    def change() -> None:
        case = service.case_for_mediation(db.session, current_user, reference)
        step(case, service.mediation_for_change(db.session, current_user, case))

    attempt(change, failure, success)
    return _back(reference)


@bp.post("/cases/<reference>/mediation/move")
def move(reference: str):
    form = request.form
    return _change(
        reference,
        _("Nothing was changed:"),
        _("Saved."),
        lambda case, mediation: service.act(
            db.session,
            current_user,
            utcnow(),
            mediation,
            form.get("to"),
            request.values.get("reason"),
            form.get("note", ""),
            overrides(db.session),
            zone=desk_zone(),
        ),
    )


@bp.post("/cases/<reference>/mediation/mediator")
def mediator(reference: str):
    raw = request.form.get("mediator_id", "")
    chosen = whole_from_form(raw)
    return _change(
        reference,
        _("The mediator was not chosen:"),
        _("Mediator chosen."),
        lambda case, mediation: service.choose_mediator(
            db.session, current_user, utcnow(), case, mediation, chosen, request.form.get("reason")
        ),
    )


@bp.post("/cases/<reference>/mediation/commit")
def commit_mediator_round(reference: str):
    """Publish the mediator round: the neutral mediators frozen, the secret's hash shown."""
    return _change(
        reference,
        _("No commitment was published."),
        _("The commitment is published: let the witness note it, then key in their number."),
        lambda case, mediation: mediator_draw.open_mediator_round(
            db.session, current_user, utcnow(), case, mediation, **draw_settings()
        ),
    )


@bp.post("/cases/<reference>/mediation/draw")
def draw(reference: str):
    """Draw the mediator round the page showed, with the witness's or lottery's number;
    a round whose pool changed is put aside and a new one published (kept, then said)."""
    form = request.form
    try:
        case = service.case_for_mediation(db.session, current_user, reference)
        mediation = service.mediation_for_change(db.session, current_user, case)
        mediator_draw.draw_mediator(
            db.session,
            current_user,
            utcnow(),
            case,
            mediation,
            whole_from_form(form.get("draw_id", "")),
            form,
            **draw_settings(),
        )
    except PoolChanged as changed:
        db.session.commit()  # the void round and the new commitment stand
        flash(_("The mediator was not drawn:") + " " + explain(changed), "error")
        return _back(reference)
    except DeskError as error:
        db.session.rollback()
        flash(_("The mediator was not drawn:") + " " + explain(error), "error")
        return _back(reference)
    db.session.commit()
    flash(_("Mediator drawn."), "success")
    return _back(reference)


@bp.post("/cases/<reference>/mediation/documents")
def documents(reference: str):
    form = request.form
    return _change(
        reference,
        _("Nothing was changed:"),
        _("Saved."),
        lambda case, mediation: service.set_document(
            db.session,
            current_user,
            utcnow(),
            case,
            mediation,
            form.get("code"),
            form.get("received") == "1",
        ),
    )
