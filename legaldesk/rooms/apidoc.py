"""The rooms and bookings part of the OpenAPI document (see legaldesk/openapi.py)."""

from __future__ import annotations

from typing import Any

from legaldesk.openapi import ApiDoc, content, errors, query, ref
from legaldesk.rooms.rules import ATTENDANCE, MAX_OCCURRENCES, PURPOSES
from legaldesk.rooms.slots import LENGTHS

BOOKING_ID = {"name": "booking_id", "in": "path", "required": True, "schema": {"type": "integer"}}
WHEN = {"type": "string", "format": "date-time"}
WEEKDAYS = {"type": "string", "pattern": "^[1-7](,[1-7])*$"}

SCHEMAS: dict[str, Any] = {
    "Room": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "name": {"type": "string"},
            "kind": {
                "type": "string",
                "enum": [
                    "consultation_window",
                    "mediation",
                    "legal_education",
                    "legislative_contact",
                ],
            },
            "capacity": {"type": "integer"},
            "buffer_minutes": {"type": "integer"},
            "opening_hours": {"type": "string", "examples": ["08:30-12:00,13:30-17:30"]},
        },
    },
    "Booking": {
        "type": "object",
        "description": "A booking of a case the reader may not read is restricted: only "
        "id, room_id, starts_at, ends_at, cancelled, and the title 'Booked'.",
        "properties": {
            "id": {"type": "integer"},
            "room_id": {"type": "integer"},
            "title": {"type": "string"},
            "consultation": {"type": ["string", "null"], "description": "the case reference"},
            "restricted": {"type": "boolean"},
            "purpose": {"type": "string", "enum": list(PURPOSES)},
            "starts_at": WHEN,
            "ends_at": WHEN,
            "mediator_id": {"type": ["integer", "null"]},
            "attendees": {"type": "integer"},
            "participants": {"type": "array", "items": ref("Participant")},
            "series_id": {"type": ["integer", "null"]},
            "sequence": {"type": "integer", "description": "iCalendar SEQUENCE"},
            "attendance": {"type": ["string", "null"], "enum": [*ATTENDANCE, None]},
            "cancelled": {"type": "boolean"},
        },
    },
    "Participant": {
        "type": "object",
        "required": ["name"],
        "properties": {
            "name": {"type": "string", "maxLength": 100},
            "email": {"type": ["string", "null"], "format": "email"},
        },
    },
    "BookingRequest": {
        "type": "object",
        "required": ["room_id", "starts_at", "ends_at", "title"],
        "properties": {
            "room_id": {"type": "integer"},
            "starts_at": WHEN,
            "ends_at": WHEN,
            "title": {"type": "string", "maxLength": 200},
            "purpose": {"type": "string", "enum": list(PURPOSES)},
            "consultation": {
                "type": "string",
                "description": "a case reference: only its mediator, coordinators and admins "
                "may tie a booking to a case",
            },
            "past_reason": {
                "type": "string",
                "maxLength": 500,
                "description": "why a coordinator records a session that has begun (audited); "
                "nobody else may book in the past",
            },
            "mediator_id": {
                "type": "integer",
                "description": "coordinators and admins name any lawyer, a lawyer only "
                "themself, others nobody (422, whether or not that lawyer is busy)",
            },
            "attendees": {"type": "integer", "minimum": 1},
            "participants": {"type": "array", "items": ref("Participant"), "maxItems": 30},
            "repeat": {
                "type": "object",
                "description": "A series: every occurrence is booked, or none and each "
                "problem date is listed (409 series_conflict); dates in skip are left out "
                "and reported back.",
                "required": ["count"],
                "properties": {
                    "count": {"type": "integer", "minimum": 2, "maximum": MAX_OCCURRENCES},
                    "every_days": {"type": "integer", "minimum": 1, "maximum": 28},
                    "skip": {"type": "array", "items": {"type": "string", "format": "date"}},
                },
            },
        },
    },
    "BookingChange": {
        "type": "object",
        "description": "Either a move (starts_at, ends_at, room_id?) or attendance.",
        "properties": {
            "starts_at": WHEN,
            "ends_at": WHEN,
            "room_id": {"type": "integer"},
            "past_reason": {
                "type": "string",
                "maxLength": 500,
                "description": "a coordinator's reason (audited) for moving a booking that "
                "has begun or moving one into the past; others get 409 booking_started, "
                "and nobody moves one whose attendance is recorded (409 attendance_recorded)",
            },
            "attendance": {"type": "string", "enum": list(ATTENDANCE)},
            "attendance_note": {"type": "string", "maxLength": 500},
        },
    },
    "FreeSlot": {
        "type": "object",
        "properties": {"room_id": {"type": "integer"}, "starts_at": WHEN, "ends_at": WHEN},
    },
}

PATHS: dict[str, Any] = {
    "/rooms": {
        "get": {
            "summary": "The center's bookable rooms",
            "responses": {
                "200": content({"type": "array", "items": ref("Room")}),
                **errors(401),
            },
        },
    },
    "/rooms/free-slots": {
        "get": {
            "summary": "The next free slots in a mediation room for a mediator, on "
            "weekdays both parties prefer",
            "parameters": [
                query("mediator_id", {"type": "integer"}),
                query("minutes", {"type": "integer", "enum": list(LENGTHS)}, "default 120"),
                query("applicant_days", WEEKDAYS, "ISO weekdays, 1 = Monday"),
                query("respondent_days", WEEKDAYS, "ISO weekdays, 1 = Monday"),
            ],
            "responses": {
                "200": content({"type": "array", "items": ref("FreeSlot")}),
                **errors(401, 422),
            },
        },
    },
    "/bookings": {
        "post": {
            "summary": "Book a room, or a series (never overlapping a booking of the room "
            "or mediator)",
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("BookingRequest")}},
            },
            "responses": {
                "201": content(ref("Booking"), "Created"),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
    "/bookings/{booking_id}": {
        "get": {
            "summary": "One booking",
            "parameters": [BOOKING_ID],
            "responses": {"200": content(ref("Booking")), **errors(401, 404)},
        },
        "patch": {
            "summary": "Move a booking in one step, or record attendance (an unexcused "
            "no-show fails its mediation)",
            "parameters": [BOOKING_ID],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": ref("BookingChange")}},
            },
            "responses": {
                "200": content(ref("Booking")),
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
        "delete": {
            "summary": "Cancel a booking (and with following=true the later dates of its "
            "series that have not begun)",
            "parameters": [
                BOOKING_ID,
                query("following", {"type": "boolean"}),
                query(
                    "past_reason",
                    {"type": "string", "maxLength": 500},
                    "a coordinator's reason (audited) to cancel a booking that has begun; "
                    "also taken from a JSON body; others get 409 booking_started",
                ),
            ],
            "responses": {
                "204": {"description": "Cancelled"},
                **errors(400, 401, 403, 404, 409, 422),
            },
        },
    },
    "/rooms/{room_id}/calendar.ics": {
        "get": {
            "summary": "iCalendar (RFC 5545) of the room's bookings",
            "parameters": [
                {"name": "room_id", "in": "path", "required": True, "schema": {"type": "integer"}}
            ],
            "responses": {
                "200": {
                    "description": "OK",
                    "content": {"text/calendar": {"schema": {"type": "string"}}},
                },
                **errors(401, 404),
            },
        },
    },
}

DOC = ApiDoc(SCHEMAS, PATHS)
