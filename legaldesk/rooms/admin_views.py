"""/rooms/manage and /rooms/<id>/settings: the managers keep the center's rooms (add,
rename, seats and hours, retire once no booking lies ahead, reinstate)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from legaldesk.auth import rules as permissions
from legaldesk.clock import utcnow
from legaldesk.db import db
from legaldesk.errors import DeskError, Forbidden, NotFound
from legaldesk.flashing import explain, explain_beside_fields
from legaldesk.messages import render
from legaldesk.rooms import admin, service
from legaldesk.rooms.models import Room
from legaldesk.rooms.room_rules import ROOM_KINDS, RoomStillBooked
from legaldesk.validation import whole_from_form

bp = Blueprint("room_admin", __name__)


@bp.before_request
def managers_only():
    if current_user.is_authenticated and not permissions.may_manage_rooms(current_user):
        raise Forbidden()


def _room(room_id: int) -> Room:
    room = db.session.get(Room, room_id)
    if room is None:
        raise NotFound()
    return room


def _raw(form: Any) -> dict[str, Any]:
    """A room form's fields in the services' shape (numbers read as typed, full-width
    digits too)."""
    raw: dict[str, Any] = {k: form.get(k, "") for k in ("name", "name_en", "kind")}
    raw["capacity"] = whole_from_form(form.get("capacity"))
    raw["buffer_minutes"] = whole_from_form(form.get("buffer_minutes") or "0")
    raw["opening_hours"] = form.get("opening_hours", "")
    return raw


def _fields(error: DeskError) -> dict[str, list[str]]:
    return {name: [render(m) for m in messages] for name, messages in error.fields.items()}


def _list_page(errors: dict | None = None, entered: Any = None, status: int = 200):
    return render_template(
        "rooms/manage.html",
        rooms=admin.all_rooms(db.session),
        kinds=ROOM_KINDS,
        errors=errors or {},
        entered=entered or {},
    ), status


# The fields the add and settings forms show each with its own error.
ADD_FIELDS = ("name", "name_en", "kind", "capacity", "opening_hours", "buffer_minutes")


@bp.get("/rooms/manage")
def rooms():
    return _list_page()


@bp.post("/rooms/manage")
def add_room():
    try:
        room = admin.add_room(db.session, current_user, utcnow(), _raw(request.form))
    except DeskError as error:
        db.session.rollback()
        why = explain_beside_fields(error, ADD_FIELDS)
        flash(_("The room was not added: %(why)s", why=why), "error")
        return _list_page(_fields(error), request.form, error.status)
    db.session.commit()
    flash(_("Added %(code)s.", code=room.name), "success")
    return redirect(url_for(".rooms"))


def _settings_page(
    room: Room,
    errors: dict | None = None,
    ahead: Any = None,
    status: int = 200,
    entered: Any = None,
):
    return render_template(
        "rooms/settings.html",
        room=room,
        errors=errors or {},
        ahead=ahead or [],
        entered=entered or {},
    ), status


@bp.route("/rooms/<id:room_id>/settings", methods=["GET", "POST"])
def room_settings(room_id: int):
    """Name, seats, opening hours and the buffer between bookings."""
    room = _room(room_id)
    if request.method == "GET":
        # What stands in the way of retiring it, shown before anyone tries.
        ahead = admin.bookings_ahead(db.session, room, utcnow()) if room.active else []
        return _settings_page(room, ahead=ahead)
    raw, now = _raw(request.form), utcnow()
    try:
        if "name" in request.form:
            admin.rename_room(db.session, current_user, now, room, raw)
        service.update_room(db.session, current_user, now, room, raw)
    except DeskError as error:
        db.session.rollback()
        why = explain_beside_fields(error, ADD_FIELDS)
        flash(_("The room was not changed: %(why)s", why=why), "error")
        return _settings_page(
            _room(room_id), _fields(error), status=error.status, entered=request.form
        )
    db.session.commit()
    flash(_("Saved."), "success")
    return redirect(url_for(".room_settings", room_id=room_id))


@bp.post("/rooms/<id:room_id>/<any(retire, reinstate):verb>")
def retire_room(room_id: int, verb: str):
    room = _room(room_id)
    try:
        admin.set_room_active(db.session, current_user, utcnow(), room, verb == "reinstate")
    except RoomStillBooked as refused:
        db.session.rollback()
        flash(_("The room was not retired: %(why)s", why=explain(refused)), "error")
        # Back to the settings page (it lists the bookings ahead): a reload never posts.
        return redirect(url_for(".room_settings", room_id=room_id) + "#bookings-ahead")
    except DeskError as refused:  # reinstating into a name another room in use took
        db.session.rollback()
        flash(_("The room was not reinstated: %(why)s", why=explain(refused)), "error")
        return redirect(url_for(".room_settings", room_id=room_id))
    db.session.commit()
    if verb == "retire":
        flash(_("Retired: the room takes no new bookings; its past bookings stay."), "success")
    else:
        flash(_("Reinstated: the room can be booked again."), "success")
    return redirect(url_for(".room_settings", room_id=room_id))
