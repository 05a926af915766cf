"""How long the desk took to answer, stored as counts: for each UTC day of receipt,
how many cases took each tenth of an hour. The report's medians and percentiles of
a period are read off these counts (``rules.histogram_quantiles``) instead of
sorting a quarter of a million cases (SQLite took 0.4 s a figure at a million).

The measure kept so far is 'response': the calendar hours from receipt to the first
response (``first_response_at``). Like the case counts (``rollup_models``), the
database keeps it by triggers on ``consultations``, whoever writes the case, and
``flask desk recount`` rebuilds it; a figure is exact to the tenth of an hour the
report shows (each case is counted at its hours rounded to a tenth).

Created with the tables (tests, ``db.create_all``) and by migration 0033. The
triggers are apart from the case counts' (migration 0030 creates those as they
were), with names of their own.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from legaldesk.db import Model
from legaldesk.reports.row_triggers import row_triggers


class ReportDurationDay(Model):
    """Cases received on a UTC day whose ``measure`` took ``tenths`` tenths of an hour."""

    __tablename__ = "report_duration_days"
    # On SQLite the rows are stored in key order (no rowid): a period's days are read
    # in one sweep, with their counts, not row by row through the key's index.
    __table_args__ = {"sqlite_with_rowid": False}

    day: Mapped[date] = mapped_column(primary_key=True)
    measure: Mapped[str] = mapped_column(sa.String(12), primary_key=True)
    tenths: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    cases: Mapped[int] = mapped_column(default=0)


DURATION_KEYS = "day, measure, tenths"


def response_tenths(postgres: bool, row: str) -> str:
    """SQL for the tenths of an hour from ``row``'s receipt to its first response
    (rounded half up; none below zero)."""
    if postgres:
        seconds = f"EXTRACT(EPOCH FROM ({row}.first_response_at - {row}.created_at))"
        return f"CAST(FLOOR(GREATEST(0.0, {seconds} / 360.0) + 0.5) AS INTEGER)"
    days = f"(julianday({row}.first_response_at) - julianday({row}.created_at))"
    return f"CAST(max(0.0, {days} * 240.0) + 0.5 AS INTEGER)"


def utc_day(postgres: bool, column: str) -> str:
    """SQL for the UTC day of a moment column, the key of the stored counts."""
    return f"({column} AT TIME ZONE 'UTC')::date" if postgres else f"date({column})"


def added(counts: str) -> str:
    """The upsert adding ``counts`` (a SELECT of day, measure, tenths, cases) to the
    stored counts."""
    return (
        f"INSERT INTO report_duration_days ({DURATION_KEYS}, cases) {counts} "
        f"ON CONFLICT ({DURATION_KEYS}) "
        "DO UPDATE SET cases = report_duration_days.cases + excluded.cases"
    )


def _count(postgres: bool, row: str, sign: int) -> str:
    """The upsert adding ``sign`` for case ``row`` ('new', 'OLD' …), if answered."""
    day = utc_day(postgres, f"{row}.created_at")
    return added(
        f"SELECT {day}, 'response', {response_tenths(postgres, row)}, {sign} "
        f"WHERE {row}.first_response_at IS NOT NULL"
    )


# What moves a case's count: its moment of receipt (the day) and of first response.
MOVED_BY = ("created_at", "first_response_at")
TRIGGERS = row_triggers("duration", "consultations", _count, MOVED_BY)
SQLITE_TRIGGERS = TRIGGERS.sqlite_names
SQLITE_DDL = TRIGGERS.sqlite_ddl
POSTGRESQL_DDL = TRIGGERS.postgresql_ddl
POSTGRESQL_TRIGGERS = TRIGGERS.pg_names
POSTGRESQL_DROP = TRIGGERS.postgresql_drop


def counting(postgres: bool, cases: str, adding: bool) -> str:
    """The INSERT of the counts of the cases ``c`` meeting ``cases`` (SQL); ``adding``:
    to the counts stored (an upsert), else into an empty table."""
    day = utc_day(postgres, "c.created_at")
    counts = (
        f"SELECT {day}, 'response', {response_tenths(postgres, 'c')}, count(*) "
        f"FROM consultations c WHERE ({cases}) AND c.first_response_at IS NOT NULL "
        "GROUP BY 1, 3"
    )
    if adding:
        return added(counts)
    return f"INSERT INTO report_duration_days ({DURATION_KEYS}, cases) {counts}"


# After every table, as the case counts' triggers.
TRIGGERS.with_tables()
