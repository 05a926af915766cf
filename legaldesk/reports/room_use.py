"""How much each room was used: hours booked against the hours it was open in the
period (its own opening hours on every working day)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.reports.rules import working_days
from legaldesk.reports.sqltime import seconds_between
from legaldesk.rooms.models import Booking, Room
from legaldesk.rooms.rules import room_hours


def _hours_a_day(raw: str | None) -> float:
    return (
        sum(
            (datetime.combine(date.min, b) - datetime.combine(date.min, a)).total_seconds()
            for a, b in room_hours(raw)
        )
        / 3600
    )


def room_use(
    session: DbSession, start: date, end: date, low: datetime, high: datetime, overrides: dict
) -> list[dict[str, Any]]:
    """Each room: hours booked (bookings not cancelled that start in the period; a
    booking lies within one day, so none straddles the period's edge) and open."""
    booked: dict[int, Any] = dict(
        session.execute(
            sa.select(
                Booking.room_id,
                sa.func.sum(seconds_between(session, Booking.starts_at, Booking.ends_at)),
            )
            .where(
                Booking.cancelled_at.is_(None), Booking.starts_at >= low, Booking.starts_at < high
            )
            .group_by(Booking.room_id)
        ).all()
    )
    days = working_days(start, end, overrides)
    rooms = session.scalars(sa.select(Room).order_by(Room.id)).all()
    lines = []
    for room in rooms:
        hours = round(float(booked.get(room.id) or 0) / 3600, 1)
        open_hours = round(_hours_a_day(room.opening_hours) * days, 1)
        lines.append(
            {
                "id": room.id,
                "name": room.name,
                "name_en": room.name_en,
                "kind": room.kind,
                "booked_hours": hours,
                "open_hours": open_hours,
                "share": round(hours / open_hours, 3) if open_hours else None,
            }
        )
    return lines
