"""Paging long lists at the same cost on page 1 and page 10,000 (issue 14, item 3).

Two tools every list shares:

- ``capped_count``: how many rows match, counted only up to ``COUNT_CAP + 1``. A list
  of a million cases says "more than 10,000" after reading 10,001 index entries,
  instead of reading the million on every page. On PostgreSQL a list the planner
  expects to hold well past the cap (``ESTIMATE_TRUSTED``) says so from that
  estimate, without reading even those: a search's 10,001 matches are 10,001 rows
  of the search table fetched and checked (tens of milliseconds for 合同), and the
  reader is told "more than 10,000" either way.
- ``beyond``: the keyset conditions "rows after this row in this order", from the
  row's sort key (see ``cursor_rules``). With the order's id as its last term, no two
  rows tie, so pages never overlap or skip a row; an index on the order's columns
  (migration 0027) makes each page a short range read.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.expression import ClauseElement, Executable

from legaldesk.cursor_rules import BadCursor, Cursor, Key
from legaldesk.db import DbSession

COUNT_CAP = 10_000
# From how many rows the planner's estimate is taken for "more than COUNT_CAP": twice
# the cap, so that an estimate off by half still says the truth.
ESTIMATE_TRUSTED = 20_000
# (expression, descending): one term of an ORDER BY, the id last
Terms = Sequence[tuple[Any, bool]]


@dataclass
class Page:
    """One page of a list: its rows, the count (exact up to COUNT_CAP), its number
    (1 the first; -1 the last of a list too long to count, -2 the one before; None
    when not known), and where the neighbouring pages start."""

    items: list[Any]
    total: int
    total_exact: bool
    number: int | None
    per_page: int
    has_prev: bool = False
    has_next: bool = False
    next: Cursor | None = None
    prev: Cursor | None = None
    last: Cursor | None = None

    @property
    def from_start(self) -> int | None:
        """The page's number counted from the first, when known (the API's ``page``)."""
        return self.number if self.number and self.number > 0 else None

    @property
    def pages(self) -> int | None:
        """How many pages the list has, when it was counted to its end."""
        return max(1, math.ceil(self.total / self.per_page)) if self.total_exact else None


def capped_count(
    session: DbSession, matching: sa.Select, parts: Sequence[sa.Select] = ()
) -> tuple[int, bool]:
    """(count, exact) of the rows ``matching`` selects: exact up to COUNT_CAP; beyond,
    (COUNT_CAP + 1, False) after reading no more than that many rows, or none when
    PostgreSQL's planner expects ESTIMATE_TRUSTED rows or more.

    ``parts``: SELECTs that each hold every row of ``matching`` (each group of a
    search alone). The planner multiplies their shares as if they were independent,
    but the bigrams of one typed word go together (货款, 款纠, 纠纷: 20 % of a
    seeded desk each and together, where the planner expects 1.6 %): when every part
    is expected past ESTIMATE_TRUSTED, so is the list. A list that is in fact shorter
    is told "more than the cap", and its pages still end where its rows do
    (``listing``)."""
    if _expected_past_cap(session, matching, parts):
        return COUNT_CAP + 1, False
    limited = matching.order_by(None).limit(COUNT_CAP + 1).subquery()
    found = session.scalar(sa.select(sa.func.count()).select_from(limited)) or 0
    return found, found <= COUNT_CAP


def _expected_past_cap(session: DbSession, matching: sa.Select, parts: Sequence[sa.Select]) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return False
    if estimated_rows(session, matching) >= ESTIMATE_TRUSTED:
        return True
    return bool(parts) and all(estimated_rows(session, p) >= ESTIMATE_TRUSTED for p in parts)


def estimated_rows(session: DbSession, matching: sa.Select) -> float:
    """How many rows PostgreSQL's planner expects ``matching`` to select (from the
    statistics ANALYZE and autovacuum keep: a status's or country's share, a search
    token's frequency); 0 on SQLite, which keeps no such figures."""
    if session.get_bind().dialect.name != "postgresql":
        return 0
    plan = session.execute(_Explained(matching.order_by(None))).scalar_one()
    return float(plan[0]["Plan"]["Plan Rows"])


class _Explained(Executable, ClauseElement):
    """EXPLAIN (FORMAT JSON) of a SELECT, its parameters bound as the SELECT's own."""

    inherit_cache = False

    def __init__(self, statement: sa.Select):
        self.statement = statement


@compiles(_Explained, "postgresql")
def _explained(element: _Explained, compiler: Any, **kw: Any) -> str:
    return "EXPLAIN (FORMAT JSON) " + compiler.process(element.statement, **kw)


def full_count(session: DbSession, matching: sa.Select) -> int:
    """Every row ``matching`` selects, counted: only for a page number beyond the
    cap, which needs to know where the list ends."""
    return (
        session.scalar(sa.select(sa.func.count()).select_from(matching.order_by(None).subquery()))
        or 0
    )


def capped_counts(session: DbSession, queries: dict[str, sa.Select]) -> dict[str, int]:
    """``capped_count`` of several queries in one statement (their figures, each
    COUNT_CAP + 1 at most): the cards of a home page."""
    if not queries:
        return {}
    columns = [
        sa.select(sa.func.count())
        .select_from(query.order_by(None).limit(COUNT_CAP + 1).subquery())
        .scalar_subquery()
        .label(f"c{n}")
        for n, query in enumerate(queries.values())
    ]
    row = session.execute(sa.select(*columns)).one()
    return {name: int(value or 0) for name, value in zip(queries, row, strict=True)}


def order_by(terms: Terms, backward: bool = False) -> list[Any]:
    """ORDER BY of ``terms`` (``backward``: the same order walked from its other end)."""
    return [expr.desc() if descending != backward else expr.asc() for expr, descending in terms]


def _python_type(expr: Any) -> type | None:
    try:
        return expr.type.python_type
    except (AttributeError, NotImplementedError):
        return None


def check_key(terms: Terms, key: Key) -> Key:
    """``key`` if it fits ``terms`` (one value of each term's type, the id not NULL);
    a cursor made before the order changed (another release) raises BadCursor."""
    if len(key) != len(terms) or key[-1] is None:
        raise BadCursor("the key does not fit this order")
    for (expr, _), value in zip(terms, key, strict=True):
        wanted = _python_type(expr)
        if value is None or wanted is None:
            continue
        if wanted is datetime and not isinstance(value, datetime):
            raise BadCursor("not a time")
        if wanted is date and (isinstance(value, datetime) or not isinstance(value, date)):
            raise BadCursor("not a date")
        if wanted in (int, str) and not isinstance(value, wanted):
            raise BadCursor("not the key's type")
    return key


def beyond(terms: Terms, key: Key, backward: bool = False) -> list[Any]:
    """Rows strictly after the row whose sort key is ``key`` in the order ``terms``
    (``backward``: strictly before it), as conditions each read as one index range,
    in the list's order: take rows from the first until the page is full.

    One direction throughout: one row-value comparison, ``(created_at, id) < (:t,
    :id)``. Mixed directions (urgent first, then the oldest) have no such comparison,
    and an OR of them is read from the start of the group, so it is cut into its
    parts, the deepest first: "equal on every term but the last, beyond on the last",
    ..., "beyond on the first" (``urgency = :u AND created_at = :t AND id > :id``,
    ``urgency = :u AND created_at > :t``, ``urgency < :u``); an order by a computed
    key (a keyed sort's clock) is sorted whatever the condition, so its parts are
    ORed into one. A NULL sorts within a group of its own (``list_options`` puts an
    "on this clock?" term before any nullable key), so no part goes beyond a NULL,
    and equal to it is IS NULL.
    """
    directions = {descending != backward for _, descending in terms}
    if len(directions) == 1 and None not in key:
        row = sa.tuple_(*(expr for expr, _ in terms))
        values = sa.tuple_(
            *(sa.literal(v, expr.type) for (expr, _), v in zip(terms, key, strict=True))
        )
        return [row < values if directions.pop() else row > values]
    parts: list[Any] = []
    for n in reversed(range(len(terms))):
        (expr, descending), value = terms[n], key[n]
        if value is None:
            continue
        equal = [
            e.is_(None) if v is None else e == v
            for (e, _), v in zip(terms[:n], key[:n], strict=True)
        ]
        parts.append(sa.and_(*equal, expr < value if descending != backward else expr > value))
    if not all(isinstance(expr, InstrumentedAttribute) for expr, _ in terms):
        return [sa.or_(*parts)]  # a computed key has no index: one sort, not one per part
    return parts
