"""The case list: filters, what each actor may see (in SQL), paging, and the audit
entry a listing leaves. Shared by the case list page, GET /consultations, the desk's
home page, the enterprise's own cases and the lawyers' claimable list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases import list_options, search
from legaldesk.cases.models import Consultation, ConsultationCountry
from legaldesk.cases.rules import OPEN_STATUSES
from legaldesk.db import DbSession
from legaldesk.errors import Forbidden


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


def _filtered(session: DbSession, query: sa.Select, filters: CaseFilters) -> sa.Select:
    if filters.status == "open":
        query = query.where(Consultation.status.in_(OPEN_STATUSES))
    elif filters.status:
        query = query.where(Consultation.status == filters.status)
    if filters.category:
        query = query.where(Consultation.category_code == filters.category)
    if filters.channel:
        query = query.where(Consultation.channel == filters.channel)
    if filters.country:
        query = query.where(
            Consultation.id.in_(
                sa.select(ConsultationCountry.consultation_id).where(
                    ConsultationCountry.country == filters.country.upper()
                )
            )
        )
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


def order(session: DbSession, filters: CaseFilters, reverse: bool = False) -> list[Any]:
    """ORDER BY terms of the list (``reverse``: walked from its other end). A search in
    the default order is in the search's ranking (``search.ranked``)."""
    if filters.q and filters.sort == "newest":
        return search.ranked(session, reverse)
    return list_options.order(filters.sort, reverse)


def _page_ids(
    session: DbSession, matching: sa.Select, total: int, filters: CaseFilters
) -> list[int]:
    """The ids of one page in the list's order. A page in the later half is walked
    from the other end and turned around, so the last page costs what the first does."""
    page, per_page = filters.page, filters.per_page
    offset = (page - 1) * per_page
    if offset >= total:
        return []
    if offset <= total // 2:
        forward = order(session, filters)
        return list(session.scalars(matching.order_by(*forward).offset(offset).limit(per_page)))
    backward = order(session, filters, reverse=True)
    take = min(per_page, total - offset)
    rows = session.scalars(matching.order_by(*backward).offset(total - offset - take).limit(take))
    return list(reversed(list(rows)))


def matching_ids(
    session: DbSession, actor: Actor, now: datetime, filters: CaseFilters
) -> sa.Select:
    """SELECT of the ids of the cases the actor may see that pass the filters."""
    if filters.figure and not permissions.may_read_reports(actor):
        raise Forbidden()  # the report's lists are for those who read the report
    query = _filtered(session, _visible_to(sa.select(Consultation.id), actor), filters)
    return list_options.narrowed(query, session, now, filters)


def count_cases(session: DbSession, actor: Actor, now: datetime, filters: CaseFilters) -> int:
    """How many cases the list shows for these filters (not audited: no content)."""
    matching = matching_ids(session, actor, now, filters)
    return session.scalar(sa.select(sa.func.count()).select_from(matching.subquery())) or 0


def list_cases(
    session: DbSession, actor: Actor, now: datetime, filters: CaseFilters
) -> tuple[list[Consultation], int]:
    """The cases the actor may see, filtered, in the chosen order, a page at a time.

    The page is found on ids alone and its twenty rows loaded afterwards, so a deep
    page does not drag every skipped row through the joins.
    """
    matching = matching_ids(session, actor, now, filters)
    total = session.scalar(sa.select(sa.func.count()).select_from(matching.subquery())) or 0
    page_ids = _page_ids(session, matching, total, filters)
    if not page_ids:
        return [], total
    loaded = session.scalars(
        sa.select(Consultation)
        .where(Consultation.id.in_(page_ids))
        .options(selectinload(Consultation.countries), selectinload(Consultation.assignee))
    )
    by_id = {case.id: case for case in loaded}
    items = [by_id[case_id] for case_id in page_ids]  # in the page's order
    record_listing(session, actor, now, items, searched=bool(filters.q))
    return items, total


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
