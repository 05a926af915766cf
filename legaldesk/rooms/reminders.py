"""Day-before reminders: each participant of tomorrow's bookings gets one e-mail.

The outbox key names the booking, its SEQUENCE and the address, so a second
scheduler, or the next run of this one, adds nothing; a rescheduled booking (a new
SEQUENCE) is announced again.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from legaldesk.cases.models import Consultation
from legaldesk.db import DbSession
from legaldesk.notify import service as notifications
from legaldesk.rooms.models import Booking
from legaldesk.routing.models import Lawyer


def recipients(booking: Booking, mediator_email: str | None) -> list[str]:
    """Every distinct address of the booking's participants and its mediator."""
    found = [p.get("email") for p in booking.participants or []] + [mediator_email]
    return list(dict.fromkeys(address.lower() for address in found if address))


def remind_tomorrow(session: DbSession, now: datetime, zone: ZoneInfo) -> int:
    """Queue reminders for bookings that start tomorrow (local); answers how many."""
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    start = datetime.combine(tomorrow, time(), zone)
    bookings = session.scalars(
        sa.select(Booking)
        .where(
            Booking.cancelled_at.is_(None),
            Booking.starts_at >= start,
            Booking.starts_at < start + timedelta(days=1),
        )
        .options(selectinload(Booking.room))
        .order_by(Booking.id)
    ).all()
    mediators = dict(
        session.execute(
            sa.select(Lawyer.id, Lawyer.email).where(
                Lawyer.id.in_({b.mediator_id for b in bookings if b.mediator_id})
            )
        ).all()
    )
    references = dict(
        session.execute(
            sa.select(Consultation.id, Consultation.reference).where(
                Consultation.id.in_({b.consultation_id for b in bookings if b.consultation_id})
            )
        ).all()
    )
    queued = 0
    for booking in bookings:
        for address in recipients(booking, mediators.get(booking.mediator_id or 0)):
            notifications.enqueue(
                session,
                now,
                "session_reminder",
                f"reminder.{booking.id}.{booking.sequence}.{address}",
                address,
                {
                    "title": booking.title,
                    "room": booking.room.name,
                    "room_en": booking.room.name_en or booking.room.name,
                    "starts_at": booking.starts_at.isoformat(),
                    "ends_at": booking.ends_at.isoformat(),
                    "reference": references.get(booking.consultation_id or 0),
                },
            )
            queued += 1
    return queued
