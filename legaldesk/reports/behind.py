"""What each figure of the report counts that is not counted by the day a case was
received, as SQL conditions on the rows it counts: follow-ups by the day they fell
due or were recorded, mediations by the day applied for, reopenings and SLA
breaches by the moment they happened.

The figures (counts.py, times.py, outcomes.py) and the case list's ``figure``
filter (``cases_behind``, given to the list from hooks.py) are both built from
these functions, so a figure's link always lists the cases behind it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.cases.models import TimelineEntry
from legaldesk.cases.rules import REOPENABLE
from legaldesk.db import DbSession
from legaldesk.followups.models import FollowUp, LossConfirmation
from legaldesk.mediation.models import Mediation
from legaldesk.routing.models import Draw


@dataclass(frozen=True)
class Span:
    """A period as the figures read it: its first and last local day, and the
    moments it starts and ends (exclusive) in the desk's zone."""

    start: date
    end: date
    low: datetime
    high: datetime
    zone: ZoneInfo

    @classmethod
    def of(cls, start: date, end: date, zone: ZoneInfo) -> Span:
        low = datetime.combine(start, time(), zone)
        return cls(start, end, low, datetime.combine(end + timedelta(days=1), time(), zone), zone)


# Follow-ups
def due(span: Span) -> tuple:
    """Follow-ups that fell due in the period (whenever their case was received)."""
    return (FollowUp.due_on >= span.start, FollowUp.due_on <= span.end)


def recorded(span: Span) -> tuple:
    """Follow-ups recorded (done) in the period: loss avoided and satisfaction."""
    return (FollowUp.done_at >= span.low, FollowUp.done_at < span.high)


def done_on_time() -> Any:
    """A follow-up done by its due day (the desk's day it was done on: done_day.py)."""
    return FollowUp.done_on <= FollowUp.due_on


def confirmed_in_account() -> Any:
    """The enterprise confirmed the loss in its own account (with outcomes' join)."""
    return LossConfirmation.id.is_not(None)


def confirmed_by_staff() -> Any:
    """Staff recorded the enterprise's confirmation (by phone)."""
    return sa.and_(LossConfirmation.id.is_(None), FollowUp.confirmed_by_enterprise)


def unconfirmed() -> Any:
    return sa.and_(LossConfirmation.id.is_(None), sa.not_(FollowUp.confirmed_by_enterprise))


def claimed() -> Any:
    """A loss avoided was claimed (a sum counts no follow-up without one)."""
    return FollowUp.loss_avoided_cny.is_not(None)


def answered() -> Any:
    """A satisfaction answer was given."""
    return FollowUp.satisfaction.is_not(None)


def with_confirmations(query: sa.Select) -> sa.Select:
    return query.outerjoin(LossConfirmation, LossConfirmation.followup_id == FollowUp.id)


# Mediations, reopenings, rounds
def applied(span: Span) -> tuple:
    """Mediations applied for in the period."""
    return (Mediation.applied_on >= span.start, Mediation.applied_on <= span.end)


def reopenings(span: Span) -> tuple:
    """Status changes reopening a case in the period."""
    return (
        TimelineEntry.from_status.in_(REOPENABLE),
        TimelineEntry.at >= span.low,
        TimelineEntry.at < span.high,
    )


def breaches(span: Span) -> tuple:
    """Rounds drawn in the period whose lawyer did not accept within the SLA's working
    hours (the scheduler marks them escalated when it tells the coordinators)."""
    return (Draw.escalated_at.is_not(None), Draw.drawn_at >= span.low, Draw.drawn_at < span.high)


def _followups(*where: Any) -> Callable[[DbSession, Span], sa.Select]:
    def select(session: DbSession, span: Span) -> sa.Select:
        return with_confirmations(sa.select(FollowUp.consultation_id)).where(
            *recorded(span), *where
        )

    return select


def _on_time(session: DbSession, span: Span) -> sa.Select:
    return sa.select(FollowUp.consultation_id).where(*due(span), done_on_time())


# The case list's figures (cases.list_options.FIGURES): the ids of the cases behind each.
CASES_BEHIND: dict[str, Callable[[DbSession, Span], sa.Select]] = {
    "followups_due": lambda session, span: sa.select(FollowUp.consultation_id).where(*due(span)),
    "followups_on_time": _on_time,
    "loss_confirmed": _followups(claimed(), sa.or_(confirmed_in_account(), confirmed_by_staff())),
    "loss_confirmed_in_account": _followups(claimed(), confirmed_in_account()),
    "loss_confirmed_by_staff": _followups(claimed(), confirmed_by_staff()),
    "loss_unconfirmed": _followups(claimed(), unconfirmed()),
    "loss_claimed": _followups(claimed()),
    "satisfaction": _followups(answered()),
    "mediation_applied": lambda session, span: sa.select(Mediation.consultation_id).where(
        *applied(span)
    ),
    "reopened": lambda session, span: sa.select(TimelineEntry.consultation_id).where(
        *reopenings(span)
    ),
    "sla_breached": lambda session, span: sa.select(Draw.consultation_id).where(*breaches(span)),
}


def cases_behind(
    name: str, session: DbSession, start: date, end: date, zone: ZoneInfo
) -> sa.Select:
    """SELECT of the ids of the cases behind the figure ``name`` for [start, end]."""
    return CASES_BEHIND[name](session, Span.of(start, end, zone))
