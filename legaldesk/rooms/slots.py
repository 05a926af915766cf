"""The free-slot finder's use case: gather the rooms' and the mediator's bookings."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.db import DbSession
from legaldesk.errors import FieldErrors, ValidationFailed
from legaldesk.messages import N_, Msg
from legaldesk.rooms import access
from legaldesk.rooms.finder import FreeSlot, RoomPlan, Search, next_free, shared_days
from legaldesk.rooms.models import Booking, Room
from legaldesk.rooms.rules import room_hours
from legaldesk.routing.models import Lawyer

LENGTHS = (30, 60, 90, 120, 150, 180, 240)


def _days(errors: FieldErrors, raw: Any, name: str) -> list[int]:
    """ISO weekdays from "1,3" or [1, 3]; empty means any day."""
    if raw in (None, ""):
        return []
    parts = raw.split(",") if isinstance(raw, str) else raw
    try:
        days = sorted({int(p) for p in parts})
    except (TypeError, ValueError):
        days = [0]
    if not days or any(not 1 <= d <= 7 for d in days):
        errors.add(name, Msg(N_("Choose weekdays.")))
        return []
    return days


def find(
    session: DbSession,
    actor: Actor,
    now: datetime,
    zone: ZoneInfo,
    calendar: dict,
    raw: Any,
    limit: int = 3,
) -> list[FreeSlot]:
    """The next free slots in a mediation room for the mediator, on days both sides
    prefer. ``raw``: mediator_id, minutes (default 120), applicant_days, respondent_days.
    Only for a mediator the actor may name: the answer tells when that lawyer is busy."""
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    mediator_id = raw.get("mediator_id")
    if mediator_id not in (None, ""):
        try:
            mediator_id = int(mediator_id)
        except (TypeError, ValueError):
            mediator_id = -1
        try:
            access.check_mediator(actor, mediator_id)
        except ValidationFailed as refused:
            errors.add("mediator_id", refused.fields["mediator_id"][0])
        else:
            if not 0 < mediator_id < 2**31 or session.get(Lawyer, mediator_id) is None:
                errors.add("mediator_id", Msg(N_("Choose one of the listed options.")))
    else:
        mediator_id = None
    try:
        minutes = int(raw.get("minutes") or 120)
    except (TypeError, ValueError):
        minutes = 0
    if minutes not in LENGTHS:
        errors.add("minutes", Msg(N_("Choose one of the listed options.")))
    days = shared_days(
        _days(errors, raw.get("applicant_days"), "applicant_days"),
        _days(errors, raw.get("respondent_days"), "respondent_days"),
    )
    errors.raise_if_any()
    if not days:
        errors.add("respondent_days", Msg(N_("The parties share no weekday.")))
        errors.raise_if_any()
    horizon = now + timedelta(days=120)
    rooms = session.scalars(
        sa.select(Room).where(Room.kind == "mediation", Room.active).order_by(Room.id)
    ).all()
    active = [
        Booking.cancelled_at.is_(None),
        Booking.starts_at < horizon,
        Booking.blocked_until > now,
    ]
    busy: dict[int, list[tuple[datetime, datetime]]] = {room.id: [] for room in rooms}
    for room_id, start, until in session.execute(
        sa.select(Booking.room_id, Booking.starts_at, Booking.blocked_until).where(
            *active, Booking.room_id.in_(list(busy))
        )
    ):
        busy[room_id].append((start, until))
    mediator_busy = (
        [
            (start, end)
            for start, end in session.execute(
                sa.select(Booking.starts_at, Booking.ends_at).where(
                    *active, Booking.mediator_id == mediator_id
                )
            )
        ]
        if mediator_id
        else []
    )
    plans = [
        RoomPlan(
            room.id,
            room_hours(room.opening_hours),
            timedelta(minutes=room.buffer_minutes),
            busy[room.id],
        )
        for room in rooms
    ]
    search = Search(now, timedelta(minutes=minutes), zone, calendar, weekdays=days)
    return next_free(plans, mediator_busy, search, limit=limit)
