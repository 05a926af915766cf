"""Keeps each answered case's working time (working_models) true.

The database computes the figures in one statement per measure with the working
clock in SQL (working_clock.py), for one case or a hundred thousand alike. They are
computed again:
- for the cases whose receipt, first acceptance or advice a flush wrote, and for
  those answered across a day whose calendar entry it changed: session hooks note
  them in the flush and refresh them right after it, in its transaction, whichever
  wing wrote (as a trigger would);
- in bulk, with the counting triggers off, by ``flask desk recount``, migration 0034
  and the seeding of synthetic cases (``fill``).
The clock is the desk's zone's (LEGALDESK_TIMEZONE): after changing the zone, or
after chinesecalendar learns a year, ``flask desk recount`` computes them again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from legaldesk.cases.models import Advice, Consultation
from legaldesk.db import DbSession
from legaldesk.reports import rules
from legaldesk.reports import working_models as models
from legaldesk.reports.sqltime import on_postgres
from legaldesk.reports.working_clock import WorkingClock
from legaldesk.reports.working_models import CaseWorkingTime
from legaldesk.workcal import service as workcal
from legaldesk.workcal.models import CalendarDay
from legaldesk.zone import desk_zone

CHUNK = 500  # case ids in one IN list
BULK = 50_000  # cases a bulk statement computes at once
_CASES = "legaldesk_working_times_cases"
_DAYS = "legaldesk_working_times_days"


def _answers(cases: Any) -> dict[str, sa.Select]:
    """For each measure, (case id, received at, answered at) of the answered cases
    meeting ``cases`` (a condition on consultations)."""
    advice = (
        sa.select(Advice.consultation_id.label("case_id"), sa.func.min(Advice.given_at).label("at"))
        .join(Consultation, Consultation.id == Advice.consultation_id)
        .where(cases)
        .group_by(Advice.consultation_id)
        .subquery()
    )
    c = Consultation
    return {
        "acceptance": sa.select(c.id, c.created_at, c.first_response_at.label("at")).where(
            cases, c.first_response_at.is_not(None)
        ),
        "advice": sa.select(c.id, c.created_at, advice.c.at).join(advice, advice.c.case_id == c.id),
    }


def _clock(
    session: DbSession, answers: Iterable[sa.Select], zone: ZoneInfo, overrides: dict
) -> WorkingClock | None:
    """A clock from the first receipt to the last answer of ``answers`` (None: none)."""
    moments: list[datetime] = []
    for select in answers:
        sub = select.subquery()
        row = session.execute(sa.select(sa.func.min(sub.c.created_at), sa.func.max(sub.c.at))).one()
        moments += [m for m in row if isinstance(m, datetime)]
    if not moments:
        return None
    days = [m.astimezone(zone).date() for m in moments]
    first, last = min(days), max(days)
    clock = WorkingClock(session, first, last, zone)
    clock.start_at((first - rules.EPOCH_DAY).days, overrides, first)
    return clock


def _tenths(session: DbSession, seconds: Any) -> Any:
    """SQL for seconds as whole tenths of an hour (half up; none below zero)."""
    if on_postgres(session):
        return sa.cast(sa.func.floor(sa.func.greatest(0.0, seconds / 360.0) + 0.5), sa.Integer)
    return sa.cast(sa.func.max(0.0, seconds / 360.0) + 0.5, sa.Integer)


def _insert(session: DbSession, clock: WorkingClock, measure: str, answers: sa.Select) -> None:
    sub = answers.subquery()
    (local_start, day_start), (local_end, day_end) = (
        clock.local(sub.c.created_at),
        clock.local(sub.c.at),
    )
    # OFFSET 0 keeps the subquery a subquery: flattened, each reading would repeat the
    # moment's long expression some ten times a row (5 s instead of 1 a half year).
    c = (
        sa.select(
            sub.c.id,
            sub.c.created_at,
            sub.c.at,
            local_start.label("local_start"),
            day_start.label("day_start"),
            local_end.label("local_end"),
            day_end.label("day_end"),
        )
        .offset(0)
        .subquery()
        .c
    )
    seconds = clock.reading(c.local_end, c.day_end) - clock.reading(c.local_start, c.day_start)
    columns = ["consultation_id", "measure", "received_at", "answered_at", "tenths"]
    figures = sa.select(c.id, sa.literal(measure), c.created_at, c.at, _tenths(session, seconds))
    session.execute(sa.insert(CaseWorkingTime).from_select(columns, figures))


def refresh(session: DbSession, cases: Any, zone: ZoneInfo, overrides: dict) -> None:
    """Compute again the stored working times of the cases meeting ``cases`` (a
    condition on consultations alone)."""
    ids = sa.select(Consultation.id).where(cases)
    session.execute(sa.delete(CaseWorkingTime).where(CaseWorkingTime.consultation_id.in_(ids)))
    answers = _answers(cases)
    clock = _clock(session, answers.values(), zone, overrides)
    if clock is None:
        return
    for measure, select in answers.items():
        _insert(session, clock, measure, select)


def fill(
    session: DbSession,
    ids: range,
    zone: ZoneInfo,
    overrides: dict,
    each: Callable[[range], Any] | None = None,
) -> None:
    """Compute the working times of the cases ``ids``, which have none stored, a
    ``BULK`` at a time with the counting triggers off and their counts added in one
    statement (a trigger a row is several times slower); ``each(part)`` after each
    part (a commit: the triggers are back on by then)."""
    postgres = on_postgres(session)
    for start in range(ids.start, ids.stop, BULK):
        part = range(start, min(start + BULK, ids.stop))
        for statement in models.TRIGGERS.off(postgres):
            session.execute(sa.text(statement))
        refresh(session, Consultation.id.between(part.start, part.stop - 1), zone, overrides)
        where = f"w.consultation_id BETWEEN {part.start} AND {part.stop - 1}"
        session.execute(sa.text(models.counting(postgres, where)))
        for statement in models.TRIGGERS.on(postgres):
            session.execute(sa.text(statement))
        if each is not None:
            each(part)


def rebuild(session: DbSession, zone: ZoneInfo, overrides: dict) -> None:
    """Every case's working times and their counts computed again."""
    postgres = on_postgres(session)
    for statement in models.TRIGGERS.off(postgres):
        session.execute(sa.text(statement))
    session.execute(sa.delete(CaseWorkingTime))
    measures = ", ".join(f"'{m}'" for m in models.MEASURES)
    session.execute(sa.text(f"DELETE FROM report_duration_days WHERE measure IN ({measures})"))
    for statement in models.TRIGGERS.on(postgres):
        session.execute(sa.text(statement))
    low, high = session.execute(
        sa.select(sa.func.min(Consultation.id), sa.func.max(Consultation.id))
    ).one()
    if low is not None:
        fill(session, range(low, high + 1), zone, overrides)


# Session hooks: which cases a flush moved, refreshed right after it.
def _note(session: Session, _context: Any) -> None:
    cases: set[int] = session.info.setdefault(_CASES, set())
    days: set[Any] = session.info.setdefault(_DAYS, set())
    for item in (*session.new, *session.dirty, *session.deleted):
        if isinstance(item, Consultation):
            state = sa.inspect(item)
            moved = any(
                state.attrs[name].history.has_changes()
                for name in ("created_at", "first_response_at")
            )
            if moved or (item in session.deleted):
                cases.add(item.id)
        elif isinstance(item, Advice):
            history = sa.inspect(item).attrs.consultation_id.history
            cases.update(i for i in (*history.deleted, item.consultation_id) if i is not None)
        elif isinstance(item, CalendarDay):
            days.add(item.day)


def _spanning(session: DbSession, day: Any, zone: ZoneInfo) -> list[int]:
    """The cases received before the end of local ``day`` and answered after its start."""
    low = datetime.combine(day, time(), zone)
    w = CaseWorkingTime
    found = sa.select(w.consultation_id).where(
        w.answered_at >= low, w.received_at < low + timedelta(days=1)
    )
    return list(session.scalars(found.distinct()))


def _refresh_noted(session: Session, _context: Any) -> None:
    cases, days = session.info.pop(_CASES, set()), session.info.pop(_DAYS, set())
    if not (cases or days):
        return
    zone, overrides = desk_zone(), workcal.overrides(session)
    for day in days:
        cases.update(_spanning(session, day, zone))
    ordered = sorted(cases)
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        # By id too: a case deleted is no longer there to be found by its condition.
        session.execute(
            sa.delete(CaseWorkingTime).where(CaseWorkingTime.consultation_id.in_(chunk))
        )
        refresh(session, Consultation.id.in_(chunk), zone, overrides)


def install() -> None:
    """Refresh the figures a commit moves (once per process: the hooks are on every
    session)."""
    if not sa.event.contains(Session, "after_flush", _note):
        sa.event.listen(Session, "after_flush", _note)
        sa.event.listen(Session, "after_flush_postexec", _refresh_noted)
