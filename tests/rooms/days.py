"""Days relative to the real clock, so that booking tests do not age.

Fixed dates (2026-11-30) pass from "next week" to "last week" as the calendar turns,
and then a test of a future booking tests a past one. These helpers find working days
the way the desk does (official calendar, weekdays for years it does not know), and
``started`` books a session that has begun the way a desk would have: through the
service, at a moment before it started.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from legaldesk.auth.models import User
from legaldesk.db import db
from legaldesk.rooms import series, service
from legaldesk.workcal.rules import is_working_day
from legaldesk.zone import desk_zone
from tests.helpers import today


def working_day(offset: int) -> date:
    """The first working day at least ``offset`` days from today (``offset`` < 0: the
    last working day at least that many days ago)."""
    step = 1 if offset >= 0 else -1
    day = today() + timedelta(days=offset)
    while not is_working_day(day, {}):
        day += timedelta(days=step)
    return day


def future_day() -> date:
    """A working day far enough ahead that its morning is still to come."""
    return working_day(3)


def past_day() -> date:
    return working_day(-1)


def moment(day: date, clock: str) -> str:
    """The API's shape of a local time on ``day``."""
    return f"{day.isoformat()}T{clock}:00+08:00"


def slot(day: date, start: str = "09:00", end: str = "10:00", **extra: Any) -> dict:
    return {"starts_at": moment(day, start), "ends_at": moment(day, end), **extra}


def started(who: Any, body: dict) -> int:
    """A booking made by ``who`` the day before it began (in an app context), so that
    it has begun now; answers its id."""
    actor = db.session.get(User, who.id)
    before = datetime.fromisoformat(body["starts_at"]) - timedelta(days=1)
    booking = service.book(db.session, actor, before, body, desk_zone(), {})
    db.session.commit()
    return booking.id


def started_series(who: Any, body: dict, first: date, count: int) -> list[int]:
    """A weekly series by ``who`` from ``first``, booked the day before it began; its
    days count as working days, whatever the calendar says (in an app context)."""
    actor = db.session.get(User, who.id)
    days = {first + timedelta(days=7 * n): True for n in range(count)}
    before = datetime.fromisoformat(body["starts_at"]) - timedelta(days=1)
    raw = {**body, "repeat": {"every_days": 7, "count": count}}
    made, _ = series.book_series(db.session, actor, before, raw, desk_zone(), days)
    db.session.commit()
    return [b.id for b in made]
