"""The report's stored counts: how many cases were received on each UTC day, by the
dimensions the report splits them by. The database keeps them, by triggers on
``consultations`` and ``consultation_countries`` (SQLite triggers, a PostgreSQL
trigger function), so that every way a case is written (intake, a transition, a
correction, the bulk seeding, a hand edit in a SQL shell) moves its count with it,
in the same transaction. An intake adds one with ``INSERT ... ON CONFLICT DO
UPDATE``, atomic on both engines: two intakes at once never lose a count.

The day is the UTC day: the triggers cannot know the desk's zone (a setting of the
application; SQLite has no zone database). rollups.py adds a period's whole UTC days
from here and counts its partial days at either end from the cases themselves, so
the figures are exact for any zone. Counts that fall to zero stay as rows of 0.
``flask desk recount`` (rollups.rebuild) recomputes every row from the cases.

Created with the tables (tests, ``db.create_all``) and by migration 0030, which
copies these statements.
"""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from legaldesk.cases.rules import OPEN_STATUSES
from legaldesk.db import Model, run_with_tables
from legaldesk.reports import duration_models as durations


class ReportDay(Model):
    """Cases received on a UTC day, counted once by each of their ``dimension``s:
    'status', 'category', 'channel' and 'region' (the value 'foreign', 'hk_mo_tw' or,
    for neither, 'domestic'). The report splits cases by one dimension at a time, so
    about thirty rows a day hold what it reads."""

    __tablename__ = "report_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    dimension: Mapped[str] = mapped_column(sa.String(10), primary_key=True)
    value: Mapped[str] = mapped_column(sa.String(40), primary_key=True)
    cases: Mapped[int] = mapped_column(default=0)


class ReportLawyerDay(Model):
    """Cases received on a UTC day held by a lawyer (their current one): all, open,
    closed, foreign-related, 涉港澳台."""

    __tablename__ = "report_lawyer_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    lawyer_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    cases: Mapped[int] = mapped_column(default=0)
    open: Mapped[int] = mapped_column(default=0)
    closed: Mapped[int] = mapped_column(default=0)
    foreign_related: Mapped[int] = mapped_column(default=0)
    hk_mo_tw: Mapped[int] = mapped_column(default=0)


class ReportCountryDay(Model):
    """Cases received on a UTC day about a country."""

    __tablename__ = "report_country_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    country: Mapped[str] = mapped_column(sa.String(2), primary_key=True)
    cases: Mapped[int] = mapped_column(default=0)


CASE_KEYS = "day, dimension, value"
LAWYER_KEYS = "day, lawyer_id"
LAWYER_MEASURES = ("cases", "open", "closed", "foreign_related", "hk_mo_tw")
COUNTRY_KEYS = "day, country"
CHANGED = (
    "status",
    "category_code",
    "channel",
    "foreign_related",
    "hk_mo_tw",
    "assignee_id",
    "created_at",
)


def _flag(condition: str) -> str:
    return f"CASE WHEN {condition} THEN 1 ELSE 0 END"


def _add(row: str, sign: int, day: str) -> list[str]:
    """The upserts adding ``sign`` for case ``row`` ('new' or 'old') to the case and
    lawyer counts (``day``: the engine's UTC day of ``row``.created_at)."""
    r = row
    upsert = f"ON CONFLICT ({CASE_KEYS}) DO UPDATE SET cases = report_days.cases + excluded.cases"
    opened = ", ".join(f"'{status}'" for status in OPEN_STATUSES)
    closed = f"{r}.status = 'closed'"
    measures = ", ".join(LAWYER_MEASURES)
    return [
        f"INSERT INTO report_days ({CASE_KEYS}, cases) VALUES "
        f"({day}, 'status', {r}.status, {sign}), "
        f"({day}, 'category', {r}.category_code, {sign}), "
        f"({day}, 'channel', {r}.channel, {sign}) {upsert}",
        f"INSERT INTO report_days ({CASE_KEYS}, cases) "
        f"SELECT {day}, 'region', 'foreign', {sign} WHERE {r}.foreign_related "
        f"UNION ALL SELECT {day}, 'region', 'hk_mo_tw', {sign} WHERE {r}.hk_mo_tw "
        f"UNION ALL SELECT {day}, 'region', 'domestic', {sign} "
        f"WHERE NOT {r}.foreign_related AND NOT {r}.hk_mo_tw {upsert}",
        f"INSERT INTO report_lawyer_days ({LAWYER_KEYS}, {measures}) SELECT {day}, "
        f"{r}.assignee_id, {sign}, {sign} * {_flag(f'{r}.status IN ({opened})')}, "
        f"{sign} * {_flag(closed)}, "
        f"{sign} * {_flag(f'{r}.foreign_related')}, {sign} * {_flag(f'{r}.hk_mo_tw')} "
        f"WHERE {r}.assignee_id IS NOT NULL ON CONFLICT ({LAWYER_KEYS}) DO UPDATE SET "
        + ", ".join(f"{m} = report_lawyer_days.{m} + excluded.{m}" for m in LAWYER_MEASURES),
    ]


def _countries(case_id: str, sign: int, day: str, also: str = "") -> str:
    """The upsert adding ``sign`` to the country counts of case ``case_id``'s countries
    (``also``: a further condition)."""
    return (
        f"INSERT INTO report_country_days ({COUNTRY_KEYS}, cases) "
        f"SELECT {day}, country, {sign} FROM consultation_countries "
        f"WHERE consultation_id = {case_id} {also}"
        f"ON CONFLICT ({COUNTRY_KEYS}) "
        "DO UPDATE SET cases = report_country_days.cases + excluded.cases"
    )


def _country(sign: int, row: str, day: str) -> str:
    """The upsert adding ``sign`` for one country row (its case, if still there)."""
    return (
        f"INSERT INTO report_country_days ({COUNTRY_KEYS}, cases) "
        f"SELECT {day}, {row}.country, {sign} FROM consultations c "
        f"WHERE c.id = {row}.consultation_id "
        f"ON CONFLICT ({COUNTRY_KEYS}) "
        "DO UPDATE SET cases = report_country_days.cases + excluded.cases"
    )


def _sqlite_day(moment: str) -> str:
    return f"date({moment})"


def _sqlite_trigger(name: str, event: str, body: list[str], when: str = "") -> str:
    return f"CREATE TRIGGER IF NOT EXISTS {name} {event} {when}BEGIN {'; '.join(body)}; END"


_SQLITE_DAY_MOVED = "AND date(old.created_at) IS NOT date(new.created_at) "
_MOVED = " OR ".join(f"old.{column} IS NOT new.{column}" for column in CHANGED)
SQLITE_DDL = (
    _sqlite_trigger(
        "tr_report_case_insert",
        "AFTER INSERT ON consultations",
        _add("new", 1, _sqlite_day("new.created_at")),
    ),
    _sqlite_trigger(
        "tr_report_case_update",
        f"AFTER UPDATE OF {', '.join(CHANGED)} ON consultations",
        [
            *_add("old", -1, _sqlite_day("old.created_at")),
            *_add("new", 1, _sqlite_day("new.created_at")),
            _countries("new.id", -1, _sqlite_day("old.created_at"), _SQLITE_DAY_MOVED),
            _countries("new.id", 1, _sqlite_day("new.created_at"), _SQLITE_DAY_MOVED),
        ],
        f"WHEN {_MOVED} ",
    ),
    # Before the case goes: its countries still point at it (a cascade removes them
    # after, when their own trigger no longer finds the case).
    _sqlite_trigger(
        "tr_report_case_delete",
        "BEFORE DELETE ON consultations",
        [
            *_add("old", -1, _sqlite_day("old.created_at")),
            _countries("old.id", -1, _sqlite_day("old.created_at")),
        ],
    ),
    _sqlite_trigger(
        "tr_report_country_insert",
        "AFTER INSERT ON consultation_countries",
        [_country(1, "new", _sqlite_day("c.created_at"))],
    ),
    _sqlite_trigger(
        "tr_report_country_delete",
        "AFTER DELETE ON consultation_countries",
        [_country(-1, "old", _sqlite_day("c.created_at"))],
    ),
)


def _pg_day(moment: str) -> str:
    return f"({moment} AT TIME ZONE 'UTC')::date"


_PG_MOVED = " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in CHANGED)


def _pg(statements: list[str]) -> str:
    return " ".join(f"{statement};" for statement in statements)


POSTGRESQL_DDL = (
    "CREATE OR REPLACE FUNCTION report_count_case() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN "
    f"IF TG_OP = 'UPDATE' AND NOT ({_PG_MOVED}) THEN RETURN NULL; END IF; "
    "IF TG_OP IN ('UPDATE', 'DELETE') THEN "
    f"{_pg(_add('OLD', -1, _pg_day('OLD.created_at')))} END IF; "
    "IF TG_OP IN ('INSERT', 'UPDATE') THEN "
    f"{_pg(_add('NEW', 1, _pg_day('NEW.created_at')))} END IF; "
    f"IF TG_OP = 'UPDATE' AND {_pg_day('OLD.created_at')} <> {_pg_day('NEW.created_at')} THEN "
    f"{_pg([_countries('NEW.id', -1, _pg_day('OLD.created_at'))])} "
    f"{_pg([_countries('NEW.id', 1, _pg_day('NEW.created_at'))])} END IF; "
    "IF TG_OP = 'DELETE' THEN "
    f"{_pg([_countries('OLD.id', -1, _pg_day('OLD.created_at'))])} RETURN OLD; END IF; "
    "RETURN NULL; END $$",
    "CREATE OR REPLACE FUNCTION report_count_country() RETURNS trigger LANGUAGE plpgsql "
    "AS $$ BEGIN "
    "IF TG_OP = 'INSERT' THEN "
    f"{_pg([_country(1, 'NEW', _pg_day('c.created_at'))])} ELSE "
    f"{_pg([_country(-1, 'OLD', _pg_day('c.created_at'))])} END IF; RETURN NULL; END $$",
    "CREATE OR REPLACE TRIGGER tr_report_case AFTER INSERT OR UPDATE OF "
    f"{', '.join(CHANGED)} ON consultations "
    "FOR EACH ROW EXECUTE FUNCTION report_count_case()",
    "CREATE OR REPLACE TRIGGER tr_report_case_delete BEFORE DELETE ON consultations "
    "FOR EACH ROW EXECUTE FUNCTION report_count_case()",
    "CREATE OR REPLACE TRIGGER tr_report_country AFTER INSERT OR DELETE ON consultation_countries "
    "FOR EACH ROW EXECUTE FUNCTION report_count_country()",
)
POSTGRESQL_DROP = (
    "DROP TRIGGER IF EXISTS tr_report_case ON consultations",
    "DROP TRIGGER IF EXISTS tr_report_case_delete ON consultations",
    "DROP TRIGGER IF EXISTS tr_report_country ON consultation_countries",
    "DROP FUNCTION IF EXISTS report_count_case()",
    "DROP FUNCTION IF EXISTS report_count_country()",
)

SQLITE_TRIGGERS = (
    "tr_report_case_insert",
    "tr_report_case_update",
    "tr_report_case_delete",
    "tr_report_country_insert",
    "tr_report_country_delete",
)
_PG_TRIGGERS = (
    ("consultations", "tr_report_case"),
    ("consultations", "tr_report_case_delete"),
    ("consultation_countries", "tr_report_country"),
)
# Off and on again around a bulk load (rollups.counted_in_bulk), by engine (postgres?),
# the durations' triggers (duration_models) with the counts'.
_ALL_SQLITE = SQLITE_TRIGGERS + durations.SQLITE_TRIGGERS
_ALL_PG = _PG_TRIGGERS + durations.POSTGRESQL_TRIGGERS
TRIGGERS_OFF = {
    False: tuple(f"DROP TRIGGER {name}" for name in _ALL_SQLITE),
    True: tuple(f"ALTER TABLE {t} DISABLE TRIGGER {name}" for t, name in _ALL_PG),
}
TRIGGERS_ON = {
    False: SQLITE_DDL + durations.SQLITE_DDL,
    True: tuple(f"ALTER TABLE {t} ENABLE TRIGGER {name}" for t, name in _ALL_PG),
}

# After every table (the triggers read and write tables of both wings).
run_with_tables(Model.metadata, "after_create", "sqlite", SQLITE_DDL)
run_with_tables(Model.metadata, "after_create", "postgresql", POSTGRESQL_DDL)
run_with_tables(Model.metadata, "before_drop", "postgresql", POSTGRESQL_DROP)
