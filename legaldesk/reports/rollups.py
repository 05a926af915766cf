"""A period's case counts read from the stored counts (rollup_models): the period's
whole UTC days from the day rows, its partial UTC days at either end (a local day
starts at 16:00 UTC in Shanghai) from the cases themselves, so the sums equal a
count of the cases received in the period whatever the desk's zone. A half year is
some 180 days of rows instead of a quarter of a million cases.

``rebuild`` recomputes every stored count from the cases (``flask desk recount``,
for a restored or hand-edited desk; migration 0030 fills them the same way).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from legaldesk.cases.models import Consultation, ConsultationCountry
from legaldesk.db import DbSession
from legaldesk.reports.behind import Span
from legaldesk.reports.rollup_models import (
    CASE_KEYS,
    COUNTRY_KEYS,
    LAWYER_KEYS,
    ReportCountryDay,
    ReportDay,
    ReportLawyerDay,
)

CASE_DIMENSIONS = ("status", "category_code", "channel", "foreign_related", "hk_mo_tw")
LAWYER_DIMENSIONS = ("lawyer_id", "status", "foreign_related", "hk_mo_tw")


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
    dimensions: tuple[str, ...],
    from_cases: Callable[[tuple], sa.Select],
) -> list[tuple]:
    """Rows of ``dimensions`` and their count over the period: the stored ``stored``
    rows of its whole days plus ``from_cases`` (a grouped select given the condition
    on receipt) over its partial days; counts of zero left out."""
    days, edges = _parts(span)
    totals: dict[tuple, int] = {}
    selects = [
        from_cases((Consultation.created_at >= a, Consultation.created_at < b)) for a, b in edges
    ]
    if days:
        columns = [getattr(stored, name) for name in dimensions]
        selects.append(
            sa.select(*columns, sa.func.sum(stored.cases))
            .where(stored.day >= days[0], stored.day < days[1])
            .group_by(*columns)
        )
    for select in selects:
        for *key, count in session.execute(select):
            totals[tuple(key)] = totals.get(tuple(key), 0) + int(count or 0)
    return [(*key, count) for key, count in totals.items() if count]


def case_rows(session: DbSession, span: Span) -> list[tuple]:
    """(status, category, channel, foreign_related, hk_mo_tw, count) of the period."""
    columns = [getattr(Consultation, name) for name in CASE_DIMENSIONS]

    def from_cases(received: tuple) -> sa.Select:
        return sa.select(*columns, sa.func.count()).where(*received).group_by(*columns)

    return _summed(session, span, ReportDay, CASE_DIMENSIONS, from_cases)


def lawyer_rows(session: DbSession, span: Span) -> list[tuple]:
    """(lawyer id, status, foreign_related, hk_mo_tw, count) of the period's cases
    that have a lawyer."""
    columns = [
        Consultation.assignee_id,
        Consultation.status,
        Consultation.foreign_related,
        Consultation.hk_mo_tw,
    ]

    def from_cases(received: tuple) -> sa.Select:
        return (
            sa.select(*columns, sa.func.count())
            .where(*received, Consultation.assignee_id.is_not(None))
            .group_by(*columns)
        )

    return _summed(session, span, ReportLawyerDay, LAWYER_DIMENSIONS, from_cases)


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


def _day_sql(bind: Any, column: str) -> str:
    if bind.dialect.name == "postgresql":
        return f"({column} AT TIME ZONE 'UTC')::date"
    return f"date({column})"


def rebuild_statements(bind: Any) -> list[str]:
    """The statements that recompute every stored count from the cases."""
    day = _day_sql(bind, "c.created_at")
    return [
        "DELETE FROM report_days",
        "DELETE FROM report_lawyer_days",
        "DELETE FROM report_country_days",
        f"INSERT INTO report_days ({CASE_KEYS}, cases) "
        f"SELECT {day}, c.status, c.category_code, c.channel, c.foreign_related, "
        "c.hk_mo_tw, count(*) FROM consultations c GROUP BY 1, 2, 3, 4, 5, 6",
        f"INSERT INTO report_lawyer_days ({LAWYER_KEYS}, cases) "
        f"SELECT {day}, c.assignee_id, c.status, c.foreign_related, c.hk_mo_tw, count(*) "
        "FROM consultations c WHERE c.assignee_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5",
        f"INSERT INTO report_country_days ({COUNTRY_KEYS}, cases) "
        f"SELECT {day}, cc.country, count(*) FROM consultation_countries cc "
        "JOIN consultations c ON c.id = cc.consultation_id GROUP BY 1, 2",
    ]


def rebuild(session: DbSession) -> None:
    """Recompute the stored counts from the cases, in the session's transaction (on
    PostgreSQL the cases are locked against writes until it commits, so no intake
    counts between the recount and the commit; SQLite's one writer is this one)."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(sa.text("LOCK TABLE consultations, consultation_countries IN SHARE MODE"))
    for statement in rebuild_statements(bind):
        session.execute(sa.text(statement))
