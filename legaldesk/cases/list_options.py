"""The case list's filters by lawyer, firm, urgency, overdue, mediation deadline and the
report's figures, and its sort orders (issue 13), kept apart from ``listing`` so each
stays small.

"Overdue" and "a mediation deadline within 7 days" are clocks of wings above this one
(routing's acceptance SLA, follow-ups, mediation): each wing defines its SQL
condition here from its ``hooks.py`` (``define``), as wings register their message
words with ``notify.kinds``; the list only ORs what was defined.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from pypinyin import lazy_pinyin

from legaldesk.cases.models import Consultation
from legaldesk.db import DbSession

# (session, now) -> a condition on Consultation
Condition = Callable[[DbSession, datetime], Any]
# name -> {who defined it -> condition}: defining again (another app) replaces
_CONDITIONS: dict[str, dict[str, Condition]] = {}
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

SORTS = ("newest", "oldest", "updated", "urgency")
# each sort as (column, descending) pairs, the id last so pages never overlap
_ORDERS: dict[str, tuple[tuple[Any, bool], ...]] = {
    "newest": ((Consultation.created_at, True), (Consultation.id, True)),
    "oldest": ((Consultation.created_at, False), (Consultation.id, False)),
    "updated": ((Consultation.updated_at, True), (Consultation.id, True)),
    # 'urgent' > 'normal': urgent cases first, newest first within each
    "urgency": (
        (Consultation.urgency, True),
        (Consultation.created_at, True),
        (Consultation.id, True),
    ),
}


def define(name: str, owner: str, condition: Condition) -> None:
    """A wing's part of the filter ``name`` (one of NAMES)."""
    if name not in NAMES:
        raise ValueError(name)
    _CONDITIONS.setdefault(name, {})[owner] = condition


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
    return [
        column.desc() if descending != reverse else column.asc()
        for column, descending in _ORDERS.get(sort, _ORDERS["newest"])
    ]


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
