"""Bookings read back from storage, leaving out a row whose stored time cannot be read.

SQLite keeps times as text. A row written by hand before migration 0013 may hold one
that Python cannot read (minute 60, 30 February), and reading it fails the whole
query: one bad row would take down the week view and every calendar feed. Such a row
is left out, with a warning in the log naming it, so that it can be mended by hand.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.rooms.models import Booking
from legaldesk.workcal.service import Held

log = logging.getLogger(__name__)


def readable(session: DbSession, query: sa.Select) -> list[Booking]:
    """The bookings ``query`` selects, in its order, without the unreadable ones."""
    try:
        return list(session.scalars(query))
    except ValueError:  # SQLAlchemy could not parse a stored time
        pass
    found = []
    for booking_id in session.scalars(query.with_only_columns(Booking.id)).all():
        booking = get(session, booking_id)
        if booking is not None:
            found.append(booking)
    return found


def get(session: DbSession, booking_id: int) -> Booking | None:
    """One booking, or None when there is none or its stored time is unreadable."""
    try:
        return session.get(Booking, booking_id)
    except ValueError as error:
        log.warning("booking %s skipped: unreadable stored time (%s)", booking_id, error)
        return None


def starting_in(session: DbSession, start: datetime, days: int) -> list[Booking]:
    """The active bookings that start in [start, start + days), in order."""
    return readable(
        session,
        sa.select(Booking)
        .where(
            Booking.cancelled_at.is_(None),
            Booking.starts_at >= start,
            Booking.starts_at < start + timedelta(days=days),
        )
        .order_by(Booking.starts_at),
    )


def bookings_on(session: DbSession, day: date, zone: ZoneInfo) -> list[Held]:
    """The active bookings of a local day, for the calendar page: number, time, room
    (no title: the calendar is no place for a case's content)."""
    found = starting_in(session, datetime.combine(day, time(), zone), days=1)
    return [
        Held(
            f"#{b.id} {b.starts_at.astimezone(zone):%H:%M}–{b.ends_at.astimezone(zone):%H:%M} "
            f"{b.room.name}",
            "bookings.booking_page",
            {"booking_id": b.id},
        )
        for b in found
    ]
