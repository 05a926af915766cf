"""The lottery page (/routing/pending): the new cases waiting for a draw, their
commitments published together, and all drawn at once with the numbers of a public
lottery draw held after the last commitment."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.auth import rules as permissions
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import DeskError
from legaldesk.flashing import explain
from legaldesk.routing import batch, rounds
from legaldesk.routing.edge import draw_settings
from legaldesk.validation import whole_from_form

bp = Blueprint("lottery", __name__)


def _allowed() -> None:
    if not permissions.may_route(current_user):
        abort(403)


@bp.get("/routing/pending")
def pending():
    _allowed()
    waiting = batch.waiting_cases(db.session, current_user, utcnow(), **draw_settings())
    committed = [w.round_ for w in waiting if w.round_ is not None]
    last = max((r.committed_at for r in committed), default=None)
    why = {  # the too-few message says what to do; "nobody at all" needs saying
        w.case.id: explain(w.short)
        if isinstance(w.short, rounds.PoolTooSmall)
        else _("Cannot be drawn: assign a lawyer by hand on the case page.")
        for w in waiting
        if w.short is not None
    }
    return render_template("routing/pending.html", waiting=waiting, last=last, why=why)


@bp.post("/routing/pending/commit")
def commit():
    _allowed()
    found = batch.commit_waiting(
        db.session,
        current_user,
        utcnow(),
        urgent_too=request.form.get("urgent_too") == "1",
        **draw_settings(),
    )
    db.session.commit()
    fresh = sum(1 for w in found if w.fresh)
    waiting = sum(1 for w in found if w.round_ is not None)
    short = sum(1 for w in found if w.short is not None)
    flash(
        _(
            "%(fresh)d commitments published now; %(n)d cases wait for the lottery with "
            "a published commitment.",
            fresh=fresh,
            n=waiting,
        ),
        "success",
    )
    if short:
        flash(
            _("%(n)d cases cannot be drawn (too few eligible): assign them by hand.", n=short),
            "info",
        )
    return redirect(url_for(".pending"))


@bp.post("/routing/pending/draw")
def draw():
    _allowed()
    found = (whole_from_form(i) for i in request.form.getlist("draw_id"))
    ids = [i for i in found if i is not None][: batch.BATCH_LIMIT]
    if not ids:
        flash(_("Tick the cases to draw."), "error")
        return redirect(url_for(".pending"))
    try:
        outcomes = batch.draw_with_lottery(
            db.session,
            current_user,
            utcnow(),
            ids,
            request.form.get("contribution"),
            **draw_settings(),
        )
    except DeskError as error:
        db.session.rollback()
        flash(_("Not drawn.") + " " + explain(error), "error")
        return redirect(url_for(".pending"))
    db.session.commit()
    drawn = [o for o in outcomes if o.drawn]
    flash(_("%(n)d cases drawn with the lottery numbers.", n=len(drawn)), "success")
    for outcome in outcomes:
        if outcome.error is not None:
            flash(f"{outcome.reference}: {explain(outcome.error)}", "error")
    return redirect(url_for(".pending"))
