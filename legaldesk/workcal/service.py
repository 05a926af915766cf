"""Reading and keeping the center's calendar entries."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from legaldesk.audit import service as audit
from legaldesk.errors import FieldErrors, Forbidden
from legaldesk.validation import text
from legaldesk.workcal.models import CalendarDay


def overrides(session: Session) -> dict[date, bool]:
    return dict(session.execute(sa.select(CalendarDay.day, CalendarDay.working)).all())


def entries(session: Session) -> list[CalendarDay]:
    return list(session.scalars(sa.select(CalendarDay).order_by(CalendarDay.day)))


def set_day(
    session: Session, actor: Any, now: datetime, day: date, working: bool, note: Any = ""
) -> CalendarDay:
    """A coordinator marks a holiday or an adjusted working day (replacing any entry)."""
    if actor.role not in ("coordinator", "admin"):
        raise Forbidden()
    errors = FieldErrors()
    note_text = text(errors, note, "note", 200, required=False)
    errors.raise_if_any()
    entry = session.get(CalendarDay, day) or CalendarDay(day=day, created_at=now)
    entry.working, entry.note = working, note_text
    session.add(entry)
    session.flush()
    audit.record(
        session, actor, now, "calendar.set", "calendar_day", day.isoformat(), {"working": working}
    )
    return entry


def remove_day(session: Session, actor: Any, now: datetime, day: date) -> None:
    if actor.role not in ("coordinator", "admin"):
        raise Forbidden()
    entry = session.get(CalendarDay, day)
    if entry is not None:
        session.delete(entry)
        audit.record(session, actor, now, "calendar.remove", "calendar_day", day.isoformat())
