"""A period's case counts read from the stored counts (rollup_models): the period's
whole UTC days from the day rows, its partial UTC days at either end (a local day
starts at 16:00 UTC in Shanghai) from the cases themselves, so the sums equal a
count of the cases received in the period whatever the desk's zone. A half year is
some 180 days of rows instead of a quarter of a million cases.

``rebuild`` recomputes every stored count from the cases (``flask desk recount``,
for a restored or hand-edited desk; migration 0030 fills them the same way).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from legaldesk.cases.models import Consultation, ConsultationCountry
from legaldesk.cases.rules import OPEN_STATUSES
from legaldesk.db import DbSession
from legaldesk.followups.models import FollowUp
from legaldesk.reports import duration_models as durations
from legaldesk.reports import followup_models as followup_sums
from legaldesk.reports.behind import Span
from legaldesk.reports.duration_models import ReportDurationDay
from legaldesk.reports.followup_models import ReportFollowUpDay
from legaldesk.reports.rollup_models import (
    CASE_KEYS,
    COUNTRY_KEYS,
    LAWYER_KEYS,
    LAWYER_MEASURES,
    TRIGGERS_OFF,
    TRIGGERS_ON,
    ReportCountryDay,
    ReportDay,
    ReportLawyerDay,
)
from legaldesk.reports.working_models import CaseWorkingTime

REGIONS = (("foreign", "foreign_related"), ("hk_mo_tw", "hk_mo_tw"))


def _utc_midnight(day: Any) -> datetime:
    return datetime.combine(day, time(), UTC)


def _parts(span: Span) -> tuple[tuple[Any, Any] | None, list[tuple[datetime, datetime]]]:
    """The period's whole UTC days (first, after last) if any, and the moments of its
    partial days, counted from the cases."""
    low, high = span.low.astimezone(UTC), span.high.astimezone(UTC)
    first = low.date() if low == _utc_midnight(low.date()) else low.date() + timedelta(days=1)
    after = high.date()
    if first >= after:
        return None, [(low, high)]
    edges = [(low, _utc_midnight(first)), (_utc_midnight(after), high)]
    return (first, after), [(a, b) for a, b in edges if a < b]


def _summed(
    session: DbSession,
    span: Span,
    stored: Any,
    keys: tuple[str, ...],
    from_cases: Callable[[tuple], Any],
    measures: tuple[str, ...] = ("cases",),
    moment: Any = Consultation.created_at,
) -> list[tuple]:
    """Rows of ``keys`` and their ``measures`` summed over the period: the stored rows
    of its whole days plus ``from_cases`` (a grouped select given the condition on
    ``moment``, receipt unless said, answering the same columns) over its partial
    days; rows whose first measure is zero left out."""
    days, edges = _parts(span)
    totals: dict[tuple, list[int]] = {}
    selects = [from_cases((moment >= a, moment < b)) for a, b in edges]
    if days:
        columns = [getattr(stored, name) for name in keys]
        selects.append(
            sa.select(*columns, *(sa.func.sum(getattr(stored, m)) for m in measures))
            .where(stored.day >= days[0], stored.day < days[1])
            .group_by(*columns)
        )
    for select in selects:
        for row in session.execute(select):
            key, values = tuple(row[: len(keys)]), row[len(keys) :]
            found = totals.setdefault(key, [0] * len(measures))
            for n, value in enumerate(values):
                found[n] += int(value or 0)
    return [(*key, *values) for key, values in totals.items() if values[0]]


def _case_marginals(received: tuple) -> sa.Select:
    """(dimension, value, count) of the cases received, as report_days holds them."""
    c = Consultation
    parts = [
        sa.select(sa.literal(name), column, sa.func.count()).where(*received).group_by(column)
        for name, column in (
            ("status", c.status),
            ("category", c.category_code),
            ("channel", c.channel),
        )
    ]
    parts += [
        sa.select(sa.literal("region"), sa.literal(value), sa.func.count()).where(
            *received, getattr(c, column).is_(True)
        )
        for value, column in REGIONS
    ]
    parts.append(
        sa.select(sa.literal("region"), sa.literal("domestic"), sa.func.count()).where(
            *received, c.foreign_related.is_(False), c.hk_mo_tw.is_(False)
        )
    )
    return sa.union_all(*parts)  # type: ignore[return-value]


def case_rows(session: DbSession, span: Span) -> list[tuple]:
    """(dimension, value, count) of the period's cases: each case once by status,
    category, channel and region (rollup_models.ReportDay)."""
    return _summed(session, span, ReportDay, ("dimension", "value"), _case_marginals)


def lawyer_rows(session: DbSession, span: Span) -> list[tuple]:
    """(lawyer id, cases, open, closed, foreign-related, 涉港澳台) of the period."""
    c = Consultation
    measures = [
        sa.func.count(),
        sa.func.sum(sa.case((c.status.in_(OPEN_STATUSES), 1), else_=0)),
        sa.func.sum(sa.case((c.status == "closed", 1), else_=0)),
        sa.func.sum(sa.case((c.foreign_related.is_(True), 1), else_=0)),
        sa.func.sum(sa.case((c.hk_mo_tw.is_(True), 1), else_=0)),
    ]

    def from_cases(received: tuple) -> sa.Select:
        return (
            sa.select(c.assignee_id, *measures)
            .where(*received, c.assignee_id.is_not(None))
            .group_by(c.assignee_id)
        )

    return _summed(session, span, ReportLawyerDay, ("lawyer_id",), from_cases, LAWYER_MEASURES)


def country_rows(session: DbSession, span: Span) -> list[tuple]:
    """(country, count) of the period's cases."""

    def from_cases(received: tuple) -> sa.Select:
        return (
            sa.select(ConsultationCountry.country, sa.func.count())
            .join(Consultation, ConsultationCountry.consultation_id == Consultation.id)
            .where(*received)
            .group_by(ConsultationCountry.country)
        )

    return _summed(session, span, ReportCountryDay, ("country",), from_cases)


def duration_counts(session: DbSession, span: Span) -> dict[str, dict[int, int]]:
    """For each measure of answer times (duration_models, working_models), how many of
    the period's cases took each number of tenths of an hour."""
    postgres = session.get_bind().dialect.name == "postgresql"
    tenths: Any = sa.literal_column(durations.response_tenths(postgres, Consultation.__tablename__))
    w = CaseWorkingTime

    def from_cases(received: tuple) -> sa.Select:
        calendar = (
            sa.select(sa.literal("response"), tenths, sa.func.count())
            .where(*received, Consultation.first_response_at.is_not(None))
            .group_by(tenths)
        )
        working = (
            sa.select(w.measure, w.tenths, sa.func.count())
            .join(Consultation, Consultation.id == w.consultation_id)
            .where(*received)
            .group_by(w.measure, w.tenths)
        )
        return sa.union_all(calendar, working)  # type: ignore[return-value]

    found: dict[str, dict[int, int]] = {}
    for measure, tenth, count in _summed(
        session, span, ReportDurationDay, ("measure", "tenths"), from_cases
    ):
        found.setdefault(measure, {})[int(tenth)] = count
    return found


def followup_rows(session: DbSession, span: Span) -> dict[str, int]:
    """The sums of the follow-ups recorded (done) in the period (followup_models)."""
    f = FollowUp

    def from_followups(done: tuple) -> sa.Select:
        values: list[Any] = [
            sa.func.sum(sa.literal_column(v)) for v in followup_sums.sums(f.__tablename__)
        ]
        return sa.select(*values).where(*done, f.done_at.is_not(None))

    rows = _summed(
        session, span, ReportFollowUpDay, (), from_followups, followup_sums.SUMS, f.done_at
    )
    return dict(zip(followup_sums.SUMS, rows[0], strict=True)) if rows else {}


def _day_sql(bind: Any, column: str) -> str:
    if bind.dialect.name == "postgresql":
        return f"({column} AT TIME ZONE 'UTC')::date"
    return f"date({column})"


def rebuild_statements(bind: Any) -> list[str]:
    """The statements that recompute every stored count from the cases (as migration
    0030 made them: the durations are ``_duration_rebuild``'s)."""
    return [
        "DELETE FROM report_days",
        "DELETE FROM report_lawyer_days",
        "DELETE FROM report_country_days",
        *_counting_statements(bind, "true", adding=False),
    ]


def _counting_statements(bind: Any, cases: str, adding: bool) -> list[str]:
    """INSERTs of the counts of the cases ``c`` meeting ``cases`` (SQL); ``adding``:
    to the counts stored (an upsert), else into empty tables."""

    def then(table: str, keys: str, measures: tuple[str, ...]) -> str:
        if not adding:
            return ""
        added = ", ".join(f"{m} = {table}.{m} + excluded.{m}" for m in measures)
        return f"ON CONFLICT ({keys}) DO UPDATE SET {added}"

    day = _day_sql(bind, "c.created_at")
    yes = "true" if bind.dialect.name == "postgresql" else "1"
    opened = ", ".join(f"'{status}'" for status in OPEN_STATUSES)
    closed = "c.status = 'closed'"

    def marginal(dimension: str, value: str, where: str = "true") -> str:
        return (
            f"INSERT INTO report_days ({CASE_KEYS}, cases) SELECT {day}, '{dimension}', "
            f"{value}, count(*) FROM consultations c WHERE ({cases}) AND {where} "
            f"GROUP BY 1, 3 {then('report_days', CASE_KEYS, ('cases',))}"
        )

    def flag(condition: str) -> str:
        return f"sum(CASE WHEN {condition} THEN 1 ELSE 0 END)"

    return [
        marginal("status", "c.status"),
        marginal("category", "c.category_code"),
        marginal("channel", "c.channel"),
        marginal("region", "'foreign'", f"c.foreign_related = {yes}"),
        marginal("region", "'hk_mo_tw'", f"c.hk_mo_tw = {yes}"),
        marginal("region", "'domestic'", "NOT c.foreign_related AND NOT c.hk_mo_tw"),
        f"INSERT INTO report_lawyer_days ({LAWYER_KEYS}, {', '.join(LAWYER_MEASURES)}) "
        f"SELECT {day}, c.assignee_id, count(*), {flag(f'c.status IN ({opened})')}, "
        f"{flag(closed)}, {flag('c.foreign_related')}, {flag('c.hk_mo_tw')} "
        f"FROM consultations c WHERE ({cases}) AND c.assignee_id IS NOT NULL GROUP BY 1, 2 "
        + then("report_lawyer_days", LAWYER_KEYS, LAWYER_MEASURES),
        f"INSERT INTO report_country_days ({COUNTRY_KEYS}, cases) "
        f"SELECT {day}, cc.country, count(*) FROM consultation_countries cc "
        f"JOIN consultations c ON c.id = cc.consultation_id WHERE ({cases}) GROUP BY 1, 2 "
        + then("report_country_days", COUNTRY_KEYS, ("cases",)),
    ]


def _duration_rebuild(bind: Any) -> list[str]:
    """The answer times and follow-up sums, recomputed (apart from
    ``rebuild_statements``, which migration 0030 runs as they were)."""
    postgres = bind.dialect.name == "postgresql"
    return [
        "DELETE FROM report_duration_days WHERE measure = 'response'",
        durations.counting(postgres, "true", adding=False),
        "DELETE FROM report_followup_days",
        followup_sums.counting(postgres),
    ]


@contextmanager
def counted_in_bulk(connection: sa.Connection, ids: range) -> Iterator[None]:
    """Around a bulk load of the cases ``ids`` (and their countries) in the
    connection's transaction: the triggers off, and the load's counts added after it
    in one grouped statement a table, several times quicker than a trigger a row.
    Other writers never miss the triggers: dropping and creating them (SQLite) or
    disabling them (PostgreSQL) is part of the same transaction."""
    postgres = connection.dialect.name == "postgresql"
    for statement in TRIGGERS_OFF[postgres]:
        connection.exec_driver_sql(statement)
    yield
    cases = f"c.id BETWEEN {int(ids.start)} AND {int(ids.stop) - 1}"
    for statement in _counting_statements(connection, cases, adding=True):
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(durations.counting(postgres, cases, adding=True))
    for statement in TRIGGERS_ON[postgres]:
        connection.exec_driver_sql(statement)


def rebuild(session: DbSession) -> None:
    """Recompute the stored counts from the cases, in the session's transaction (on
    PostgreSQL the cases are locked against writes until it commits, so no intake
    counts between the recount and the commit; SQLite's one writer is this one)."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(
            sa.text("LOCK TABLE consultations, consultation_countries, followups IN SHARE MODE")
        )
    for statement in rebuild_statements(bind) + _duration_rebuild(bind):
        session.execute(sa.text(statement))
