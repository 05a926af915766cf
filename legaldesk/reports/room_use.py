"""How much each room was used: hours booked against the hours it was open in the
period, its opening hours on every working day it existed (from the day it was added
to the day it was retired, in the desk's zone).

A period counts only up to today: days ahead were not open yet and bookings ahead are
not use yet, so the current half year is not diluted by the month still to come, and a
period wholly ahead has no open hours and no share. Today counts whole on both sides:
its opening hours and every booking that starts today, started or not (counting only
the started ones would make the share dip through each day).

The hours are the room's current ones: rooms keep no history of their opening hours,
so a room whose hours changed in the period is counted as if it always had today's."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.clock import local_date
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


def _days_open(room: Room, start: date, end: date, zone: ZoneInfo, overrides: dict) -> int:
    """The period's working days the room existed: from the day it was added, up to
    and including the day it was retired (it was open part of that day)."""
    first = max(start, local_date(room.created_at, zone))
    last = end if room.retired_at is None else min(end, local_date(room.retired_at, zone))
    return working_days(first, last, overrides) if first <= last else 0


def room_use(
    session: DbSession,
    start: date,
    end: date,
    low: datetime,
    high: datetime,
    zone: ZoneInfo,
    overrides: dict,
    now: datetime,
) -> list[dict[str, Any]]:
    """Each room that existed in the period or has bookings in it up to today: hours
    booked (bookings not cancelled that start in the period by the end of today; a
    booking lies within one day, so none straddles an edge) and open (working days up
    to today). Two queries, whatever the period."""
    last = min(end, local_date(now, zone))  # before ``start``: the period is ahead
    until = min(high, datetime.combine(last + timedelta(days=1), time(), zone))
    booked: dict[int, Any] = dict(
        session.execute(
            sa.select(
                Booking.room_id,
                sa.func.sum(seconds_between(session, Booking.starts_at, Booking.ends_at)),
            )
            .where(
                Booking.cancelled_at.is_(None), Booking.starts_at >= low, Booking.starts_at < until
            )
            .group_by(Booking.room_id)
        ).all()
    )
    existed = sa.and_(
        Room.created_at < high, sa.or_(Room.retired_at.is_(None), Room.retired_at >= low)
    )
    rooms = session.scalars(
        sa.select(Room).where(sa.or_(existed, Room.id.in_(list(booked)))).order_by(Room.id)
    ).all()
    lines = []
    for room in rooms:
        hours = round(float(booked.get(room.id) or 0) / 3600, 1)
        days = _days_open(room, start, last, zone, overrides)
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
