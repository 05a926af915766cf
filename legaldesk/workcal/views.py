"""/calendar: coordinators enter the center's holidays and adjusted working days."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.auth.rules import may_keep_calendar
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.flashing import attempt
from legaldesk.messages import render
from legaldesk.validation import whole_from_form
from legaldesk.workcal import rules, service
from legaldesk.zone import desk_today, desk_zone

bp = Blueprint("workcal", __name__)


def _managers_only() -> None:
    if not may_keep_calendar(current_user):
        abort(403)


def _day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw or "")
    except ValueError:
        return None


@bp.get("/calendar")
def calendar():
    """The entries; beside each holiday still ahead, what it holds (bookings made
    before it was entered, which stay where they are until someone moves them)."""
    _managers_only()
    today, entries = desk_today(), service.entries(db.session)
    held = {
        e.day: service.held_on(db.session, e.day, desk_zone())
        for e in entries
        if not e.working and e.day >= today
    }
    return render_template(
        "workcal/calendar.html",
        entries=entries,
        held=held,
        years=service.years(db.session, today),
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

    loaded: list[dict[date, bool]] = []

    def closed_day(day: date) -> bool:
        """Not a working day (e.g. a holiday entered after bookings were made); the
        entries are read once per page, when it first asks."""
        if not loaded:
            loaded.append(service.overrides(db.session))
        return not rules.is_working_day(day, loaded[0])

    return {"calendar_warnings": calendar_warnings, "closed_day": closed_day}


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
        held = [] if working else service.held_on(db.session, day, desk_zone())
        if held:
            flash(
                _(
                    "This day already holds %(n)d booking(s). They stay as they are: "
                    "tell the people concerned, or move them (listed below).",
                    n=len(held),
                ),
                "warning",
            )
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
