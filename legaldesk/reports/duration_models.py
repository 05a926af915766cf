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

from legaldesk.db import Model, run_with_tables


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


def _day(postgres: bool, row: str) -> str:
    return f"({row}.created_at AT TIME ZONE 'UTC')::date" if postgres else f"date({row}.created_at)"


def _count(postgres: bool, row: str, sign: int) -> str:
    """The upsert adding ``sign`` for case ``row`` ('new', 'OLD' …), if answered."""
    return (
        f"INSERT INTO report_duration_days ({DURATION_KEYS}, cases) "
        f"SELECT {_day(postgres, row)}, 'response', {response_tenths(postgres, row)}, {sign} "
        f"WHERE {row}.first_response_at IS NOT NULL "
        f"ON CONFLICT ({DURATION_KEYS}) "
        "DO UPDATE SET cases = report_duration_days.cases + excluded.cases"
    )


# What moves a case's count: its moment of receipt (the day) and of first response.
MOVED_BY = ("created_at", "first_response_at")
_SQLITE_MOVED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in MOVED_BY)
_PG_MOVED = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in MOVED_BY)

SQLITE_TRIGGERS = (
    "tr_report_duration_insert",
    "tr_report_duration_update",
    "tr_report_duration_delete",
)
SQLITE_DDL = (
    "CREATE TRIGGER IF NOT EXISTS tr_report_duration_insert AFTER INSERT ON consultations "
    f"BEGIN {_count(False, 'new', 1)}; END",
    "CREATE TRIGGER IF NOT EXISTS tr_report_duration_update "
    f"AFTER UPDATE OF {', '.join(MOVED_BY)} ON consultations WHEN {_SQLITE_MOVED} "
    f"BEGIN {_count(False, 'old', -1)}; {_count(False, 'new', 1)}; END",
    "CREATE TRIGGER IF NOT EXISTS tr_report_duration_delete BEFORE DELETE ON consultations "
    f"BEGIN {_count(False, 'old', -1)}; END",
)
POSTGRESQL_DDL = (
    "CREATE OR REPLACE FUNCTION report_count_duration() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN "
    f"IF TG_OP = 'UPDATE' AND NOT ({_PG_MOVED}) THEN RETURN NULL; END IF; "
    f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {_count(True, 'OLD', -1)}; END IF; "
    f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {_count(True, 'NEW', 1)}; END IF; "
    "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NULL; END $$",
    "CREATE OR REPLACE TRIGGER tr_report_duration AFTER INSERT OR UPDATE OF "
    f"{', '.join(MOVED_BY)} ON consultations "
    "FOR EACH ROW EXECUTE FUNCTION report_count_duration()",
    "CREATE OR REPLACE TRIGGER tr_report_duration_delete BEFORE DELETE ON consultations "
    "FOR EACH ROW EXECUTE FUNCTION report_count_duration()",
)
POSTGRESQL_TRIGGERS = (
    ("consultations", "tr_report_duration"),
    ("consultations", "tr_report_duration_delete"),
)
POSTGRESQL_DROP = (
    *(f"DROP TRIGGER IF EXISTS {name} ON {table}" for table, name in POSTGRESQL_TRIGGERS),
    "DROP FUNCTION IF EXISTS report_count_duration()",
)


def counting(postgres: bool, cases: str, adding: bool) -> str:
    """The INSERT of the counts of the cases ``c`` meeting ``cases`` (SQL); ``adding``:
    to the counts stored (an upsert), else into an empty table."""
    upsert = (
        f"ON CONFLICT ({DURATION_KEYS}) "
        "DO UPDATE SET cases = report_duration_days.cases + excluded.cases"
        if adding
        else ""
    )
    return (
        f"INSERT INTO report_duration_days ({DURATION_KEYS}, cases) "
        f"SELECT {_day(postgres, 'c')}, 'response', {response_tenths(postgres, 'c')}, count(*) "
        f"FROM consultations c WHERE ({cases}) AND c.first_response_at IS NOT NULL "
        f"GROUP BY 1, 3 {upsert}"
    )


# After every table, as the case counts' triggers.
run_with_tables(Model.metadata, "after_create", "sqlite", SQLITE_DDL)
run_with_tables(Model.metadata, "after_create", "postgresql", POSTGRESQL_DDL)
run_with_tables(Model.metadata, "before_drop", "postgresql", POSTGRESQL_DROP)
