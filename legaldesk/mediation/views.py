"""/rooms: the week's bookings of every room, and a form to book one."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import ValidationFailed
from legaldesk.mediation import service
from legaldesk.mediation.models import Booking, Room
from legaldesk.messages import render
from legaldesk.workcal.service import overrides

bp = Blueprint("rooms", __name__)


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def _monday(raw: str | None, today: date) -> date:
    try:
        day = date.fromisoformat(raw) if raw else today
    except ValueError:
        day = today
    if not 1900 <= day.year <= 9998:
        day = today
    return day - timedelta(days=day.weekday())


@bp.get("/rooms")
def week():
    zone = _zone()
    monday = _monday(request.args.get("week"), utcnow().astimezone(zone).date())
    start = datetime.combine(monday, time(), zone)
    bookings = db.session.scalars(
        sa.select(Booking)
        .where(
            Booking.cancelled_at.is_(None),
            Booking.starts_at >= start,
            Booking.starts_at < start + timedelta(days=7),
        )
        .order_by(Booking.starts_at)
    ).all()
    grid: dict[tuple[int, date], list[Booking]] = {}
    for booking in bookings:
        grid.setdefault((booking.room_id, booking.starts_at.astimezone(zone).date()), []).append(
            booking
        )
    return render_template(
        "rooms/week.html",
        rooms=db.session.scalars(sa.select(Room).order_by(Room.id)).all(),
        days=[monday + timedelta(days=i) for i in range(7)],
        grid=grid,
        monday=monday,
        previous=monday - timedelta(days=7),
        following=monday + timedelta(days=7),
        can_book=current_user.role in service.BOOKERS,
    )


@bp.post("/rooms/book")
def book():
    zone = _zone()
    form = request.form
    raw = {
        "room_id": int(form["room_id"]) if form.get("room_id", "").isdigit() else None,
        "title": form.get("title"),
        "purpose": form.get("purpose") or "appointment",
        "attendees": int(form["attendees"]) if form.get("attendees", "").isdigit() else 1,
    }
    for name in ("starts_at", "ends_at"):
        try:
            day = date.fromisoformat(form.get("day", ""))
            moment = time.fromisoformat(form.get(name.replace("_at", ""), ""))
            raw[name] = datetime.combine(day, moment, zone).isoformat()
        except ValueError:
            raw[name] = None
    try:
        booking = service.book(db.session, current_user, utcnow(), raw, zone, overrides(db.session))
    except ValidationFailed as error:
        db.session.rollback()
        details = "; ".join(render(m) for msgs in error.fields.values() for m in msgs)
        flash(_("The room was not booked: %(why)s", why=details), "error")
        return redirect(url_for(".week", week=form.get("day")))
    db.session.commit()
    flash(_("Booked."), "success")
    return redirect(url_for(".week", week=booking.starts_at.astimezone(zone).date().isoformat()))
