"""Pages: the lawyer's queue, routing a case from its page, the fairness table."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk import signals
from legaldesk.auth import rules as permissions
from legaldesk.cases import service as cases
from legaldesk.cases.service import transition
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import DeskError, ValidationFailed
from legaldesk.flashing import explain
from legaldesk.i18n import data_label
from legaldesk.messages import render
from legaldesk.routing import claims, handon_views, pool, rounds, service
from legaldesk.routing.api import claimed
from legaldesk.routing.chi_square import chi_square
from legaldesk.routing.edge import acceptance_hours, draw_settings
from legaldesk.signals import Panel
from legaldesk.validation import day_span, whole_from_form
from legaldesk.workcal.service import overrides
from legaldesk.zone import desk_zone

bp = Blueprint("routing", __name__)


def _back_to(reference: str | None = None):
    target = request.form.get("next")
    if target == "case" and reference:
        return redirect(url_for("cases.case_page", reference=reference))
    return redirect(url_for(".queue"))


def _flash_committed(round_) -> None:
    """After a decline or a redraw: the next round waits for its contribution."""
    if round_ is None:
        flash(_("Too few lawyers are left to draw from: a coordinator assigns the case."), "info")
    else:
        flash(
            _(
                "Round %(n)d is committed: it is drawn once a witness's number or the "
                "lottery numbers are keyed in on the case page.",
                n=round_.round,
            ),
            "info",
        )


def case_panel(case: Any, *, viewer: Any, session: Any, now: datetime) -> Panel:
    """The case page's draws: each round's record and, for whoever may route a new
    case, the round published and waiting for its number, or the pool a round would
    freeze with the button that publishes it (a GET writes nothing); a warning when
    the case's lawyer or mediator conflicts with its parties."""
    outlook = service.draw_outlook(session, viewer, now, case, **draw_settings())
    pending = outlook.pending if outlook else None
    draws = [d for d in service.draws_of(session, case) if d.drawn_at or d.voided_at]
    listed = [*draws, *([pending] if pending else [])]
    shown = (
        {i for d in listed for i in (d.pool or [])}
        | {int(i) for d in listed for i in (d.excluded or {})}
        | {d.chosen_id for d in draws if d.chosen_id is not None}
        | set(outlook.pool if outlook else [])
    )
    short = outlook.short if outlook and not pending else None
    context = {
        "draws": draws,
        "names": service.lawyer_names(session, shown),
        "can_route": pending is not None,
        "pending": pending,
        "to_publish": outlook if outlook and not pending and not short else None,
        "short": _why_no_draw(session, case, short) if short else None,
        "conflicts": pool.conflicts_on_case(session, case),
        "redraw_after": _redraw_after(session, case, now),
        **handon_views.panel_context(case, viewer, session, now),
    }
    return Panel("routing/_draws.html", context, order=10)


def _redraw_after(session: Any, case: Any, now: datetime) -> datetime | None:
    if case.status != "routed":
        return None
    zone = draw_settings()["zone"]
    calendar = overrides(session)
    return service.redraw_after(
        session, now, case, hours=acceptance_hours(), zone=zone, calendar=calendar
    )


def _why_no_draw(session: Any, case: Any, short: DeskError) -> str:
    """Why the case cannot be drawn, with what to do instead."""
    if isinstance(short, service.NotEligible) and case.category_code not in (
        service.listed_specialties(session)
    ):
        return _(
            "No lawyer can be drawn: no active lawyer lists “%(category)s” as a "
            "specialty. Assign a lawyer by hand on this page, or add the specialty to "
            "a lawyer in the directory.",
            category=data_label(case.category),
        )
    if isinstance(short, service.NotEligible):
        return _(
            "No lawyer can be drawn now: every lawyer for this case is full, away, "
            "excluded or conflicted. Assign a lawyer by hand on this page, or check "
            "the directory."
        )
    return explain(short)


@bp.get("/queue")
def queue():
    if not permissions.has_queue(current_user):
        abort(403)
    now = utcnow()
    offered = signals.panels(signals.queue_panels, current_user, session=db.session, now=now)
    page = render_template(
        "routing/queue.html",
        queue=claims.queue_of(db.session, current_user, now, **draw_settings()),
        panels=signals.rendered(offered),
    )
    db.session.commit()  # the summaries shown are in the audit log
    return page


@bp.post("/queue/<reference>/accept")
def accept(reference: str):
    case = cases.case_for_change(db.session, current_user, reference)
    transition(db.session, current_user, utcnow(), case, "accepted")
    db.session.commit()
    flash(_("You accepted %(reference)s.", reference=case.reference), "success")
    return _back_to(case.reference)


@bp.post("/queue/<reference>/decline")
def decline(reference: str):
    case = cases.case_for_change(db.session, current_user, reference)
    try:
        round_ = service.decline(
            db.session, current_user, utcnow(), case, request.form.get("reason"), **draw_settings()
        )
    except DeskError as error:  # back on the queue, saying why (a reason is needed)
        db.session.rollback()
        flash(_("Not declined.") + " " + explain(error), "error")
        return redirect(url_for(".queue"))
    db.session.commit()
    if permissions.may_route(current_user):
        flash(_("Declined."), "info")
        _flash_committed(round_)
    else:  # the desk draws the next round: nothing for the lawyer to do
        flash(_("Declined: the case goes back to the draw without you."), "info")
    return redirect(url_for(".queue"))


@bp.post("/queue/<reference>/claim")
def claim(reference: str):
    """A refused claim stays on the queue with the reason flashed (never the case's
    facts); a case the lawyer already has opens, saying so."""
    try:
        case = claimed(current_user, reference)
    except claims.AlreadyYours as mine:
        flash(_("You already have this case."), "info")  # and here it is
        return redirect(url_for("cases.case_page", reference=mine.reference))
    except DeskError as error:
        db.session.rollback()
        flash(_("Not claimed.") + " " + explain(error), "error")
        return redirect(url_for(".queue"))
    flash(_("The case %(reference)s is yours.", reference=case.reference), "success")
    return redirect(url_for("cases.case_page", reference=case.reference))


@bp.post("/cases/<reference>/commit")
def commit(reference: str):
    """Publish the case's round: its pool frozen and the secret's hash shown, so a
    witness notes them before keying in a number (a round whose pool changed since it
    was published is put aside, in the open, first)."""
    case = cases.case_for_change(db.session, current_user, reference)
    try:
        round_, drawn = service.route(db.session, current_user, utcnow(), case, **draw_settings())
        if drawn:  # a second click after the draw, or another clerk drew it
            raise service.AlreadyAssigned()
    except DeskError as error:
        db.session.rollback()
        flash(_("No commitment was published.") + " " + explain(error), "error")
    else:
        db.session.commit()
        published = _("Round %(n)d is published: let the witness note the commitment.")
        flash(published % {"n": round_.round}, "success")
    return redirect(url_for("cases.case_page", reference=reference) + "#pending-draw")


@bp.post("/cases/<reference>/route")
def route(reference: str):
    """Draw the round whose commitment the page showed (``draw_id``), with the number
    a witness keyed in or the lottery's: a round put aside meanwhile is not drawn."""
    case = cases.case_for_change(db.session, current_user, reference)
    draw_id = whole_from_form(request.form.get("draw_id"))
    try:
        if draw_id is None:
            raise rounds.RoundVoid()
        found, round_ = rounds.round_for_change(db.session, current_user, draw_id)
        if found.id != case.id:
            raise rounds.RoundVoid()
        rounds.contribute(
            db.session, current_user, utcnow(), case, round_, request.form, **draw_settings()
        )
    except rounds.PoolChanged as changed:
        db.session.commit()  # the void round and the new commitment stand
        flash(explain(changed), "error")
        return redirect(url_for("cases.case_page", reference=reference))
    except DeskError as error:
        db.session.rollback()
        flash(_("Not drawn.") + " " + explain(error), "error")
        return redirect(url_for("cases.case_page", reference=reference))
    db.session.commit()
    flash(_("Drawn: %(name)s (round %(n)d).", name=round_.chosen.name, n=round_.round), "success")
    return redirect(url_for("cases.case_page", reference=case.reference))


@bp.post("/cases/<reference>/redraw")
def redraw(reference: str):
    case = cases.case_for_change(db.session, current_user, reference)
    try:
        round_ = service.redraw(
            db.session,
            current_user,
            utcnow(),
            case,
            request.form.get("reason"),
            hours=acceptance_hours(),
            calendar=overrides(db.session),
            **draw_settings(),
        )
    except DeskError as error:
        db.session.rollback()
        flash(_("Not drawn again.") + " " + explain(error), "error")
        return redirect(url_for("cases.case_page", reference=reference))
    db.session.commit()
    _flash_committed(round_)
    return redirect(url_for("cases.case_page", reference=case.reference))


@bp.get("/routing/fairness")
def fairness():
    if not permissions.may_see_fairness(current_user):
        abort(403)
    picked = {name: request.args.get(name, "").strip() for name in ("from", "to")}
    try:
        start, end = day_span(picked["from"], picked["to"])
    except ValidationFailed as refused:  # no figures under the error: they would pass
        errors = {name: [render(m) for m in found] for name, found in refused.fields.items()}
        return render_template(
            "routing/fairness.html", rows=[], test=None, picked=picked, errors=errors
        ), 422
    zone = desk_zone()
    since = datetime.combine(start, time(), zone) if start else None
    until = datetime.combine(end + timedelta(days=1), time(), zone) if end else None
    rows = service.fairness(db.session, since, until)
    test = chi_square(share for _, share in rows)
    return render_template("routing/fairness.html", rows=rows, test=test, picked=picked, errors={})
