"""Set-ups shared by several test modules (kept out of conftest for clarity)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from time import sleep
from typing import Any, NamedTuple

import sqlalchemy as sa

from legaldesk.clock import local_date, utcnow, zone_named
from legaldesk.config import DEFAULTS
from legaldesk.db import db
from legaldesk.workcal.rules import is_working_day, official_years

# The zone of the test desks: they run with the default LEGALDESK_TIMEZONE (Asia/Shanghai),
# and helpers used outside an app context need it too (tests/test_time_zone.py tries
# another zone).
TEST_ZONE = zone_named(DEFAULTS["TIMEZONE"])


def at_once(fn: Callable[[], Any], times: int = 2) -> list[Any]:
    """Run ``fn`` in ``times`` threads released together; answers their results."""
    start = threading.Barrier(times)
    results: list[Any] = []

    def run() -> None:
        start.wait()
        results.append(fn())

    threads = [threading.Thread(target=run) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def mediation_in_progress(coordinator_id: int, case_id: int, mediator_id: int, now: Any):
    """A mediation moved by the real services to "in_mediation" (in an app context)."""
    from legaldesk.auth.models import User
    from legaldesk.cases.models import Consultation
    from legaldesk.mediation import service as mediations

    actor = db.session.get(User, coordinator_id)
    mediation = mediations.open_mediation(
        db.session,
        actor,
        now,
        db.session.get(Consultation, case_id),
        {"respondent_name": "Steppe Trade LLP"},
        {},
        zone=TEST_ZONE,
    )
    mediations.act(db.session, actor, now, mediation, "consented", None, "", {}, zone=TEST_ZONE)
    mediation.mediator_id = mediator_id
    mediations.move(db.session, actor, now, mediation, "in_mediation")
    return mediation


# Dates relative to the real clock. The app refuses bookings that start in the past and
# warns about years without an official calendar, so a test pinned to a calendar date
# starts failing once that date has passed. These helpers pick dates from today on,
# with the app's own working-day rules, so the suite passes on any day it is run
# (try it: faketime '2027-03-15 10:00:00' pytest ...). Tests about a calendar fact
# (National Day 2026, an adjusted Saturday) keep their explicit dates.


def today() -> date:
    """The test desk's calendar day now (Asia/Shanghai)."""
    return local_date(utcnow(), TEST_ZONE)


def is_working(day: date, overrides: Mapping[date, bool] | None = None) -> bool:
    """The app's own answer: the center's entries, the official calendar, weekdays."""
    return is_working_day(day, overrides or {})


def future_working_day(
    weeks: int = 2,
    weekday: int = 0,
    *,
    count: int = 1,
    every_days: int = 7,
    overrides: Mapping[date, bool] | None = None,
) -> date:
    """The first ``weekday`` (0 Monday .. 6 Sunday) at least ``weeks`` weeks from today
    that is a working day, and whose ``count`` occurrences every ``every_days`` days
    (a weekly series) all are. Within this year and the next, which the app books."""
    day = today() + timedelta(weeks=weeks)
    day += timedelta(days=(weekday - day.weekday()) % 7)
    while not all(
        is_working(day + timedelta(days=every_days * n), overrides) for n in range(count)
    ):
        day += timedelta(days=7)
    return day


def at(day: date | str, clock: str = "10:00") -> datetime:
    """An aware datetime in the desk's zone for a day and a "HH:MM" time."""
    if isinstance(day, str):
        day = date.fromisoformat(day)
    return datetime.combine(day, time.fromisoformat(clock), TEST_ZONE)


def iso(day: date | str, clock: str = "10:00") -> str:
    """``at`` as the API writes it: "2026-12-07T10:00:00+08:00"."""
    return at(day, clock).isoformat()


def past_working_day(weeks: int = 1, weekday: int = 2) -> date:
    """A working ``weekday`` at least ``weeks`` weeks before today (a session recorded
    after it was held)."""
    day = today() - timedelta(weeks=weeks)
    day -= timedelta(days=(day.weekday() - weekday) % 7)
    while not is_working(day):
        day -= timedelta(days=7)
    return day


def unconfirmed_year() -> int:
    """A year chinesecalendar does not know that is still to come: the year after its
    last one, or next year once that has passed (a fixed 2027 becomes the past)."""
    return max(max(official_years()) + 1, today().year + 1)


def day_in_unconfirmed_year(month: int = 3, weekday: int = 0) -> date:
    """The first ``weekday`` of ``month`` in ``unconfirmed_year()``: always in the future,
    within the booking horizon (the end of next year) and counted Monday to Friday."""
    day = date(unconfirmed_year(), month, 1)
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def confirm_unless_official(year: int) -> None:
    """Record ``year`` as entered by a coordinator unless chinesecalendar knows it (in an
    app context; no audit entry): what a desk running past chinesecalendar's last year
    has done for the current one."""
    from legaldesk.workcal.models import CalendarYear

    if year not in official_years() and db.session.get(CalendarYear, year) is None:
        db.session.add(CalendarYear(year=year, confirmed_at=utcnow()))
        db.session.commit()


class Sent(NamedTuple):
    """One statement sent to the database: its text, its parameters and its
    connection's execution options (whether it reads outside SQLite's write lock)."""

    statement: str
    parameters: Any
    options: Mapping[str, Any]


@contextmanager
def sql_sent(app: Any) -> Iterator[list[Sent]]:
    """Every statement sent on the app's engine inside the block, in order: the one
    listener the query-counting tests share."""
    sent: list[Sent] = []

    def keep(conn: Any, cursor: Any, statement: str, parameters: Any, *rest: Any) -> None:
        sent.append(Sent(statement, parameters, conn.get_execution_options()))

    with app.app_context():
        engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        sa.event.remove(engine, "before_cursor_execute", keep)


def statements_during(app: Any, request: Callable[[], Any]) -> int:
    """How many SQL statements ``request`` (a test client call) sends, on the app's
    engine; the call must answer 200. The lists' N+1 tests compare this for a few
    rows and for many (tests/test_list_queries.py)."""
    return len(sent_during(app, request))


def sent_during(app: Any, request: Callable[[], Any], status: int = 200) -> list[str]:
    """The SQL statements ``request`` (a test client call answering ``status``) sends,
    in order, on the app's engine."""
    with sql_sent(app) as sent:
        answer = request()
    assert answer.status_code == status, answer.get_data(as_text=True)[:500]
    return [one.statement for one in sent]


def statements_of(call: Callable[[], Any], containing: str = "FROM consultations") -> list:
    """The (statement, parameters) pairs ``call`` sent to the database that contain
    ``containing``, in order: to EXPLAIN the very SQL a service runs (in an app
    context)."""
    from flask import current_app

    with sql_sent(current_app) as sent:
        call()
    return [(one.statement, one.parameters) for one in sent if containing in one.statement]


def drop_database(server: sa.Engine, name: str) -> None:
    """Drop a database of the test's own. FORCE ends our sessions in it, but not an
    autovacuum worker that has just started there (a non-superuser may not signal it),
    so a refused drop is tried again while the worker finishes."""
    for attempt in range(20):
        try:
            with server.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except sa.exc.DBAPIError:
            if attempt == 19:
                raise
            sleep(0.5)
