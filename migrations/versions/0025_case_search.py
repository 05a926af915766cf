"""The case search's index

Revision ID: 0025
Revises: 0024
Create Date: 2026-11-27 09:00:00

Issue 14, item 1: the case search reads an index instead of scanning every case
with LIKE. ``case_search`` holds each case's tokens (``cases/search_rules.py``); SQLite
indexes them with an FTS5 table kept by triggers; on PostgreSQL the tokens are a
tsvector with a GIN index. The statements are those of ``cases/search_models.py`` on this
day. Existing cases are indexed here, with the tokenizer of the running code (about
20,000 cases a second; ``flask desk reindex`` does the same later).

SQLite must have FTS5 (Python's own builds and the usual distributions do): without it
the migration stops and says so, rather than leave a desk whose search cannot work.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None

FTS = "case_search_fts"
SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE {FTS} USING fts5(tokens, content='case_search', "
    "content_rowid='consultation_id', detail='none', columnsize=0, "
    "tokenize=\"ascii tokenchars ':'\")",
    f"CREATE TRIGGER tr_case_search_insert AFTER INSERT ON case_search BEGIN "
    f"INSERT INTO {FTS}(rowid, tokens) VALUES (new.consultation_id, new.tokens); END",
    f"CREATE TRIGGER tr_case_search_delete AFTER DELETE ON case_search BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, tokens) "
    "VALUES ('delete', old.consultation_id, old.tokens); END",
    f"CREATE TRIGGER tr_case_search_update AFTER UPDATE ON case_search BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, tokens) "
    "VALUES ('delete', old.consultation_id, old.tokens); "
    f"INSERT INTO {FTS}(rowid, tokens) VALUES (new.consultation_id, new.tokens); END",
)
POSTGRESQL_DDL = ("CREATE INDEX ix_case_search_tokens ON case_search USING gin (tokens)",)


def _check_fts5(bind) -> None:
    has_fts5 = bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar()
    if not has_fts5:
        raise RuntimeError(
            "This SQLite was built without FTS5, which the case search needs. Run the "
            "desk with a Python whose sqlite3 has FTS5 (python.org's builds and the "
            "usual Linux packages do), or on PostgreSQL."
        )


def upgrade():
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    if sqlite:
        _check_fts5(bind)
    op.create_table(
        "case_search",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        # a tsvector on PostgreSQL (search_models.Tokens)
        sa.Column(
            "tokens", sa.Text().with_variant(postgresql.TSVECTOR(), "postgresql"), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_case_search_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("consultation_id", name=op.f("pk_case_search")),
    )
    # The tokens of the cases already recorded (the code's tokenizer: see above); the
    # FTS5 table and its triggers first (they fill it), the GIN index after (one bulk
    # build is several times faster than growing it row by row).
    from legaldesk.cases import search

    for statement in SQLITE_DDL if sqlite else ():
        op.execute(statement)
    search.index_missing(bind)
    for statement in POSTGRESQL_DDL if not sqlite else ():
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TABLE IF EXISTS {FTS}")
    op.drop_table("case_search")
