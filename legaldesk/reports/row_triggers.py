"""The triggers that keep a table of stored sums in step with the rows of another:
each insert adds the row's part, each delete takes it away, each update of the
columns that matter does both. The sums' modules (duration_models, working_models,
followup_models) each give the upsert of a row's part; this module writes the
triggers around it, on SQLite and PostgreSQL, under names of their stem.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from legaldesk.db import Model, run_with_tables

# (postgres?, the row: 'new', 'OLD' …, +1 or -1) -> the upsert of that row's part
Adding = Callable[[bool, str, int], str]


@dataclass(frozen=True)
class RowTriggers:
    sqlite_names: tuple[str, ...]
    sqlite_ddl: tuple[str, ...]
    postgresql_ddl: tuple[str, ...]
    pg_names: tuple[tuple[str, str], ...]  # (table, name)
    postgresql_drop: tuple[str, ...]

    def off(self, postgres: bool) -> tuple[str, ...]:
        """Off for a bulk load, in its transaction (other writers never miss them)."""
        if postgres:
            return tuple(f"ALTER TABLE {t} DISABLE TRIGGER {n}" for t, n in self.pg_names)
        return tuple(f"DROP TRIGGER {name}" for name in self.sqlite_names)

    def on(self, postgres: bool) -> tuple[str, ...]:
        if postgres:
            return tuple(f"ALTER TABLE {t} ENABLE TRIGGER {n}" for t, n in self.pg_names)
        return self.sqlite_ddl

    def create(self, postgres: bool) -> tuple[str, ...]:
        """The statements a migration runs to install them."""
        return self.postgresql_ddl if postgres else self.sqlite_ddl

    def drop(self, postgres: bool) -> tuple[str, ...]:
        """The statements a migration's downgrade runs to remove them."""
        if postgres:
            return self.postgresql_drop
        return tuple(f"DROP TRIGGER IF EXISTS {name}" for name in self.sqlite_names)

    def with_tables(self) -> None:
        """Created and dropped with the tables (tests, ``db.create_all``), as the
        migrations create them."""
        run_with_tables(Model.metadata, "after_create", "sqlite", self.sqlite_ddl)
        run_with_tables(Model.metadata, "after_create", "postgresql", self.postgresql_ddl)
        run_with_tables(Model.metadata, "before_drop", "postgresql", self.postgresql_drop)


def row_triggers(stem: str, table: str, add: Adding, moved_by: tuple[str, ...] = ()) -> RowTriggers:
    """The triggers ``tr_report_<stem>…`` on ``table`` (PostgreSQL's function
    ``report_count_<stem>()``); with ``moved_by``, an update moves the sums only when
    one of those columns changed."""
    names = tuple(f"tr_report_{stem}_{event}" for event in ("insert", "update", "delete"))
    function = f"report_count_{stem}()"
    of = f"OF {', '.join(moved_by)} " if moved_by else ""
    sqlite_when = " OR ".join(f"old.{c} IS NOT new.{c}" for c in moved_by)
    pg_moved = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in moved_by)
    sqlite_ddl = (
        f"CREATE TRIGGER IF NOT EXISTS {names[0]} AFTER INSERT ON {table} "
        f"BEGIN {add(False, 'new', 1)}; END",
        f"CREATE TRIGGER IF NOT EXISTS {names[1]} "
        f"AFTER UPDATE {of}ON {table} {f'WHEN {sqlite_when} ' if moved_by else ''}"
        f"BEGIN {add(False, 'old', -1)}; {add(False, 'new', 1)}; END",
        f"CREATE TRIGGER IF NOT EXISTS {names[2]} BEFORE DELETE ON {table} "
        f"BEGIN {add(False, 'old', -1)}; END",
    )
    unmoved = f"IF TG_OP = 'UPDATE' AND NOT ({pg_moved}) THEN RETURN NULL; END IF; "
    postgresql_ddl = (
        f"CREATE OR REPLACE FUNCTION {function} RETURNS trigger LANGUAGE plpgsql "
        "AS $$ BEGIN "
        f"{unmoved if moved_by else ''}"
        f"IF TG_OP IN ('UPDATE', 'DELETE') THEN {add(True, 'OLD', -1)}; END IF; "
        f"IF TG_OP IN ('INSERT', 'UPDATE') THEN {add(True, 'NEW', 1)}; END IF; "
        "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NULL; END $$",
        f"CREATE OR REPLACE TRIGGER tr_report_{stem} AFTER INSERT OR UPDATE {of}ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}",
        f"CREATE OR REPLACE TRIGGER tr_report_{stem}_delete BEFORE DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {function}",
    )
    triggers = ((table, f"tr_report_{stem}"), (table, f"tr_report_{stem}_delete"))
    drop = (
        *(f"DROP TRIGGER IF EXISTS {name} ON {on}" for on, name in triggers),
        f"DROP FUNCTION IF EXISTS {function}",
    )
    return RowTriggers(names, sqlite_ddl, postgresql_ddl, triggers, drop)
