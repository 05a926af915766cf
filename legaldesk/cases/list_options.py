"""The case list's filters by lawyer, firm, urgency, overdue, mediation deadline and the
report's figures, and its sort orders (issue 13), kept apart from ``listing`` so each
stays small.

"Overdue" and "a mediation deadline within 7 days" are clocks of wings above this one
(routing's acceptance SLA, follow-ups, mediation): each wing defines its SQL
condition here from its ``hooks.py`` (``define``), as wings register their message
words with ``notify.kinds``; the list only ORs what was defined. Likewise the sorts by those clocks
(``define_sort``): the round drawn longest ago first, the nearest mediation deadline
first, which the dashboard's lines about lateness link to.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa

from legaldesk import paging
from legaldesk.cases.models import Consultation
from legaldesk.db import DbSession
from legaldesk.pinyin import lazy_pinyin

# (session, now) -> a condition on Consultation
Condition = Callable[[DbSession, datetime], Any]
# () -> an expression on Consultation to sort by, soonest first (NULL: not on that clock)
SortKey = Callable[[], Any]
# name -> {who defined it -> condition}: defining again (another app) replaces
_CONDITIONS: dict[str, dict[str, Condition]] = {}
# name -> {who defined it -> what its part means, a msgid}: the case rows' marker
_REASONS: dict[str, dict[str, str]] = {}
NAMES = ("overdue", "mediation_due")

# The report's figures counted by a date of their own (follow-ups due, loss avoided
# recorded, mediations applied for, ...): the reports wing gives the cases behind each
# (``define_figure``, from its hooks), so its links and its counts share one definition.
FIGURES = (
    "followups_due",
    "followups_on_time",
    "loss_confirmed",
    "loss_confirmed_in_account",
    "loss_confirmed_by_staff",
    "loss_unconfirmed",
    "loss_claimed",
    "satisfaction",
    "mediation_applied",
    "reopened",
    "sla_breached",
)
# (session, first day, last day) -> SELECT of case ids; (first, last) -> what is listed
FigureCases = Callable[[DbSession, date, date], Any]
FigureTitle = Callable[[date, date], str]
_FIGURES: dict[str, tuple[FigureCases, FigureTitle]] = {}

SORTS = ("newest", "oldest", "updated", "urgency", "accept_by", "mediation_deadline")
# sorts by a wing's clock -> the key that wing defined (not defined: oldest first)
_SORT_KEYS: dict[str, SortKey] = {}
KEYED_SORTS = ("accept_by", "mediation_deadline")
# each sort as (column, descending) pairs, the id last so pages never overlap
_ORDERS: dict[str, tuple[tuple[Any, bool], ...]] = {
    "newest": ((Consultation.created_at, True), (Consultation.id, True)),
    "oldest": ((Consultation.created_at, False), (Consultation.id, False)),
    "updated": ((Consultation.updated_at, True), (Consultation.id, True)),
    # 'urgent' > 'normal': urgent cases first, and within each the one waiting
    # longest first (a queue's order: the dashboard's waiting line opens it)
    "urgency": (
        (Consultation.urgency, True),
        (Consultation.created_at, False),
        (Consultation.id, False),
    ),
}


def define(name: str, owner: str, condition: Condition, reason: str = "") -> None:
    """A wing's part of the filter ``name`` (one of NAMES); ``reason`` (a msgid) says
    what a case meeting it is, beside the case in a list."""
    if name not in NAMES:
        raise ValueError(name)
    _CONDITIONS.setdefault(name, {})[owner] = condition
    _REASONS.setdefault(name, {})[owner] = reason


def define_sort(name: str, key: SortKey) -> None:
    """A wing's clock to sort by (``name`` one of KEYED_SORTS)."""
    if name not in KEYED_SORTS:
        raise ValueError(name)
    _SORT_KEYS[name] = key


def condition(name: str, session: DbSession, now: datetime) -> Any:
    """Cases meeting any part defined for ``name`` (none defined: no case)."""
    parts = [part(session, now) for part in _CONDITIONS.get(name, {}).values()]
    return sa.or_(*parts) if parts else sa.false()


def define_figure(name: str, cases: FigureCases, title: FigureTitle) -> None:
    """The cases behind the report's figure ``name`` (one of FIGURES), and its title."""
    if name not in FIGURES:
        raise ValueError(name)
    _FIGURES[name] = (cases, title)


def figure_title(filters: Any) -> str | None:
    """What a figure's list holds, e.g. "Cases with a follow-up due from … to …"."""
    if not filters.figure or filters.figure not in _FIGURES:
        return None
    return _FIGURES[filters.figure][1](filters.figure_from, filters.figure_to)


def _figure_cases(session: DbSession, filters: Any) -> Any:
    if filters.figure not in _FIGURES:
        return sa.false()
    cases = _FIGURES[filters.figure][0](session, filters.figure_from, filters.figure_to)
    return Consultation.id.in_(cases)


def reasons(name: str, session: DbSession, now: datetime, ids: list[int]) -> dict[int, list[str]]:
    """Which of the cases ``ids`` meet ``name``, and the reasons (msgids) of the parts
    each meets: one query for a page of rows, by the very conditions of the filter."""
    parts = [
        (_REASONS[name].get(owner, ""), part(session, now))
        for owner, part in _CONDITIONS.get(name, {}).items()
    ]
    if not ids or not parts:
        return {}
    flags = [sa.case((condition, 1), else_=0) for _, condition in parts]
    rows = session.execute(
        sa.select(Consultation.id, *flags).where(
            Consultation.id.in_(ids), sa.or_(*(condition for _, condition in parts))
        )
    ).all()
    return {
        row[0]: [why for (why, _), met in zip(parts, row[1:], strict=True) if met] for row in rows
    }


def narrowed(query: sa.Select, session: DbSession, now: datetime, filters: Any) -> sa.Select:
    """``query`` with the filters this module adds (fields of ``listing.CaseFilters``)."""
    if filters.lawyer is not None:
        query = query.where(Consultation.assignee_id == filters.lawyer)
    if filters.firm is not None:
        lawyer = _lawyer_mapping()
        query = query.where(
            Consultation.assignee_id.in_(sa.select(lawyer.id).where(lawyer.firm_id == filters.firm))
        )
    if filters.urgency:
        query = query.where(Consultation.urgency == filters.urgency)
    for name in NAMES:
        if getattr(filters, name):
            query = query.where(condition(name, session, now))
    if filters.figure:
        query = query.where(_figure_cases(session, filters))
    return query


def order(sort: str, reverse: bool = False) -> list[Any]:
    """ORDER BY terms of a sort (``reverse``: the same walked from its other end)."""
    return paging.order_by(terms(sort), reverse)


def terms(sort: str) -> tuple[tuple[Any, bool], ...]:
    """A sort as (expression, descending) pairs, the id last (the keyset's key).
    A keyed sort: cases on the clock first (the same order on every engine, which
    place NULLs differently), soonest first, then oldest received."""
    if sort in KEYED_SORTS:
        key = _SORT_KEYS[sort]() if sort in _SORT_KEYS else None
        if key is None:
            return _ORDERS["oldest"]
        off_clock = sa.case((key.is_(None), 1), else_=0)
        return ((off_clock, False), (key, False), *_ORDERS["oldest"])
    return _ORDERS.get(sort, _ORDERS["newest"])


def _lawyer_mapping() -> Any:
    """The lawyers' mapping, reached through the case's ``assignee`` relationship: the
    routing wing that owns it sits above this one."""
    return sa.inspect(Consultation).relationships["assignee"].mapper.class_


def lawyer_choices(session: DbSession) -> list[tuple[int, str]]:
    """(id, name) of the directory's lawyers, for the lawyer filter, in pinyin order
    (as a Chinese reader looks a name up), ties by id."""
    lawyer = _lawyer_mapping()
    rows = session.execute(sa.select(lawyer.id, lawyer.name)).all()
    return sorted(((i, name) for i, name in rows), key=lambda r: ("".join(lazy_pinyin(r[1])), r[0]))
