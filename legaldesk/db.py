"""The SQLAlchemy handle, the declarative base and shared column types."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)

# What services take: Flask-SQLAlchemy's request-scoped ``db.session`` or a plain
# Session (scripts, other threads, tests).
DbSession: TypeAlias = Session | scoped_session[Any]

# The base of every mapping. Flask-SQLAlchemy builds ``db.Model`` at run time, which a
# type checker cannot follow; to it, a mapping is what it is: a declarative class.
if TYPE_CHECKING:
    Model = Base
else:
    Model = db.Model


class UTCDateTime(sa.types.TypeDecorator):
    """An aware UTC datetime on every database (SQLite keeps no offset by itself)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def insert_ignoring_conflict(
    session: Any, model: type[Any], values: dict[str, Any], keys: list[str]
) -> Any:
    """An INSERT that does nothing when a row with the same unique ``keys`` exists.

    Used where two requests may create the same natural-key row at once: the
    database decides, and the loser reads the winner's row instead of failing.
    """
    dialect: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model).values(**values).on_conflict_do_nothing(index_elements=keys)


def rows_changed(result: sa.Result[Any]) -> int:
    """How many rows an UPDATE or DELETE changed (its result is a cursor's)."""
    return cast(sa.CursorResult[Any], result).rowcount


def advance_id_sequences(session: Any, models: list[type[Any]]) -> None:
    """After rows were inserted with explicit ids, move PostgreSQL's id sequences past
    them (SQLite needs nothing: its next rowid follows the largest)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    for name in (model.__tablename__ for model in models):
        session.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"(SELECT coalesce(max(id), 0) + 1 FROM {name}), false)"
            )
        )


def run_with_tables(target: Any, event: str, dialect: str, statements: Any) -> None:
    """Run each of ``statements`` (SQL the models do not describe: triggers, an
    exclusion constraint, an FTS table) on ``dialect`` at ``event`` ('after_create',
    'before_drop') of ``target``, a table or the whole metadata; ``db.create_all``
    then builds what the migrations build."""
    for statement in statements:
        sa.event.listen(target, event, sa.DDL(statement).execute_if(dialect=dialect))


def lock_for_writers(session: Any, model: type[Any]) -> None:
    """Queue the writers of one table until this transaction ends, never its readers.

    For rules no constraint states, checked by reading and then writing (two entries
    in use of a list may not read alike): on PostgreSQL two requests could both read
    before either writes. SHARE ROW EXCLUSIVE conflicts with itself and with every
    write, not with SELECT. SQLite needs nothing: every transaction there already
    begins with BEGIN IMMEDIATE (``legaldesk.sqlite_locking``)."""
    if session.get_bind().dialect.name != "postgresql":
        return
    table = session.get_bind().dialect.identifier_preparer.format_table(model.__table__)
    session.execute(sa.text(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE"))
