"""iCalendar feeds (RFC 5545): one per room, and a secret one per lawyer.

Times are written in the desk's time zone with its VTIMEZONE, so calendar apps show the
same clock time as the desk. A changed booking carries a higher SEQUENCE, and a
cancelled one stays in the feed as CANCELLED, so subscribed calendars drop it.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from icalendar import Calendar, Event
from sqlalchemy.orm import selectinload

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.auth.models import User
from legaldesk.db import DbSession
from legaldesk.errors import Forbidden, NotFound
from legaldesk.rooms import stored
from legaldesk.rooms.models import Booking, Room
from legaldesk.routing.models import Lawyer


def calendar_of(
    name: str,
    bookings: Iterable[Booking],
    zone: ZoneInfo,
    host: str,
    hidden: Collection[int] = (),
    booked: str = "",
) -> bytes:
    """The feed; a booking in ``hidden`` shows only ``booked`` and its time (its case
    is not the reader's to know)."""
    calendar = Calendar()
    calendar.add("prodid", "-//LegalDesk//rooms//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(zone))
    for booking in bookings:
        event = Event()
        event.add("uid", f"booking-{booking.id}@{host}")
        event.add("summary", booked if booking.id in hidden else booking.title)
        event.add("location", booking.room.name)
        event.add("dtstart", booking.starts_at.astimezone(zone))
        event.add("dtend", booking.ends_at.astimezone(zone))
        event.add("dtstamp", booking.updated_at or booking.created_at)
        event.add("sequence", booking.sequence)
        event.add("status", "CANCELLED" if booking.cancelled_at else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _bookings(session: DbSession, *where: Any) -> list[Booking]:
    return stored.readable(
        session,
        sa.select(Booking)
        .where(*where)
        .options(selectinload(Booking.room))
        .order_by(Booking.starts_at),
    )


def room_feed_bookings(session: DbSession, room_id: int) -> list[Booking]:
    return _bookings(session, Booking.room_id == room_id)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_secret(owner: Any) -> str:
    """A new secret for ``owner``'s feed URL; the old URL stops working. Only its hash
    is kept, so the URL is shown once."""
    token = secrets.token_urlsafe(24)
    owner.calendar_token_hash = _digest(token)
    return token


def _owner_of(session: DbSession, model: Any, token: str) -> Any:
    if not 20 <= len(token) <= 100:
        return None
    return session.scalar(sa.select(model).where(model.calendar_token_hash == _digest(token)))


def new_lawyer_token(session: DbSession, actor: Actor, now: datetime, lawyer_id: int | None) -> str:
    """The lawyer's own feed URL (or a coordinator's for them)."""
    lawyer = session.get(Lawyer, lawyer_id) if lawyer_id else None
    if lawyer is None:
        raise NotFound()
    if not permissions.may_issue_lawyer_feed(actor, lawyer.id):
        raise Forbidden()
    audit.record(session, actor, now, "lawyer.calendar_link", "lawyer", lawyer.id)
    return _new_secret(lawyer)


def new_room_token(session: DbSession, actor: Actor, now: datetime, room: Room) -> str:
    """A room's feed URL for calendar apps, which cannot send an API token."""
    if not permissions.may_manage_rooms(actor):
        raise Forbidden()
    audit.record(session, actor, now, "room.calendar_link", "room", room.id)
    return _new_secret(room)


def lawyer_for_token(session: DbSession, token: str) -> Lawyer | None:
    return _owner_of(session, Lawyer, token)


def room_for_token(session: DbSession, token: str) -> Room | None:
    return _owner_of(session, Room, token)


@dataclass(frozen=True)
class FeedReader:
    """Whoever holds a lawyer's secret feed address reads as that lawyer would."""

    lawyer_id: int
    role: str = "lawyer"
    id: None = None
    enterprise_id: None = None


def lawyer_feed_bookings(session: DbSession, lawyer: Lawyer) -> list[Booking]:
    """Sessions they mediate, and what they booked themselves."""
    own_users = sa.select(User.id).where(User.lawyer_id == lawyer.id)
    return _bookings(
        session,
        sa.or_(Booking.mediator_id == lawyer.id, Booking.created_by_id.in_(own_users)),
    )
