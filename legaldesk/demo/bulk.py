"""Bulk loads by each driver's quickest path, for the synthetic seed.

One code path for the rows (tuples in a fixed column order, ``seed_rows``); the load
picks the way in: ``executemany`` on SQLite, ``COPY … FROM STDIN`` on PostgreSQL
(psycopg's copy). No ORM, no per-row bind processing: values arrive ready, with times
already in the column's form (``BulkLoad.stamp``).

SQLite: one connection with settings for the duration only (SQLITE_LOAD_PRAGMAS),
a transaction per batch, so a running desk's writers get their turn between batches.

PostgreSQL: one transaction for the whole load, which drops the loaded tables'
foreign keys and plain indexes first and puts them back (validated, rebuilt in one
sort each) before it commits, as PostgreSQL's manual advises for bulk loads ("Populating
a Database"): a foreign-key check per row was most of the time. Nobody ever sees the
tables without them: the load holds the tables to itself until it commits (a running
desk waits for it), and a failure or crash rolls everything back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

# Settings for the load, on its own connection. The journal stays WAL (readers of a
# running desk go on, and a crash rolls back to the last committed batch) and
# ``synchronous`` stays NORMAL: without a sync per commit in WAL mode it costs little
# (turning it off gained nothing measurable), and it keeps the file safe from
# corruption even if the machine loses power mid-load. A big page cache keeps the
# index pages of a million rows in memory; rarer checkpoints write each page fewer
# times.
SQLITE_LOAD_PRAGMAS = {"cache_size": -262_144, "wal_autocheckpoint": 16_384}
# PostgreSQL: memory for rebuilding the indexes, for this transaction only.
POSTGRES_LOAD_SETTINGS = {"maintenance_work_mem": "256MB"}


class BulkLoad:
    """Inserts rows of tuples on one connection; ``batch()`` around each batch."""

    def __init__(self, connection: sa.Connection) -> None:
        self.connection = connection
        self.postgres = connection.dialect.name == "postgresql"
        self._raw: Any = connection.connection.driver_connection
        self.stamp: Callable[[datetime], Any] = _as_is if self.postgres else _sqlite_text

    def base(self, now: datetime) -> datetime:
        """``now`` as the datetimes ``stamp`` takes: naive UTC on SQLite (as the desk
        stores it), aware UTC on PostgreSQL. ``stamp`` turns one into a column value."""
        utc = now.astimezone(UTC)
        return utc if self.postgres else utc.replace(tzinfo=None)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One batch: its own transaction on SQLite; on PostgreSQL a part of the load's."""
        if self.postgres:
            yield
            return
        with self.connection.begin():
            yield

    def insert(self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        if not rows:
            return
        names = ", ".join(columns)
        if self.postgres:
            with (
                self._raw.cursor() as cursor,
                cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            self._raw.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _as_is(at: datetime) -> datetime:
    """psycopg sends an aware datetime as it is."""
    return at


def _sqlite_text(at: datetime) -> str:
    """The text SQLAlchemy writes for a naive UTC time on SQLite: always with
    microseconds, so stored times compare as text."""
    text = at.isoformat(" ")
    return text if at.microsecond else text + ".000000"


@contextmanager
def bulk_load(engine: sa.Engine, tables: Sequence[str]) -> Iterator[BulkLoad]:
    """A load into ``tables`` on a connection of its own (see the module's docstring).
    When it ends the rows are durable: committed, and on SQLite the write-ahead log
    checkpointed into the database file with a sync."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            with connection.begin():
                restore = _postgres_unconstrain(connection, tables)
                yield BulkLoad(connection)
                for statement in restore:
                    connection.exec_driver_sql(statement)
            return
        raw: Any = connection.connection.driver_connection
        saved = {name: raw.execute(f"PRAGMA {name}").fetchone()[0] for name in SQLITE_LOAD_PRAGMAS}
        try:
            for name, value in SQLITE_LOAD_PRAGMAS.items():
                raw.execute(f"PRAGMA {name} = {int(value)}")
            yield BulkLoad(connection)
        finally:
            if connection.in_transaction():
                connection.rollback()
            for name, value in saved.items():
                raw.execute(f"PRAGMA {name} = {int(value)}")
            raw.execute("PRAGMA wal_checkpoint(PASSIVE)")


def _postgres_unconstrain(connection: sa.Connection, tables: Sequence[str]) -> list[str]:
    """Drop the foreign keys of ``tables`` and their indexes that back no constraint;
    return the statements that put them back, indexes first."""
    for name, value in POSTGRES_LOAD_SETTINGS.items():
        connection.execute(
            sa.text("SELECT set_config(:name, :value, true)"), {"name": name, "value": value}
        )
    names = {"tables": list(tables)}
    keys = connection.execute(
        sa.text(
            "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) "
            "FROM pg_constraint c WHERE c.contype = 'f' "
            "AND c.conrelid = ANY (CAST(:tables AS regclass[])) ORDER BY 1, 2"
        ),
        names,
    ).all()
    indexes = connection.execute(
        sa.text(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i WHERE i.indrelid = ANY (CAST(:tables AS regclass[])) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
            "ORDER BY 1"
        ),
        names,
    ).all()
    quote = connection.dialect.identifier_preparer.quote
    for table, key, _ in keys:
        connection.exec_driver_sql(f"ALTER TABLE {table} DROP CONSTRAINT {quote(key)}")
    for index, _ in indexes:
        connection.exec_driver_sql(f"DROP INDEX {index}")
    return [definition for _, definition in indexes] + [
        f"ALTER TABLE {table} ADD CONSTRAINT {quote(key)} {definition}"
        for table, key, definition in keys
    ]
