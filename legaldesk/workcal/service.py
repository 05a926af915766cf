"""Reading and keeping the center's calendar entries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk import signals
from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.db import DbSession
from legaldesk.errors import FieldErrors, Forbidden, field_error
from legaldesk.messages import N_, Msg
from legaldesk.notify import service as notifications
from legaldesk.validation import text
from legaldesk.workcal import rules
from legaldesk.workcal.models import CalendarDay, CalendarYear

UNCONFIRMED = N_(
    "The official holidays of %(year)d have not been entered yet: "
    "its dates are counted Monday to Friday."
)


@dataclass(frozen=True)
class Held:
    """Something already planned on a day (a room booking), as the calendar links it."""

    label: str
    endpoint: str
    values: dict[str, Any]


def held_on(session: DbSession, day: date, zone: ZoneInfo) -> list[Held]:
    """What the wings above hold on a day (rooms: its bookings, through
    ``signals.day_held``), so a holiday entered over them is told without this wing
    importing them."""
    return [
        item for _, held in signals.day_held.send(day, session=session, zone=zone) for item in held
    ]


def overrides(session: DbSession) -> dict[date, bool]:
    return dict(session.execute(sa.select(CalendarDay.day, CalendarDay.working)).all())


def entries(session: DbSession) -> list[CalendarDay]:
    return list(session.scalars(sa.select(CalendarDay).order_by(CalendarDay.day)))


def set_day(
    session: DbSession, actor: Actor, now: datetime, day: date, working: bool, note: Any = ""
) -> CalendarDay:
    """A coordinator marks a holiday or an adjusted working day (replacing any entry)."""
    if not permissions.may_keep_calendar(actor):
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


def remove_day(session: DbSession, actor: Actor, now: datetime, day: date) -> None:
    if not permissions.may_keep_calendar(actor):
        raise Forbidden()
    entry = session.get(CalendarDay, day)
    if entry is not None:
        session.delete(entry)
        audit.record(session, actor, now, "calendar.remove", "calendar_day", day.isoformat())


def confirmed_years(session: DbSession) -> set[int]:
    return set(session.scalars(sa.select(CalendarYear.year)))


def years(session: DbSession, today: date) -> list[dict[str, Any]]:
    """This year and the next two, for the calendar page: known, confirmed, or neither."""
    known, confirmed = (
        rules.official_years(),
        {y.year: y for y in session.scalars(sa.select(CalendarYear))},
    )
    return [
        {"year": y, "official": y in known, "confirmed": confirmed.get(y)}
        for y in range(today.year, today.year + 3)
    ]


def warnings(session: DbSession, days: list[date | None]) -> list[Msg]:
    """A warning for each year among ``days`` whose official calendar is not entered."""
    unknown = rules.unconfirmed_years(days, rules.official_years(), confirmed_years(session))
    return [Msg(UNCONFIRMED, {"year": year}) for year in unknown]


def confirm_year(session: DbSession, actor: Actor, now: datetime, year: Any) -> CalendarYear:
    """A coordinator states that a year's official holidays and adjusted days are entered."""
    if not permissions.may_keep_calendar(actor):
        raise Forbidden()
    if not isinstance(year, int) or not 2000 <= year <= now.year + 2:
        raise field_error("year", Msg(N_("Choose one of the listed options.")))
    entry = session.get(CalendarYear, year)
    if entry is None:
        entry = CalendarYear(year=year, confirmed_at=now, confirmed_by_id=actor.id)
        session.add(entry)
        session.flush()
        audit.record(session, actor, now, "calendar.confirm_year", "calendar_year", str(year))
    return entry


def remind_coordinators(session: DbSession, now: datetime, today: date) -> int:
    """From 1 November, once a week until next year's holidays are entered: an e-mail
    and a bell notification to each coordinator. The outbox key (year, week, user)
    makes a second run of the job in the same week do nothing."""
    due = rules.year_to_remind(today, rules.official_years(), confirmed_years(session))
    if due is None:
        return 0
    year, week = due
    reminded = []
    for user_id, email, locale in notifications.coordinators(session):
        key = f"calendar_year.{year}.{week}.{user_id}"
        if notifications.enqueue(
            session, now, "calendar_year", key, email, {"year": year}, locale or "zh_CN"
        ):
            reminded.append(user_id)
    notifications.notify_users(session, now, reminded, "calendar_year", {"year": year})
    session.flush()
    return len(reminded)
