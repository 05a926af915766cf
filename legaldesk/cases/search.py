"""The case search through an index (issue 14): keeping each case's tokens, and the
SQL condition a typed search becomes. What the tokens are is ``search_rules``; how
each engine indexes them is ``search_models``.

The index is kept by the cases service: at intake (``record_intake``) and at
correction (``correction.correct_case``), the only places a case's text changes (an
enterprise keeps the name it was first recorded under, and a reference or credit code
never changes). Bulk writers (``demo.seed``) call ``index_missing`` afterwards;
``flask desk reindex`` (``reindex``) brings every row in line with today's rules.

Ranking: newest first, and nothing else. A score (FTS5's bm25, ts_rank) is computed
for every match before the first row can be shown: a two-character word such as 合同
matches a third of a big desk, and scoring and sorting those rows costs a hundred
times a page. Scores say little here anyway: a case either holds a bigram or not, and
the texts are short. The newest matters most at a desk (a case in progress is asked
about again). Identifiers rank themselves: a whole reference or credit code is a token
only its own cases hold, so those cases are the answer.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from legaldesk.cases.models import Consultation
from legaldesk.cases.search_models import FTS_TABLE, CaseSearch
from legaldesk.cases.search_rules import (
    Group,
    document_tokens,
    fts5_query,
    query_groups,
    tsquery,
)
from legaldesk.db import DbSession
from legaldesk.enterprises.models import Enterprise

# A session, or a connection (the migration that fills the index).
Executor = DbSession | sa.Connection
BATCH = 5000  # cases read, tokenized and written at a time

_TABLE = CaseSearch.__table__
_SOURCE = sa.select(
    Consultation.id,
    Consultation.summary,
    Consultation.description,
    Consultation.reference,
    Enterprise.name,
    Enterprise.uscc,
    Enterprise.name_initials,
).join(Enterprise, Consultation.enterprise_id == Enterprise.id)


def _engine(executor: Executor) -> str:
    bind = executor.get_bind() if hasattr(executor, "get_bind") else executor
    return bind.dialect.name


_FTS = sa.table(FTS_TABLE, sa.column("rowid"))


def _fts() -> Any:
    """The FTS5 table, one object: a query that joins it and sorts or pages by its
    rowid must name the same FROM, or SQLAlchemy adds a second one (a cartesian
    product)."""
    return _FTS


def narrowed(session: DbSession, query: sa.Select, text: str) -> sa.Select:
    """``query`` (a SELECT over consultations) keeping the cases that match the typed
    search: every group of ``search_rules.query_groups`` met, through the engine's
    index. SQLite joins the FTS5 table, so that ``rank_key`` can walk it in its own
    order; PostgreSQL asks the GIN index for the ids."""
    groups = query_groups(text)
    if not groups:
        return query
    if _engine(session) == "postgresql":
        return query.where(Consultation.id.in_(_in_index(session, groups)))
    fts = _fts()
    return query.join(fts, fts.c.rowid == Consultation.id).where(_matched(groups))


def ids_matching(session: DbSession, text: str) -> sa.Select | None:
    """The ids of the cases matching the typed search, read from the index alone (no
    look-up of each case), or None when the text has nothing to search for: to count
    the matches of a search that nothing else narrows."""
    groups = query_groups(text)
    return _in_index(session, groups) if groups else None


def groups_matching(session: DbSession, text: str) -> list[sa.Select]:
    """For each group of the typed search alone, the ids of the cases meeting it
    (``paging.capped_count``'s parts); none for a search of one group, nor on SQLite,
    which has no estimates to ask."""
    groups = query_groups(text) if _engine(session) == "postgresql" else []
    return [_in_index(session, [group]) for group in groups] if len(groups) > 1 else []


def _matched(groups: list[Group]) -> Any:
    """The FTS5 table's MATCH of the groups (SQLite)."""
    return sa.literal_column(FTS_TABLE).op("MATCH")(fts5_query(groups))


def _in_index(session: DbSession, groups: list[Group]) -> sa.Select:
    """SELECT of the ids of the cases whose tokens meet every group, from the index."""
    if _engine(session) == "postgresql":
        asked = sa.cast(sa.literal(tsquery(groups)), postgresql.TSQUERY)
        return sa.select(CaseSearch.consultation_id).where(CaseSearch.tokens.op("@@")(asked))
    return sa.select(_fts().c.rowid).where(_matched(groups))


def walk_in_order(session: DbSession) -> None:
    """For the rest of ``session``'s transaction, PostgreSQL reads a search's page by
    walking the cases newest first and checking each one's tokens, never by a bitmap
    of every match sorted afterwards: for a search known to match more than the cap
    (at least 1 % of a million cases, a page within a few thousand rows). The planner
    expects the bigrams of a word to be independent and so far rarer than they are
    (商标被抢: 173 expected, 51,807 found), and then chose the bitmap: 52,000 rows
    fetched and sorted for a page, 300-450 ms instead of 20. With only the bitmap off
    it read every case's tokens instead (a parallel scan, 海外仓纠 page 2: 0.46-0.53 s
    at a million cases); with sequential scans and parallel workers off too, it walks
    the index newest first and stops after the page (12 ms). JIT off: the penalties
    that turn those plans off would make the walk look worth compiling. SQLite walks
    its FTS5 table in order anyway."""
    if _engine(session) == "postgresql":
        for setting in _WALK_SETTINGS:
            session.execute(sa.text(f"SET LOCAL {setting}"))


_WALK_SETTINGS = (
    "enable_bitmapscan = off",
    "enable_seqscan = off",
    "max_parallel_workers_per_gather = 0",
    "jit = off",
)


def rank_key(session: DbSession) -> Any:
    """The key of a search's ranking (see above), for a query ``narrowed`` by a
    search: newest recorded first (ids grow with each intake). On SQLite the FTS5
    table's rowid, whose order it walks lazily and stops after a page, however many
    cases match."""
    return Consultation.id if _engine(session) == "postgresql" else _fts().c.rowid


def _tokens(row: Any) -> str:
    return document_tokens(
        (row.summary, row.description, row.name, row.reference, row.uscc), row.name_initials
    )


def index_case(session: DbSession, case: Consultation) -> None:
    """Write the tokens of one case (after it was flushed): an intake or a correction."""
    row = session.execute(_SOURCE.where(Consultation.id == case.id)).one()
    values = {"consultation_id": case.id, "tokens": _tokens(row)}
    dialect: Any = postgresql if _engine(session) == "postgresql" else sa.dialects.sqlite
    insert = dialect.insert(_TABLE).values(values)
    session.execute(
        insert.on_conflict_do_update(
            index_elements=["consultation_id"],
            set_={"tokens": insert.excluded.tokens},
            where=_TABLE.c.tokens != insert.excluded.tokens,  # a correction of the contact
        )
    )


def _batches(executor: Executor, query: sa.Select) -> Iterable[Sequence[Any]]:
    """``query``'s rows in batches by case id."""
    after = 0
    while rows := executor.execute(
        query.where(Consultation.id > after).order_by(Consultation.id).limit(BATCH)
    ).all():
        yield rows
        after = rows[-1].id


def _batches_of(executor: Executor, query: sa.Select, ids: list[int]) -> Iterable[Sequence[Any]]:
    """``query``'s rows of the cases ``ids``, in batches."""
    for start in range(0, len(ids), BATCH):
        chosen = ids[start : start + BATCH]
        yield executor.execute(query.where(Consultation.id.in_(chosen))).all()


# A whole batch in one statement. SQLite's FTS5 table, written by a trigger, flushes
# at the end of each statement: a row at a time would make a segment of each (twenty
# times slower); PostgreSQL would plan and run a statement per row.
_JSON_ROWS = sa.text(
    "INSERT INTO case_search (consultation_id, tokens) "
    "SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(:rows)"
)
_ARRAY_ROWS = sa.text(
    "INSERT INTO case_search (consultation_id, tokens) "
    "SELECT id, array_to_tsvector(string_to_array(tokens, ' ')) "
    "FROM unnest(CAST(:ids AS integer[]), CAST(:tokens AS text[])) AS batch(id, tokens)"
)


def _write(executor: Executor, rows: list[tuple[int, str]]) -> None:
    """Insert index rows (case id, tokens) in bulk."""
    if not rows:
        return
    if _engine(executor) == "postgresql":
        ids, tokens = zip(*rows, strict=True)
        executor.execute(_ARRAY_ROWS, {"ids": list(ids), "tokens": list(tokens)})
    else:
        executor.execute(_JSON_ROWS, {"rows": json.dumps(rows, ensure_ascii=False)})


def index_missing(executor: Executor, each_batch: Callable[[int], None] | None = None) -> int:
    """Index every case that has no tokens yet (after a bulk insert, such as
    ``flask desk seed``); answer how many. ``each_batch(n)`` is called after each
    batch is written (to commit, to move a progress bar). The missing ids are found
    first, in one pass over both tables' keys."""
    missing = executor.scalars(
        sa.select(Consultation.id)
        .where(~sa.exists().where(CaseSearch.consultation_id == Consultation.id))
        .order_by(Consultation.id)
    ).all()
    unindexed = _SOURCE.add_columns(sa.null().label("stored"))
    return _bring_up_to_date(executor, _batches_of(executor, unindexed, list(missing)), each_batch)


def reindex(executor: Executor, each_batch: Callable[[int], None] | None = None) -> int:
    """Bring every case's tokens in line with today's rules: rows missing are added,
    rows that differ written again (after a change of ``search_rules``, or a repair);
    answer how many were written."""
    stored = sa.select(CaseSearch.tokens).where(CaseSearch.consultation_id == Consultation.id)
    every = _SOURCE.add_columns(stored.scalar_subquery().label("stored"))
    return _bring_up_to_date(executor, _batches(executor, every), each_batch)


def _bring_up_to_date(
    executor: Executor, batches: Iterable[Sequence[Any]], each_batch: Callable[[int], None] | None
) -> int:
    """Write the tokens of the cases in ``batches`` (rows of ``_SOURCE`` with their
    ``stored`` tokens, or NULL) where they differ; then optimise the index if anything
    was written."""
    written = 0
    for rows in batches:
        fresh = [(r.id, _tokens(r), r.stored) for r in rows]
        stale = [(i, t) for i, t, old in fresh if old != t]
        replaced = [i for i, t, old in fresh if old is not None and old != t]
        if replaced:  # one DELETE, then the INSERTs: no UPDATE a row at a time
            gone = sa.delete(_TABLE).where(_TABLE.c.consultation_id.in_(replaced))  # type: ignore[arg-type]
            executor.execute(gone)
        _write(executor, stale)
        written += len(stale)
        if each_batch:
            each_batch(len(rows))
    if written:
        optimise(executor)
    return written


def optimise(executor: Executor) -> None:
    """After many writes: SQLite merges the FTS5 index into one b-tree (searches read
    one segment instead of dozens); PostgreSQL refreshes the planner's statistics,
    which tell a common token from a rare one."""
    if _engine(executor) == "postgresql":
        executor.execute(sa.text("ANALYZE case_search"))
    else:
        executor.execute(sa.text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))
