"""Paged lists at the edge: the ``cursor`` of a link or a request, the paging fields
of an API answer, and the pager under a list page (first, previous, next, last).

Cursors are signed with the desk's secret key (``cursor_rules``), so an edited or
outdated one is a 400 naming the ``cursor`` field, never a 500 nor a silent jump.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import gettext as _

from legaldesk import cursor_rules, paging
from legaldesk.cursor_rules import BadCursor, Cursor
from legaldesk.errors import Malformed
from legaldesk.i18n import link
from legaldesk.messages import N_, Msg
from legaldesk.paging import Page

STALE = Msg(N_("This page link is out of date or was changed. Start again from the first page."))


def _secret() -> bytes:
    key = current_app.secret_key or ""
    return key if isinstance(key, bytes) else str(key).encode()


def read_cursor(args: Mapping[str, str], sort: str) -> Cursor | None:
    """The request's ``cursor`` for a list in the order ``sort``; none: None."""
    text = args.get("cursor")
    if not text:
        return None
    try:
        return cursor_rules.decode(text, _secret(), sort)
    except BadCursor as error:
        raise Malformed(STALE, fields={"cursor": [STALE]}) from error


def cursor_text(cursor: Cursor | None) -> str | None:
    return None if cursor is None else cursor_rules.encode(cursor, _secret())


def page_fields(page: Page) -> dict[str, Any]:
    """The paging fields of a list's JSON answer (beside ``items``)."""
    return {
        "page": page.from_start,
        "per_page": page.per_page,
        "total": page.total,
        "total_exact": page.total_exact,
        "next_cursor": cursor_text(page.next),
        "prev_cursor": cursor_text(page.prev),
        "last_cursor": cursor_text(page.last),
    }


def count_text(total: int, exact: bool = True) -> str:
    """A list's count as a heading shows it: "1,234", or "more than 10,000" once the
    count stopped at the cap (超过 10,000 件)."""
    if exact:
        return f"{total:,}"
    return _("more than %(count)s", count=f"{paging.COUNT_CAP:,}")


def count_figure(total: int, exact: bool = True) -> str:
    """A count as a figure on a card: "1,234" or "10,000+"."""
    return f"{total:,}" if exact else f"{paging.COUNT_CAP:,}+"


@dataclass
class Pager:
    """The links under a list (None: not shown) and where the page stands."""

    label: str
    first: str | None = None
    prev: str | None = None
    next: str | None = None
    last: str | None = None


def _label(page: Page) -> str:
    number = page.number
    if number is None:
        return ""
    if number > 0:
        pages = page.pages
        if pages is None:
            return _("Page %(page)d", page=number)
        return _("Page %(page)d of %(pages)d", page=number, pages=pages)
    if number == -1:
        return _("Last page")
    return _("Page %(page)d from the end", page=-number)


def pager(page: Page, endpoint: str, args: Mapping[str, Any], sort: str) -> Pager:
    """The pager of ``page`` of the list at ``endpoint`` with the filters ``args``
    in the order ``sort``:
    previous and next by cursor, the last page by number when the list was counted
    to its end, else by the cursor that walks from its end."""
    found = Pager(_label(page))
    if page.has_prev:
        found.first = link(endpoint, args)
        found.prev = link(endpoint, args, cursor=cursor_text(page.prev))
    if page.has_next:
        found.next = link(endpoint, args, cursor=cursor_text(page.next))
        found.last = last_page(page, endpoint, args, sort)
    return found


def last_page(page: Page, endpoint: str, args: Mapping[str, Any], sort: str) -> str:
    """The address of the list's last page: by its number when the list was counted
    to its end (none for a single page), else by the cursor that walks from the end."""
    pages = page.pages
    if pages is None:
        return link(endpoint, args, cursor=cursor_text(Cursor.last(sort)))
    return link(endpoint, args, page=pages if pages > 1 else None)


def count_cap() -> int:
    """Where counts stop (templates: "an export holds the first …")."""
    return paging.COUNT_CAP


def register(app: Any) -> None:
    app.jinja_env.globals.update(
        count_text=count_text, count_figure=count_figure, count_cap=count_cap
    )
