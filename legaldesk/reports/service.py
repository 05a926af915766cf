"""The summary figures: what GET /api/v1/reports/summary answers.

Cases count by the day they were received; follow-up figures (loss avoided,
satisfaction) by the day the follow-up was recorded, so a half-year report counts
what was achieved in that half year. Only losses the enterprise confirmed count as
loss avoided (the lower of its own figure and the claim when it confirmed in its
account); the lawyers' claims and the unconfirmed ones are reported beside them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation, ConsultationCountry, TimelineEntry
from legaldesk.cases.rules import REOPENABLE
from legaldesk.db import DbSession
from legaldesk.errors import Forbidden
from legaldesk.followups.models import FollowUp, LossConfirmation
from legaldesk.reports.rules import median


def _bounds(start: date, end: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    return datetime.combine(start, time(), zone), datetime.combine(
        end + timedelta(days=1), time(), zone
    )


def seconds_between(session: DbSession, start: Any, end: Any) -> Any:
    """SQL for the seconds from ``start`` to ``end`` on either engine."""
    if session.get_bind().dialect.name == "postgresql":
        return sa.func.extract("epoch", end - start)
    return (sa.func.julianday(end) - sa.func.julianday(start)) * 86400.0


def median_in_sql(session: DbSession, value: Any, *where: Any) -> float | None:
    """The median of ``value`` over the rows, computed by the database (no rows fetched)."""
    count = session.scalar(sa.select(sa.func.count()).where(*where)) or 0
    if not count:
        return None
    middle = session.scalars(
        sa.select(value).where(*where).order_by(value).offset((count - 1) // 2).limit(2 - count % 2)
    ).all()
    return median([float(v) for v in middle])


def _cases(session: DbSession, received: tuple) -> dict[str, Any]:
    """Counts by status, category and channel from one pass over the period's cases."""
    rows = session.execute(
        sa.select(
            Consultation.status,
            Consultation.category_code,
            Consultation.channel,
            Consultation.foreign_related,
            sa.func.count(),
        )
        .where(*received)
        .group_by(
            Consultation.status,
            Consultation.category_code,
            Consultation.channel,
            Consultation.foreign_related,
        )
    ).all()
    figures: dict[str, Any] = {
        "consultations": 0,
        "foreign_related": 0,
        "by_status": {},
        "by_category": {},
        "by_channel": {},
    }
    for status, category, channel, foreign, count in rows:
        figures["consultations"] += count
        figures["foreign_related"] += count if foreign else 0
        for name, key in (
            ("by_status", status),
            ("by_category", category),
            ("by_channel", channel),
        ):
            figures[name][key] = figures[name].get(key, 0) + count
    for name in ("by_status", "by_category", "by_channel"):
        figures[name] = dict(sorted(figures[name].items()))
    return figures


def _outcomes(session: DbSession, recorded: tuple) -> dict[str, Any]:
    """Loss avoided and satisfaction, in one pass. ``loss_avoided_cny`` counts only
    confirmed losses, conservatively: where the enterprise confirmed in its account,
    the lower of its figure and the lawyer's claim (a correction down lowers it, one
    up counts the claim: no one inflates the figure alone); else the lawyer's where
    staff recorded the enterprise's confirmation (by phone). The lawyers' claims and
    each kind of confirmation are reported apart."""
    claim = FollowUp.loss_avoided_cny
    own = sa.case((LossConfirmation.amount_cny <= claim, LossConfirmation.amount_cny), else_=claim)
    online = LossConfirmation.id.is_not(None)
    by_staff = sa.and_(LossConfirmation.id.is_(None), FollowUp.confirmed_by_enterprise)
    unconfirmed = sa.and_(LossConfirmation.id.is_(None), sa.not_(FollowUp.confirmed_by_enterprise))
    (
        confirmed,
        estimated,
        claimed,
        confirmed_online,
        confirmed_by_staff,
        average,
        rated,
        satisfied,
    ) = session.execute(
        sa.select(
            sa.func.sum(sa.case((online, own), (by_staff, claim), else_=0)),
            sa.func.sum(sa.case((unconfirmed, claim), else_=0)),
            sa.func.sum(claim),
            sa.func.sum(sa.case((online, own), else_=0)),
            sa.func.sum(sa.case((by_staff, claim), else_=0)),
            sa.func.avg(FollowUp.satisfaction),
            sa.func.count(FollowUp.satisfaction),
            sa.func.count(sa.case((FollowUp.satisfaction >= 4, 1))),
        )
        .select_from(FollowUp)
        .outerjoin(LossConfirmation, LossConfirmation.followup_id == FollowUp.id)
        .where(*recorded)
    ).one()
    return {
        "loss_avoided_cny": int(confirmed or 0),
        "loss_estimated_unconfirmed_cny": int(estimated or 0),
        "loss_claimed_cny": int(claimed or 0),
        "loss_confirmed_by_enterprise_cny": int(confirmed_online or 0),
        "loss_confirmed_by_staff_cny": int(confirmed_by_staff or 0),
        "satisfaction_avg": round(float(average), 2) if average is not None else None,
        "satisfaction_responses": rated or 0,
        "satisfied_share": round(satisfied / rated, 3) if rated else None,
    }


def hk_mo_tw(session: DbSession, received: tuple) -> int:
    """涉港澳台: cases received in the period that name Hong Kong, Macao or Taiwan, each
    once however many of them it names; counted apart from foreign-related (a case
    naming Taiwan and Japan is in both figures)."""
    return (
        session.scalar(
            sa.select(sa.func.count())
            .select_from(Consultation)
            .where(*received, Consultation.hk_mo_tw.is_(True))
        )
        or 0
    )


def reopened(session: DbSession, low: datetime, high: datetime) -> int:
    """Cases reopened in the period (by the day of reopening, whenever received),
    each counted once however often it was reopened."""
    return (
        session.scalar(
            sa.select(sa.func.count(sa.distinct(TimelineEntry.consultation_id))).where(
                TimelineEntry.from_status.in_(REOPENABLE),
                TimelineEntry.at >= low,
                TimelineEntry.at < high,
            )
        )
        or 0
    )


def summary(
    session: DbSession, actor: Actor, start: date, end: date, zone: ZoneInfo
) -> dict[str, Any]:
    if not permissions.may_read_reports(actor):
        raise Forbidden()
    low, high = _bounds(start, end, zone)
    received = (Consultation.created_at >= low, Consultation.created_at < high)
    by_country = session.execute(
        sa.select(ConsultationCountry.country, sa.func.count())
        .join(Consultation, ConsultationCountry.consultation_id == Consultation.id)
        .where(*received)
        .group_by(ConsultationCountry.country)
        .order_by(ConsultationCountry.country)
    ).all()
    hours = median_in_sql(
        session,
        seconds_between(session, Consultation.created_at, Consultation.first_response_at),
        *received,
        Consultation.first_response_at.is_not(None),
    )
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        **_cases(session, received),
        "hk_mo_tw": hk_mo_tw(session, received),
        "by_country": dict(by_country),
        **_outcomes(session, (FollowUp.done_at >= low, FollowUp.done_at < high)),
        "median_hours_to_first_response": round(hours / 3600, 1) if hours is not None else None,
        "reopened": reopened(session, low, high),
    }
