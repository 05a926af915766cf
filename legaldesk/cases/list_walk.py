"""Walking the case list to a page (issue 14, item 3), kept apart from ``listing``:
the page by its number (counted from whichever end is nearer), the page a cursor
leads to, and where the neighbouring pages start. Each walk reads the sort keys of
the matching cases only (an index range), never their rows."""

from __future__ import annotations

import sqlalchemy as sa

from legaldesk import paging
from legaldesk.cursor_rules import Cursor, Key
from legaldesk.db import DbSession
from legaldesk.paging import Page


def walk(
    session: DbSession,
    matching: sa.Select,
    terms: paging.Terms,
    take: int,
    start: Key | None = None,
    backward: bool = False,
    offset: int = 0,
) -> list[Key]:
    """The sort keys (the id last) of up to ``take`` matching cases in the list's
    order (``backward``: from its other end), beyond the case keyed ``start``: one
    range read, or a few for an order of mixed directions (``paging.beyond``)."""
    query = matching.add_columns(*(expr for expr, _ in terms)).order_by(
        *paging.order_by(terms, backward)
    )
    if start is None:
        return [tuple(row[1:]) for row in session.execute(query.offset(offset or None).limit(take))]
    keys: list[Key] = []
    for part in paging.beyond(terms, start, backward):
        rows = session.execute(query.where(part).limit(take - len(keys)))
        keys += [tuple(row[1:]) for row in rows]
        if len(keys) >= take:
            break
    return keys


def numbered(
    session: DbSession,
    matching: sa.Select,
    counted: sa.Select,
    terms: paging.Terms,
    page: Page,
    number: int,
) -> list[Key]:
    """Page ``number`` counted from the first. A page beyond the count's cap (a typed
    number, an old link) has had the list counted to its end, as it always was
    (``listing.find_page``); a page in the later half is walked from the other end and turned
    around, so the last page costs what the first does. Pages reached by cursor never
    count to the end."""
    per_page = page.per_page
    offset = (number - 1) * per_page
    page.number = number
    if not page.total_exact and offset + per_page > paging.COUNT_CAP:
        page.total, page.total_exact = paging.full_count(session, counted), True
    total = page.total
    if offset >= total:
        return []
    page.has_prev, page.has_next = number > 1, offset + per_page < total
    if not page.total_exact:  # "more than the cap" may be an estimate: see one row on
        rows = walk(session, matching, terms, per_page + 1, offset=offset)
        page.has_next = len(rows) > per_page
        return rows[:per_page]
    if offset <= total // 2:
        return walk(session, matching, terms, per_page, offset=offset)
    take = min(per_page, total - offset)
    rows = walk(session, matching, terms, take, backward=True, offset=total - offset - take)
    return rows[::-1]


def from_cursor(
    session: DbSession,
    matching: sa.Select,
    counted: sa.Select,
    terms: paging.Terms,
    page: Page,
    cursor: Cursor,
) -> list[Key]:
    """The page a cursor leads to: the cases after (or before) the case it keys, or
    the last page of a list too long to count. A walk back that comes short of a full
    page has reached the top: the first page is shown instead."""
    per_page = page.per_page
    if cursor.key is None:  # the last page
        if page.total_exact:
            return numbered(session, matching, counted, terms, page, page.pages or 1)
        rows = walk(session, matching, terms, per_page + 1, backward=True)
        page.number, page.has_prev = -1, len(rows) > per_page
        return rows[:per_page][::-1]
    start = paging.check_key(terms, cursor.key)
    rows = walk(session, matching, terms, per_page + 1, start, cursor.backward)
    more, rows = len(rows) > per_page, rows[:per_page]
    if cursor.backward:
        if len(rows) < per_page:
            return numbered(session, matching, counted, terms, page, 1)
        page.has_prev, page.has_next = more, True
        rows = rows[::-1]
    else:
        page.has_prev, page.has_next = True, more
    page.number = cursor.page
    return rows


def neighbours(page: Page, sort: str, keys: list[Key]) -> None:
    """Where the pages before and after ``page`` and the last page start."""
    number = page.number or 0
    if keys and page.has_prev:
        page.prev = Cursor(sort, keys[0], backward=True, page=number - 1 if number else 0)
    if keys and page.has_next:
        page.next = Cursor(sort, keys[-1], page=number + 1 if number else 0)
        page.last = Cursor.last(sort)
    if number < 0 and page.total_exact:  # a list that shrank under the cap meanwhile
        page.number = max(1, (page.pages or 1) + number + 1)
    elif number == 0:
        page.number = None
