"""The case search's index: one row of tokens per case (``search_rules``), and the
engine's own index over them, which the database keeps in step with the row.

- SQLite: an FTS5 table with ``case_search`` as its external content (rowid = the
  case's id), filled by triggers. ``detail=none`` keeps only which case has which
  token (no positions: searches are ANDs of tokens), and the ``ascii`` tokenizer with
  ``:`` as a token character takes each stored token whole (``py:yh``, ``s:25``, 合同):
  ``search_rules`` did the splitting and folding already.
- PostgreSQL: the column is a ``tsvector`` of the tokens as lexemes, taken literally
  (``array_to_tsvector``: no text-search parser or dictionary in between), with a GIN
  index. Python reads and writes it as the same space-separated text (``Tokens``).

Both are created with the table (tests, ``db.create_all``) and by migration 0025; the
migration copies these statements, as migrations keep the schema of their day.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, mapped_column

from legaldesk.db import Model, run_with_tables


class Tokens(sa.types.TypeDecorator):
    """Space-separated tokens: text on SQLite, a ``tsvector`` on PostgreSQL (stored
    parsed, so matching a row never parses its text again), written and read as text.
    PostgreSQL answers the lexemes in byte order, which is ``sorted``'s order for the
    text ``document_tokens`` writes: a row reads back as it was written."""

    impl = sa.Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Any) -> Any:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.TSVECTOR())
        return dialect.type_descriptor(sa.Text())

    def bind_expression(self, bindvalue: Any) -> Any:
        return _AsVector(bindvalue)

    def column_expression(self, column: Any) -> Any:
        return _AsText(column)


class _AsVector(sa.sql.expression.FunctionElement[Any]):
    """Text to tsvector on PostgreSQL; the text itself elsewhere."""

    inherit_cache = True


class _AsText(sa.sql.expression.FunctionElement[Any]):
    """A tsvector back to space-separated text on PostgreSQL; the text elsewhere."""

    inherit_cache = True


@compiles(_AsVector, "postgresql")
def _vector_on_postgresql(element: _AsVector, compiler: Any, **kw: Any) -> str:
    return f"array_to_tsvector(string_to_array({compiler.process(element.clauses, **kw)}, ' '))"


@compiles(_AsText, "postgresql")
def _text_on_postgresql(element: _AsText, compiler: Any, **kw: Any) -> str:
    return f"array_to_string(tsvector_to_array({compiler.process(element.clauses, **kw)}), ' ')"


@compiles(_AsVector)
@compiles(_AsText)
def _as_is(element: Any, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


class CaseSearch(Model):
    """A case's search tokens (``search_rules.document_tokens``), kept by
    ``cases.search`` at intake and correction, and rebuilt by ``flask desk reindex``."""

    __tablename__ = "case_search"

    consultation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("consultations.id", ondelete="CASCADE"), primary_key=True
    )
    tokens: Mapped[str] = mapped_column(Tokens, default="")


FTS_TABLE = "case_search_fts"
GIN_INDEX = "ix_case_search_tokens"

SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(tokens, content='case_search', "
    "content_rowid='consultation_id', detail='none', columnsize=0, "
    "tokenize=\"ascii tokenchars ':'\")",
    f"CREATE TRIGGER tr_case_search_insert AFTER INSERT ON case_search BEGIN "
    f"INSERT INTO {FTS_TABLE}(rowid, tokens) VALUES (new.consultation_id, new.tokens); END",
    f"CREATE TRIGGER tr_case_search_delete AFTER DELETE ON case_search BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, tokens) "
    "VALUES ('delete', old.consultation_id, old.tokens); END",
    f"CREATE TRIGGER tr_case_search_update AFTER UPDATE ON case_search BEGIN "
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, tokens) "
    "VALUES ('delete', old.consultation_id, old.tokens); "
    f"INSERT INTO {FTS_TABLE}(rowid, tokens) VALUES (new.consultation_id, new.tokens); END",
)
POSTGRESQL_DDL = (f"CREATE INDEX {GIN_INDEX} ON case_search USING gin (tokens)",)

run_with_tables(CaseSearch.__table__, "after_create", "sqlite", SQLITE_DDL)
run_with_tables(CaseSearch.__table__, "after_create", "postgresql", POSTGRESQL_DDL)
run_with_tables(
    CaseSearch.__table__, "before_drop", "sqlite", [f"DROP TABLE IF EXISTS {FTS_TABLE}"]
)


def not_in_models(name: str | None, type_: str, parent_names: object) -> bool:
    """For Alembic's ``include_name``: False for the engine-specific objects above,
    which no mapping declares (FTS5's table and its shadow tables, the GIN index)."""
    if type_ == "table" and name and name.startswith(FTS_TABLE):
        return False
    return not (type_ == "index" and name == GIN_INDEX)
