"""The case list: filters, what each actor may see (in SQL), paging, and the audit
entry a listing leaves. Shared by the case list page, GET /consultations, the desk's
home page, the enterprise's own cases and the lawyers' claimable list."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from legaldesk import paging
from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases import list_options, list_walk, search
from legaldesk.cases.models import Consultation, ConsultationCountry
from legaldesk.cases.rules import OPEN_STATUSES
from legaldesk.cursor_rules import Cursor
from legaldesk.db import DbSession
from legaldesk.errors import Forbidden
from legaldesk.paging import Page


@dataclass
class CaseFilters:
    status: str | None = None
    category: str | None = None
    channel: str | None = None
    country: str | None = None
    region: str | None = None  # "foreign" (涉外), "hk_mo_tw" (涉港澳台) or "domestic" (neither)
    date_from: datetime | None = None
    date_to: datetime | None = None
    q: str | None = None
    page: int = 1
    per_page: int = 20
    # list_options: assignee, urgency, overdue, mediation deadline in 7 days, sort
    lawyer: int | None = None
    urgency: str | None = None
    overdue: bool = False
    mediation_due: bool = False
    sort: str = "newest"
    firm: int | None = None  # the assigned lawyer's firm (the report's firm lines)
    # A report figure counted by a date of its own (list_options.FIGURES), in its period
    figure: str | None = None
    figure_from: date | None = None
    figure_to: date | None = None


# The stored flag each value of the `region` filter (region_rules.REGION_FILTERS) reads.
REGION_COLUMNS = {"foreign": Consultation.foreign_related, "hk_mo_tw": Consultation.hk_mo_tw}


def _visible_to(query: sa.Select, actor: Actor) -> sa.Select:
    """Only the cases ``permissions.may_read_case`` lets the actor read, in SQL."""
    if not permissions.has_known_role(actor):
        raise Forbidden()
    scope = permissions.read_scope(actor)
    if scope is None:
        return query.where(sa.false())
    return query.where(*(getattr(Consultation, k) == v for k, v in scope.items()))


def _filtered(
    session: DbSession, query: sa.Select, filters: CaseFilters, many: bool = False
) -> sa.Select:
    """``query`` narrowed by the filters of this module. ``many``: the list was counted
    past the cap, which decides how SQLite reads a country (``_in_country``)."""
    if filters.status == "open":
        query = query.where(Consultation.status.in_(OPEN_STATUSES))
    elif filters.status:
        query = query.where(Consultation.status == filters.status)
    if filters.category:
        query = query.where(Consultation.category_code == filters.category)
    if filters.channel:
        query = query.where(Consultation.channel == filters.channel)
    if filters.country:
        query = query.where(_in_country(filters.country.upper(), many))
    if filters.region == "domestic":
        query = query.where(*(column.is_(False) for column in REGION_COLUMNS.values()))
    elif filters.region:
        query = query.where(REGION_COLUMNS[filters.region].is_(True))
    if filters.date_from:
        query = query.where(Consultation.created_at >= filters.date_from)
    if filters.date_to:
        query = query.where(Consultation.created_at < filters.date_to)
    if filters.q:
        query = search.narrowed(session, query, filters.q.strip())
    return query


def _in_country(country: str, many: bool) -> Any:
    """Cases naming ``country``. SQLite reads an IN by gathering every id it holds and
    sorting them for the page: cheap for a country a few cases name, but a country a
    tenth of a million cases name is a hundred thousand look-ups for every page. When
    the count says more than the cap match (``many``), the page walks the order's
    index instead and asks of each case whether it names the country (EXISTS, one
    primary-key probe): past the cap the country is common, and a page is found
    within a few thousand steps. PostgreSQL plans both forms alike, by its statistics."""
    naming = ConsultationCountry.country == country
    if many:
        return sa.exists().where(ConsultationCountry.consultation_id == Consultation.id, naming)
    return Consultation.id.in_(sa.select(ConsultationCountry.consultation_id).where(naming))


def _counted_in_index(session: DbSession, actor: Actor, filters: CaseFilters) -> sa.Select | None:
    """The ids of a list narrowed by a search alone, or by a country alone, for a
    reader of every case, read from that index alone (``search.ids_matching``, the
    countries' index), or None for every other list.

    Counting those ids counts the cases: each index row belongs to a case (a foreign
    key, deleted with it). Counting the cases themselves looks each one up in the
    case table, and for a list past the cap that is 10,001 look-ups into the largest
    table of the desk: most of the page's cost."""
    if permissions.read_scope(actor) != {} or bool(filters.q) == bool(filters.country):
        return None
    paging_only = CaseFilters(per_page=filters.per_page, page=filters.page, sort=filters.sort)
    if replace(filters, q=None, country=None) != paging_only:
        return None
    if filters.q:
        return search.ids_matching(session, filters.q.strip())
    assert filters.country is not None
    return sa.select(ConsultationCountry.consultation_id).where(
        ConsultationCountry.country == filters.country.upper()
    )


def record_listing(
    session: DbSession, actor: Actor, now: datetime, cases: list[Consultation], searched: bool
) -> None:
    """A list shows summaries, which are case content: note whose were shown to whom.
    The search text is not kept (it may name a party)."""
    if cases:
        audit.record(
            session,
            actor,
            now,
            "consultation.list",
            "consultation",
            "-",
            {"shown": [c.reference for c in cases], "searched": searched},
        )


def order_terms(session: DbSession, filters: CaseFilters) -> paging.Terms:
    """The list's sort as (expression, descending) pairs, the id last. A search in the
    default order is in the search's ranking (``search.rank_key``: newest recorded
    first, walked through the index)."""
    if _ranked_by_search(filters):
        return ((search.rank_key(session), True),)
    return list_options.terms(filters.sort)


def _ranked_by_search(filters: CaseFilters) -> bool:
    return bool(filters.sort == "newest" and filters.q and search.query_groups(filters.q.strip()))


def order_name(filters: CaseFilters) -> str:
    """The name of the list's order that its cursors carry: the sort, or the search's
    own ranking (its key is not the sort's), so that a link made for one is refused
    by the other (a 400) instead of walking a key that does not fit."""
    return "newest-searched" if _ranked_by_search(filters) else filters.sort


def order(session: DbSession, filters: CaseFilters, reverse: bool = False) -> list[Any]:
    """ORDER BY terms of the list (``reverse``: walked from its other end)."""
    return paging.order_by(order_terms(session, filters), reverse)


def matching_ids(
    session: DbSession, actor: Actor, now: datetime, filters: CaseFilters, many: bool = False
) -> sa.Select:
    """SELECT of the ids of the cases the actor may see that pass the filters
    (``many``: the list has more than the cap, see ``_in_country``)."""
    if filters.figure and not permissions.may_read_reports(actor):
        raise Forbidden()  # the report's lists are for those who read the report
    query = _filtered(session, _visible_to(sa.select(Consultation.id), actor), filters, many)
    return list_options.narrowed(query, session, now, filters)


def _counted(session: DbSession, actor: Actor, now: datetime, filters: CaseFilters) -> sa.Select:
    """What to count for the list: the cheapest SELECT with as many rows as it has."""
    in_index = _counted_in_index(session, actor, filters)
    return in_index if in_index is not None else matching_ids(session, actor, now, filters)


def _capped_count(
    session: DbSession, actor: Actor, counted: sa.Select, filters: CaseFilters
) -> tuple[int, bool]:
    """``paging.capped_count`` of the list; a search that nothing else narrows with
    its groups as the parts (with another filter, a part alone says nothing of the
    list)."""
    alone = filters.q and _counted_in_index(session, actor, filters) is not None
    parts = search.groups_matching(session, filters.q.strip()) if alone and filters.q else []
    return paging.capped_count(session, counted, parts)


def count_cases(
    session: DbSession, actor: Actor, now: datetime, filters: CaseFilters
) -> tuple[int, bool]:
    """How many cases the list shows for these filters, exact up to paging.COUNT_CAP
    (then COUNT_CAP + 1 and False); not audited: no content."""
    return _capped_count(session, actor, _counted(session, actor, now, filters), filters)


# (session, ids) -> the cases of a page, each with its ``id``, in any order
Loader = Callable[[DbSession, list[int]], list[Any]]


def _load_cases(session: DbSession, ids: list[int]) -> list[Consultation]:
    """The page's cases as ORM objects with what a list shows of them."""
    return list(
        session.scalars(
            sa.select(Consultation)
            .where(Consultation.id.in_(ids))
            .options(selectinload(Consultation.countries), _assignee_with_firm())
        )
    )


def find_page(
    session: DbSession,
    actor: Actor,
    now: datetime,
    filters: CaseFilters,
    cursor: Cursor | None = None,
    load: Loader = _load_cases,
) -> Page:
    """The cases the actor may see, filtered, in the chosen order, a page at a time:
    page ``filters.page``, or the one ``cursor`` (a link's, for this sort) leads to.
    Not audited: the caller records what it shows (``list_page`` does both).

    The page is found on ids and sort keys alone (an index range) and its rows loaded
    afterwards by ``load`` (ORM cases; the API's list reads ``list_rows``), so a deep
    page does not drag every skipped row through the joins.
    """
    counted = _counted(session, actor, now, filters)
    if cursor is None and filters.page * filters.per_page > paging.COUNT_CAP:
        total, exact = paging.full_count(session, counted), True  # a deep page number
    else:
        total, exact = _capped_count(session, actor, counted, filters)
    many = total > paging.COUNT_CAP
    if many and filters.q and filters.sort == "newest":
        search.walk_in_order(session)  # a common search: its page is near the top
    matching = matching_ids(session, actor, now, filters, many=many)
    page = Page([], total, exact, None, filters.per_page)
    terms = order_terms(session, filters)
    if cursor is not None:
        keys = list_walk.from_cursor(session, matching, counted, terms, page, cursor)
    else:
        keys = list_walk.numbered(session, matching, counted, terms, page, filters.page)
    list_walk.neighbours(page, order_name(filters), keys)
    if keys:
        by_id = {case.id: case for case in load(session, [key[-1] for key in keys])}
        page.items = [by_id[key[-1]] for key in keys if key[-1] in by_id]
    return page


def list_page(
    session: DbSession,
    actor: Actor,
    now: datetime,
    filters: CaseFilters,
    cursor: Cursor | None = None,
) -> Page:
    """``find_page``'s page, its cases recorded in the audit log as shown."""
    page = find_page(session, actor, now, filters, cursor)
    record_listing(session, actor, now, page.items, searched=bool(filters.q))
    return page


def _assignee_with_firm() -> Any:
    """Load each listed case's lawyer and the lawyer's firm (the API names it) with
    the page, not one query per lawyer; the lawyers' mapping is the routing wing's,
    above this one, so it is reached through the relationship."""
    lawyer = sa.inspect(Consultation).relationships["assignee"].mapper
    return selectinload(Consultation.assignee).joinedload(
        lawyer.relationships["firm"].class_attribute
    )


def list_cases(
    session: DbSession, actor: Actor, now: datetime, filters: CaseFilters
) -> tuple[list[Consultation], int]:
    """``list_page``'s cases and count, for the short lists beside other things."""
    page = list_page(session, actor, now, filters)
    return page.items, page.total


def open_cases_of(
    session: DbSession,
    actor: Actor,
    now: datetime,
    enterprise_id: int,
    excluding: int | None = None,
) -> list[Consultation]:
    """The enterprise's other open cases that the actor may read, for the intake hint
    and the case page (a listing, so audited)."""
    query = _visible_to(sa.select(Consultation), actor).where(
        Consultation.enterprise_id == enterprise_id,
        Consultation.status.in_(OPEN_STATUSES),
    )
    if excluding is not None:
        query = query.where(Consultation.id != excluding)
    cases = list(session.scalars(query.order_by(Consultation.created_at.desc())))
    record_listing(session, actor, now, cases, searched=False)
    return cases


def open_or_recent_cases_of(
    session: DbSession,
    actor: Actor,
    enterprise_id: int,
    since: datetime,
    excluding: int | None = None,
    limit: int = 50,
) -> list[Consultation]:
    """The enterprise's cases the actor may read that are open or were created since
    ``since`` (never a withdrawn one), newest first; not audited: the caller records
    the ones it shows. Served by the (enterprise_id, created_at) index."""
    query = _visible_to(sa.select(Consultation), actor).where(
        Consultation.enterprise_id == enterprise_id,
        Consultation.status != "withdrawn",
        sa.or_(Consultation.status.in_(OPEN_STATUSES), Consultation.created_at >= since),
    )
    if excluding is not None:
        query = query.where(Consultation.id != excluding)
    return list(session.scalars(query.order_by(Consultation.created_at.desc()).limit(limit)))
