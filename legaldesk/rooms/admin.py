"""Keeping the center's rooms (issue 13, item 5): add a room, rename it, retire and
reinstate it. Seats, hours and buffer are ``service.update_room``.

A room is never deleted (its past bookings are the record of what took place); a
retired room takes no new bookings. It is retired only when no booking of it lies
ahead, so nobody arrives at a room the desk no longer offers: the refusal lists
those bookings, to be moved or cancelled first."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.db import DbSession, lock_for_writers
from legaldesk.errors import FieldErrors, Forbidden
from legaldesk.label_rules import refuse_clashes
from legaldesk.rooms.models import Booking, Room
from legaldesk.rooms.room_rules import (
    RoomStillBooked,
    check_kind,
    check_names,
    check_settings,
    name_taken,
)


def _allowed(actor: Actor) -> None:
    if not permissions.may_manage_rooms(actor):
        raise Forbidden()


def all_rooms(session: DbSession) -> list[Room]:
    """Rooms in use first, then retired ones, each in the order they were added."""
    return list(session.scalars(sa.select(Room).order_by(Room.active.desc(), Room.id)))


def _writing(session: DbSession, room: Room | None = None) -> None:
    """Other writers of the rooms wait until this request ends, so the name checks
    below read every name saved before and none is saved until this one is (two
    managers at once on PostgreSQL); ``room``'s ``active`` is read again after the
    wait."""
    lock_for_writers(session, Room)
    if room is not None:
        session.refresh(room, ["active"])


def _name_free(session: DbSession, name: str, room_id: int | None = None) -> None:
    taken = session.scalar(sa.select(Room.id).where(Room.name == name))
    if taken is not None and taken != room_id:
        raise name_taken()


def _refuse_clashes(session: DbSession, names: dict[str, str], room_id: int | None = None) -> None:
    """ValidationFailed when a name reads as the same name of another room in use
    (label_rules): the booking form would offer two rooms alike."""
    query = sa.select(Room.name, Room.name_en).where(Room.active)
    if room_id is not None:
        query = query.where(Room.id != room_id)
    others = [{"name": name, "name_en": name_en or ""} for name, name_en in session.execute(query)]
    errors = FieldErrors()
    refuse_clashes(errors, names, others)
    errors.raise_if_any()


def _flush(session: DbSession) -> None:
    """Flush; the unique name decides a race between two managers."""
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise name_taken() from None


def add_room(session: DbSession, actor: Actor, now: datetime, raw: Any) -> Room:
    _allowed(actor)
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    name, name_en = check_names(errors, raw)
    kind = check_kind(errors, raw.get("kind"))
    settings = check_settings(errors, raw)
    errors.raise_if_any()
    _writing(session)
    _name_free(session, name)
    _refuse_clashes(session, {"name": name, "name_en": name_en})
    room = Room(
        name=name,
        name_en=name_en,
        kind=kind,
        capacity=settings.capacity,
        buffer_minutes=settings.buffer_minutes,
        opening_hours=settings.opening_hours,
        active=True,
        created_at=now,
    )
    session.add(room)
    _flush(session)
    audit.record(
        session, actor, now, "room.add", "room", room.id, {"kind": kind, "capacity": room.capacity}
    )
    return room


def rename_room(session: DbSession, actor: Actor, now: datetime, room: Room, raw: Any) -> None:
    _allowed(actor)
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    name, name_en = check_names(errors, raw)
    errors.raise_if_any()
    if (name, name_en) == (room.name, room.name_en):
        return
    _writing(session, room)
    _name_free(session, name, room.id)
    if room.active:  # a retired room is checked when it is reinstated
        new = {"name": name, "name_en": name_en}
        changed = {k: v for k, v in new.items() if v != getattr(room, k)}
        _refuse_clashes(session, changed, room.id)
    before = [room.name, room.name_en]
    room.name, room.name_en = name, name_en
    _flush(session)
    audit.record(
        session, actor, now, "room.rename", "room", room.id, {"name": [before, [name, name_en]]}
    )


def bookings_ahead(session: DbSession, room: Room, now: datetime) -> list[Booking]:
    """The room's bookings not yet over and not cancelled, soonest first."""
    return list(
        session.scalars(
            sa.select(Booking)
            .where(
                Booking.room_id == room.id,
                Booking.cancelled_at.is_(None),
                Booking.ends_at > now,
            )
            .order_by(Booking.starts_at)
        )
    )


def set_room_active(
    session: DbSession, actor: Actor, now: datetime, room: Room, active: bool
) -> None:
    """Retire (refused with the list while bookings lie ahead) or reinstate; the time
    it was retired is kept for room use, which stops counting its hours open then."""
    _allowed(actor)
    _writing(session, room)
    if room.active == active:
        return
    if active:  # not into a name another room in use took meanwhile
        _refuse_clashes(session, {"name": room.name, "name_en": room.name_en or ""}, room.id)
    if not active:
        # Locked as a booking locks it (service.load_room): a booking made meanwhile
        # is either seen here or refused there.
        session.refresh(room, with_for_update=True)
        ahead = bookings_ahead(session, room, now)
        if ahead:
            raise RoomStillBooked(ahead)
    room.active = active
    room.retired_at = None if active else now
    action = "room.reinstate" if active else "room.retire"
    audit.record(session, actor, now, action, "room", room.id, {})
