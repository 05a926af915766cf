"""JSON endpoints for rooms and bookings, the free-slot finder and each room's feed."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, Response, jsonify, request
from flask_babel import gettext as _

from legaldesk.apikit import api_user, json_body, optional_json_body
from legaldesk.auth.rules import may_see_booking
from legaldesk.clock import local_date, utcnow
from legaldesk.db import db
from legaldesk.errors import NotFound
from legaldesk.i18n import to_local_iso
from legaldesk.messages import render
from legaldesk.rooms import access, feeds, series, service, slots, stored
from legaldesk.rooms.models import Booking, Room
from legaldesk.workcal.service import overrides, warnings
from legaldesk.zone import desk_zone

bp = Blueprint("rooms", __name__)


def booking_json(booking: Booking) -> dict:
    """The booking as its reader may see it: its case's readers see everything (and
    the case's reference); others see that the room is booked, and when."""
    case = access.case_of(db.session, booking)
    if case is not None and not may_see_booking(api_user(), case):
        return {
            "id": booking.id,
            "room_id": booking.room_id,
            "title": _("Booked"),
            "starts_at": to_local_iso(booking.starts_at),
            "ends_at": to_local_iso(booking.ends_at),
            "cancelled": booking.cancelled_at is not None,
            "restricted": True,
        }
    return {
        "consultation": case.reference if case is not None else None,
        "id": booking.id,
        "room_id": booking.room_id,
        "title": booking.title,
        "purpose": booking.purpose,
        "starts_at": to_local_iso(booking.starts_at),
        "ends_at": to_local_iso(booking.ends_at),
        "mediator_id": booking.mediator_id,
        "attendees": booking.attendees,
        "participants": booking.participants or [],
        "series_id": booking.series_id,
        "sequence": booking.sequence,
        "attendance": booking.attendance,
        "cancelled": booking.cancelled_at is not None,
        # e.g. its year's official holidays are not entered yet (counted Monday to Friday)
        "warnings": [
            render(m) for m in warnings(db.session, [local_date(booking.starts_at, desk_zone())])
        ],
        "restricted": False,
    }


def room_json(room: Room) -> dict:
    return {
        "id": room.id,
        "name": room.name,
        "kind": room.kind,
        "capacity": room.capacity,
        "buffer_minutes": room.buffer_minutes,
        "opening_hours": room.opening_hours,
    }


@bp.get("/rooms")
def rooms():
    rows = db.session.scalars(sa.select(Room).where(Room.active).order_by(Room.id)).all()
    return jsonify([room_json(r) for r in rows])


@bp.get("/rooms/free-slots")
def free_slots():
    found = slots.find(
        db.session,
        api_user(),
        utcnow(),
        desk_zone(),
        overrides(db.session),
        request.args.to_dict(),
        limit=5,
    )
    return jsonify(
        [
            {
                "room_id": f.room_id,
                "starts_at": to_local_iso(f.slot.starts_at),
                "ends_at": to_local_iso(f.slot.ends_at),
            }
            for f in found
        ]
    )


@bp.post("/bookings")
def create_booking():
    body, zone, calendar = json_body(), desk_zone(), overrides(db.session)
    if isinstance(body, dict) and body.get("repeat") is not None:
        bookings, skipped = series.book_series(
            db.session, api_user(), utcnow(), body, zone, calendar
        )
        db.session.commit()
        answer = booking_json(bookings[0])
        answer["series"] = {
            "id": bookings[0].series_id,
            "bookings": [booking_json(b) for b in bookings],
            "skipped": [day.isoformat() for day in skipped],
        }
        return jsonify(answer), 201
    booking = service.book(db.session, api_user(), utcnow(), body, zone, calendar)
    db.session.commit()
    return jsonify(booking_json(booking)), 201


@bp.route("/bookings/<id:booking_id>", methods=["GET", "PATCH", "DELETE"])
def booking_resource(booking_id: int):
    """One rule for the three methods: with a rule per method, werkzeug answers 405
    instead of 404 for an id out of range (the converter refuses it after the
    method check of the other rules)."""
    if request.method == "PATCH":
        return change_booking(booking_id)
    if request.method == "DELETE":
        return delete_booking(booking_id)
    booking = stored.get(db.session, booking_id)
    if booking is None:
        raise NotFound()
    return jsonify(booking_json(booking))


def change_booking(booking_id: int):
    """Move a booking (starts_at, ends_at, room_id?) or record attendance."""
    body = json_body()
    body = body if isinstance(body, dict) else {}
    booking = access.booking_to_change(db.session, api_user(), booking_id)
    if "attendance" in body:
        service.record_attendance(
            db.session,
            api_user(),
            utcnow(),
            booking,
            body.get("attendance"),
            body.get("attendance_note"),
        )
    else:
        service.reschedule(
            db.session, api_user(), utcnow(), booking, body, desk_zone(), overrides(db.session)
        )
    db.session.commit()
    return jsonify(booking_json(booking))


def delete_booking(booking_id: int):
    """Cancel one booking; ?following=true also cancels the later ones of its series.
    A booking that has begun needs a coordinator's ``past_reason``, in a JSON body or
    the query string (a DELETE with a body is not understood by every client)."""
    booking = access.booking_to_change(db.session, api_user(), booking_id)
    following = request.args.get("following", "").lower() in ("1", "true", "yes")
    reason = optional_json_body().get("past_reason", request.args.get("past_reason"))
    service.cancel(db.session, api_user(), utcnow(), booking, following, reason)
    db.session.commit()
    return "", 204


@bp.get("/rooms/<id:room_id>/calendar.ics")
def room_calendar(room_id: int):
    room = db.session.get(Room, room_id)
    if room is None:
        raise NotFound()
    bookings = feeds.room_feed_bookings(db.session, room.id)
    body = feeds.calendar_of(
        room.name,
        bookings,
        desk_zone(),
        request.host.split(":")[0],
        access.hidden(db.session, api_user(), bookings),
        _("Booked"),
    )
    return Response(body, mimetype="text/calendar")
