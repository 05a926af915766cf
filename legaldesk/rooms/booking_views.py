"""One booking's page (move, cancel, attendance), room settings, and calendar links."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.auth import rules as permissions
from legaldesk.auth.rules import (
    may_book_in_the_past,
    may_change_booking,
    may_change_started_booking,
    may_see_booking,
)
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import DeskError, NotFound
from legaldesk.flashing import attempt, explain
from legaldesk.publicity import public
from legaldesk.rooms import access, feeds, service, stored
from legaldesk.rooms.forms import booking_fields, shown_errors
from legaldesk.rooms.models import Booking, Room
from legaldesk.rooms.rules import ATTENDANCE, has_started
from legaldesk.workcal.service import overrides
from legaldesk.zone import desk_zone

bp = Blueprint("bookings", __name__)


def _booking(booking_id: int) -> Booking:
    booking = stored.get(db.session, booking_id)
    if booking is None:
        raise NotFound()
    return booking


@bp.get("/rooms/bookings/<id:booking_id>")
def booking_page(booking_id: int):
    """The booking; its title, case and participants only for the case's readers."""
    return _page(booking_id)


def _page(booking_id: int, entered: Any = None, form_errors: Any = None) -> str:
    """The booking's page; after a refused move, the move form as typed (``entered``)
    with each reason at its field (``form_errors``)."""
    booking = _booking(booking_id)
    case = access.case_of(db.session, booking)
    shown = may_see_booking(current_user, case)
    return render_template(
        "rooms/booking.html",
        booking=booking,
        shown=shown,
        reference=case.reference if case is not None and shown else None,
        rooms=db.session.scalars(  # moves go to rooms in use (or stay in this one)
            sa.select(Room).where(sa.or_(Room.active, Room.id == booking.room_id)).order_by(Room.id)
        ).all(),
        may_change=may_change_booking(current_user, booking, case),
        may_backdate=may_book_in_the_past(current_user),
        may_change_started=may_change_started_booking(current_user),
        started=has_started(booking.starts_at, utcnow()),
        attendance=ATTENDANCE,
        local=booking.starts_at.astimezone(desk_zone()),
        local_end=booking.ends_at.astimezone(desk_zone()),
        entered=entered or {},
        form_errors=form_errors or {},
    )


@bp.post("/rooms/bookings/<id:booking_id>/move")
def move(booking_id: int):
    """Move a booking; a refusal (a clash, outside hours, a date or time that is none)
    shows the page again with everything typed and the reason at its field."""
    form = request.form
    fields, shape = booking_fields(form, desk_zone())
    raw = {name: fields[name] for name in ("room_id", "starts_at", "ends_at", "past_reason")}
    try:
        shape.raise_if_any()
        service.reschedule(
            db.session,
            current_user,
            utcnow(),
            access.booking_to_change(db.session, current_user, booking_id),
            raw,
            desk_zone(),
            overrides(db.session),
        )
    except DeskError as error:
        db.session.rollback()
        flash(" ".join((_("The booking was not moved:"), explain(error))), "error")
        return _page(booking_id, entered=form, form_errors=shown_errors(error)), error.status
    db.session.commit()
    flash(_("Moved. Calendars that subscribe to the feed will follow."), "success")
    return redirect(url_for(".booking_page", booking_id=booking_id))


@bp.post("/rooms/bookings/<id:booking_id>/cancel")
def cancel(booking_id: int):
    following = request.form.get("following") == "1"

    def change() -> list[Booking]:
        booking = access.booking_to_change(db.session, current_user, booking_id)
        reason = request.form.get("past_reason")
        return service.cancel(db.session, current_user, utcnow(), booking, following, reason)

    done = attempt(change, _("The booking was not cancelled:"))
    if done is not None:
        flash(_("Cancelled %(n)d booking(s); the time is free again.", n=len(done)), "success")
    return redirect(url_for(".booking_page", booking_id=booking_id))


@bp.post("/rooms/bookings/<id:booking_id>/attendance")
def attendance(booking_id: int):
    attempt(
        lambda: service.record_attendance(
            db.session,
            current_user,
            utcnow(),
            access.booking_to_change(db.session, current_user, booking_id),
            request.form.get("attendance"),
            request.form.get("note", ""),
        ),
        _("Attendance was not recorded:"),
        _("Attendance recorded."),
    )
    return redirect(url_for(".booking_page", booking_id=booking_id))


@bp.post("/rooms/my-calendar-link")
def calendar_link():
    """A new secret feed URL for the signed-in lawyer, shown once (the old one stops)."""
    if not permissions.may_get_own_feed(current_user):
        abort(403)
    token = feeds.new_lawyer_token(db.session, current_user, utcnow(), current_user.lawyer_id)
    db.session.commit()
    url = url_for(".lawyer_feed", token=token, _external=True)
    return render_template("rooms/calendar_link.html", url=url, room=None)


@bp.post("/rooms/<id:room_id>/calendar-link")
def room_calendar_link(room_id: int):
    """A new secret feed URL for a room, shown once (the old one stops working)."""
    room = db.session.get(Room, room_id)
    if room is None:
        raise NotFound()
    token = feeds.new_room_token(db.session, current_user, utcnow(), room)
    db.session.commit()
    url = url_for(".room_feed", token=token, _external=True)
    return render_template("rooms/calendar_link.html", url=url, room=room)


def _feed(owner, bookings, reader) -> Response:
    """An owner's bookings as iCalendar, or 404 for an unknown secret; bookings whose
    case ``reader`` may not read show only "booked"."""
    if owner is None:
        abort(404)
    listed = bookings(owner)
    body = feeds.calendar_of(
        owner.name,
        listed,
        desk_zone(),
        request.host.split(":")[0],
        access.hidden(db.session, reader(owner), listed),
        _("Booked"),
    )
    return Response(body, mimetype="text/calendar")


@bp.get("/calendar/rooms/<token>.ics")
@public
def room_feed(token: str):
    """A room's bookings for calendar apps: the URL is the key. It is shared (a
    tablet at the door, a team calendar), so its holder is nobody in particular and
    sees the case's bookings as "booked"."""
    return _feed(
        feeds.room_for_token(db.session, token),
        lambda room: feeds.room_feed_bookings(db.session, room.id),
        lambda room: None,
    )


@bp.get("/calendar/<token>.ics")
@public
def lawyer_feed(token: str):
    """A lawyer's sessions for calendar apps, which cannot log in: the URL is the key."""
    return _feed(
        feeds.lawyer_for_token(db.session, token),
        lambda lawyer: feeds.lawyer_feed_bookings(db.session, lawyer),
        lambda lawyer: feeds.FeedReader(lawyer.id),
    )
