"""JSON endpoints for rooms and bookings, and each room's iCalendar feed."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask import Blueprint, Response, current_app, jsonify, request
from icalendar import Calendar, Event

from legaldesk.api import api_user, json_body
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import NotFound
from legaldesk.i18n import to_local_iso
from legaldesk.mediation import service
from legaldesk.mediation.models import Booking, Room
from legaldesk.workcal.service import overrides

bp = Blueprint("mediation", __name__)


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config["TIMEZONE"])


def booking_json(booking: Booking) -> dict:
    return {
        "id": booking.id,
        "room_id": booking.room_id,
        "title": booking.title,
        "purpose": booking.purpose,
        "starts_at": to_local_iso(booking.starts_at),
        "ends_at": to_local_iso(booking.ends_at),
        "mediator_id": booking.mediator_id,
        "attendees": booking.attendees,
        "cancelled": booking.cancelled_at is not None,
    }


@bp.get("/rooms")
def rooms():
    rows = db.session.scalars(sa.select(Room).order_by(Room.id)).all()
    return jsonify(
        [
            {
                "id": r.id,
                "name": r.name,
                "kind": r.kind,
                "capacity": r.capacity,
                "buffer_minutes": r.buffer_minutes,
            }
            for r in rows
        ]
    )


@bp.post("/bookings")
def create_booking():
    booking = service.book(
        db.session, api_user(), utcnow(), json_body(), _zone(), overrides(db.session)
    )
    db.session.commit()
    return jsonify(booking_json(booking)), 201


@bp.delete("/bookings/<id:booking_id>")
def delete_booking(booking_id: int):
    booking = db.session.get(Booking, booking_id)
    if booking is None:
        raise NotFound()
    service.cancel(db.session, api_user(), utcnow(), booking)
    db.session.commit()
    return "", 204


@bp.get("/rooms/<id:room_id>/calendar.ics")
def room_calendar(room_id: int):
    room = db.session.get(Room, room_id)
    if room is None:
        raise NotFound()
    calendar = Calendar()
    calendar.add("prodid", "-//LegalDesk//rooms//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", room.name)
    zone = _zone()
    host = request.host.split(":")[0]
    for booking in service.room_bookings(db.session, room):
        event = Event()
        event.add("uid", f"booking-{booking.id}@{host}")
        event.add("summary", booking.title)
        event.add("dtstart", booking.starts_at.astimezone(zone))
        event.add("dtend", booking.ends_at.astimezone(zone))
        event.add("dtstamp", booking.created_at)
        event.add("sequence", booking.sequence)
        event.add("status", "CANCELLED" if booking.cancelled_at else "CONFIRMED")
        calendar.add_component(event)
    return Response(calendar.to_ical(), mimetype="text/calendar")
