"""/calendar: coordinators enter the center's holidays and adjusted working days."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.clock import local_date, utcnow
from legaldesk.db import db
from legaldesk.flashing import attempt
from legaldesk.messages import render
from legaldesk.validation import whole_from_form
from legaldesk.workcal import service

bp = Blueprint("workcal", __name__)


def _managers_only() -> None:
    if current_user.role not in ("coordinator", "admin"):
        abort(403)


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        return None


@bp.get("/calendar")
def calendar():
    _managers_only()
    return render_template(
        "workcal/calendar.html",
        entries=service.entries(db.session),
        years=service.years(db.session, local_date(utcnow())),
    )


@bp.post("/calendar/years")
def confirm_year():
    """The coordinator has entered a year's official holidays: its warnings go."""
    _managers_only()
    attempt(
        lambda: service.confirm_year(
            db.session, current_user, utcnow(), whole_from_form(request.form.get("year"))
        ),
        _("The year was not confirmed:"),
        _("Confirmed: its dates no longer carry a warning."),
    )
    return redirect(url_for(".calendar"))


@bp.app_context_processor
def calendar_warnings_helper():
    """``calendar_warnings(day, ...)`` in templates: the warnings for days in years
    whose official holidays are not entered yet (only queried where a page asks)."""

    def calendar_warnings(*days: date | None) -> list[str]:
        return [render(m) for m in service.warnings(db.session, list(days))]

    return {"calendar_warnings": calendar_warnings}


@bp.post("/calendar")
def set_day():
    _managers_only()
    day = _day(request.form.get("day"))
    if day is None or not 1900 <= day.year <= 9998:
        flash(_("Enter a date as YYYY-MM-DD."), "error")
    else:
        working = request.form.get("working") == "1"
        service.set_day(db.session, current_user, utcnow(), day, working, request.form.get("note"))
        db.session.commit()
        flash(_("Saved."), "success")
    return redirect(url_for(".calendar"))


@bp.post("/calendar/<day>/delete")
def remove_day(day: str):
    _managers_only()
    parsed = _day(day)
    if parsed is None:
        abort(404)
    service.remove_day(db.session, current_user, utcnow(), parsed)
    db.session.commit()
    flash(_("Removed: the official calendar applies to that day again."), "success")
    return redirect(url_for(".calendar"))
