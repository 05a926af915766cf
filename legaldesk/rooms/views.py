"""/rooms: the week's bookings of every room, booking (once or as a series), and
the finder for the next free mediation slot."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from legaldesk import signals
from legaldesk.auth import rules as permissions
from legaldesk.auth.rules import may_name_mediator
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import DeskError, FieldErrors
from legaldesk.flashing import attempt, explain
from legaldesk.rooms import access, forms, series, service, slots, stored
from legaldesk.rooms.models import Booking, Room
from legaldesk.rooms.rules import PURPOSES
from legaldesk.routing.service import all_lawyers
from legaldesk.workcal.rules import ISO_WEEKDAYS, next_working_day
from legaldesk.workcal.service import overrides
from legaldesk.zone import desk_today, desk_zone

bp = Blueprint("rooms", __name__)


def _monday(raw: str | None, today: date) -> date:
    try:
        day = date.fromisoformat(raw) if raw else today
    except ValueError:
        day = today
    if not 1900 <= day.year <= 9998:
        day = today
    return day - timedelta(days=day.weekday())


def _week_page(monday: date, **extra):
    """The week from ``monday``; the booking form (``entered``: what was typed, with
    ``form_errors`` by field) offers the next working day, or the week's first one."""
    local = desk_zone()
    calendar = overrides(db.session)
    tomorrow = utcnow().astimezone(local).date() + timedelta(days=1)
    extra.setdefault("entered", {})
    extra.setdefault("form_errors", {})
    start = datetime.combine(monday, time(), local)
    bookings = stored.starting_in(db.session, start, days=7)
    grid: dict[tuple[int, date], list[Booking]] = {}
    for booking in bookings:
        day = booking.starts_at.astimezone(local).date()
        grid.setdefault((booking.room_id, day), []).append(booking)
    return render_template(
        "rooms/week.html",
        rooms=db.session.scalars(  # rooms in use, and retired ones with bookings this week
            sa.select(Room)
            .where(sa.or_(Room.active, Room.id.in_({b.room_id for b in bookings})))
            .order_by(Room.id)
        ).all(),
        days=[monday + timedelta(days=i) for i in range(7)],
        grid=grid,
        hidden=access.hidden(db.session, current_user, bookings),
        monday=monday,
        previous=monday - timedelta(days=7),
        following=monday + timedelta(days=7),
        can_book=permissions.may_book_rooms(current_user),
        can_manage=permissions.may_manage_rooms(current_user),
        purposes=PURPOSES,
        lawyers=[lawyer for lawyer in all_lawyers(db.session) if lawyer.active],
        weekdays=ISO_WEEKDAYS,
        first_day=next_working_day(max(tomorrow, monday), calendar),
        **extra,
    )


@bp.get("/rooms")
def week():
    return _week_page(_monday(request.args.get("week"), desk_today()))


def booking_request(form: MultiDict) -> tuple[dict, FieldErrors]:
    """The form's fields in the API's shape (the service checks them), and what is
    wrong with their shape."""
    raw, shape = forms.booking_fields(form, desk_zone())
    if raw["consultation"] and raw["purpose"] == "mediation_session":
        # both sides of the case's mediation, if the mediation wing answers
        raw["participants"] = (
            signals.first_answer(
                signals.session_participants,
                raw["consultation"],
                viewer=current_user,
                session=db.session,
            )
            or []
        )
    return raw, shape


@bp.post("/rooms/book")
def book():
    form, local = request.form, desk_zone()
    raw, shape = booking_request(form)
    now, calendar = utcnow(), overrides(db.session)
    week_of = _monday(form.get("day"), now.astimezone(local).date())
    try:
        shape.raise_if_any()
        if "repeat" in raw:
            made, skipped = series.book_series(db.session, current_user, now, raw, local, calendar)
        else:
            made, skipped = [service.book(db.session, current_user, now, raw, local, calendar)], []
    except series.SeriesConflict as clash:
        db.session.rollback()
        flash(_("Nothing was booked: %(why)s", why=explain(clash)), "error")
        return _week_page(
            week_of,
            pending=form,
            entered=form,
            problem_dates=sorted(
                set(clash.dates) | {date.fromisoformat(d) for d in raw["repeat"]["skip"]}
            ),
        ), 409
    except DeskError as error:
        db.session.rollback()
        flash(_("The room was not booked: %(why)s", why=explain(error)), "error")
        return _week_page(week_of, entered=form, form_errors=forms.shown_errors(error)), (
            error.status
        )
    db.session.commit()
    if skipped:
        flash(
            _(
                "Booked %(n)d dates; skipped as you asked: %(days)s.",
                n=len(made),
                days=", ".join(d.isoformat() for d in skipped),
            ),
            "success",
        )
    else:
        flash(_("Booked %(n)d dates.", n=len(made)) if len(made) > 1 else _("Booked."), "success")
    return redirect(url_for("bookings.booking_page", booking_id=made[0].id))


@bp.get("/rooms/find")
def find():
    """The next free slots in a mediation room with a mediator, on both sides' days."""
    args = request.args
    raw = {
        "mediator_id": args.get("mediator_id"),
        "minutes": args.get("minutes"),
        "applicant_days": ",".join(args.getlist("applicant_days")),
        "respondent_days": ",".join(args.getlist("respondent_days")),
    }
    found = (
        attempt(
            lambda: slots.find(
                db.session, current_user, utcnow(), desk_zone(), overrides(db.session), raw, limit=5
            ),
            _("No search was made:"),
        )
        if "minutes" in args
        else None
    )
    reference = args.get("consultation") or ""
    return render_template(
        "rooms/find.html",
        found=found,
        args=args,
        rooms={room.id: room for room in db.session.scalars(sa.select(Room))},
        lawyers=[
            lawyer
            for lawyer in all_lawyers(db.session)
            if lawyer.active and may_name_mediator(current_user, lawyer.id)
        ],
        weekdays=ISO_WEEKDAYS,
        reference=reference,
        minutes=slots.LENGTHS,
        can_book=permissions.may_book_rooms(current_user),
    )
