"""The demo rooms, and a term of classes and a hearing booked in them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.errors import DeskError
from legaldesk.rooms import series, service
from legaldesk.rooms.models import Room

ROOMS = [
    ("咨询接待窗口", "Consultation window", "consultation_window", 4),
    ("商事调解室一", "Commercial mediation room 1", "mediation", 8),
    ("商事调解室二", "Commercial mediation room 2", "mediation", 6),
    ("普法多功能室", "Legal-education room", "legal_education", 40),
    ("基层立法联系点", "Legislative contact point", "legislative_contact", 20),
]


# The demo desk opened a year ago: its rooms are there before its earliest case
# (300 days back) and booking, so room use counts them open all through a report.
OPENED_DAYS_AGO = 365


def ensure_rooms(session: DbSession, now: datetime) -> None:
    """The five rooms of the desk, each added when missing."""
    opened = now - timedelta(days=OPENED_DAYS_AGO)
    for name, name_en, kind, capacity in ROOMS:
        if session.scalar(sa.select(Room.id).where(Room.name == name)) is None:
            session.add(
                Room(name=name, name_en=name_en, kind=kind, capacity=capacity, created_at=opened)
            )
    session.flush()


def book_classes(session: DbSession, actor, now: datetime, calendar: dict, zone: ZoneInfo) -> None:
    """A ten-week export-compliance class, leaving out any date the room cannot take."""
    room = session.scalar(sa.select(Room).where(Room.kind == "legal_education"))
    hearing_room = session.scalar(sa.select(Room).where(Room.kind == "legislative_contact"))
    if room is None or hearing_room is None:
        return
    today = now.astimezone(zone).date()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    start = datetime.combine(tuesday, datetime.min.time(), zone).replace(hour=14)
    raw: dict[str, Any] = {
        "room_id": room.id,
        "starts_at": start.isoformat(),
        "ends_at": (start + timedelta(hours=2)).isoformat(),
        "title": "出口管制合规系列讲座",
        "purpose": "legal_education",
        "attendees": 30,
        "repeat": {"count": 10, "every_days": 7, "skip": []},
    }
    try:
        with session.begin_nested():
            series.book_series(session, actor, now, raw, zone, calendar)
    except series.SeriesConflict as clash:
        raw["repeat"]["skip"] = [d.isoformat() for d in clash.dates]
        series.book_series(session, actor, now, raw, zone, calendar)
    hearing = datetime.combine(tuesday + timedelta(days=2), datetime.min.time(), zone)
    try:
        with session.begin_nested():
            service.book(
                session,
                actor,
                now,
                {
                    "room_id": hearing_room.id,
                    "starts_at": hearing.replace(hour=9, minute=30).isoformat(),
                    "ends_at": hearing.replace(hour=11, minute=30).isoformat(),
                    "title": "《优化营商环境条例（草案）》企业意见征集会",
                    "purpose": "legislative_hearing",
                    "attendees": 15,
                },
                zone,
                calendar,
            )
    except DeskError:
        pass  # a holiday that week: the demo goes without the hearing
