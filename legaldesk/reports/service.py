"""The summary figures: what GET /api/v1/reports/summary answers and /reports shows.

Cases count by the day they were received; follow-up figures (loss avoided,
satisfaction) by the day the follow-up was recorded, so a half-year report counts
what was achieved in that half year. Only losses the enterprise confirmed count as
loss avoided; unconfirmed estimates are reported beside them.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from legaldesk.cases.models import Consultation, ConsultationCountry
from legaldesk.errors import Forbidden
from legaldesk.followups.models import FollowUp
from legaldesk.reports.rules import median

READERS = ("coordinator", "admin")


def _bounds(start: date, end: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    return datetime.combine(start, time(), zone), datetime.combine(
        end + timedelta(days=1), time(), zone
    )


def _grouped(session: Session, column: Any, *where: Any, join: Any = None) -> dict[str, int]:
    query = sa.select(column, sa.func.count()).select_from(Consultation)
    if join is not None:
        query = query.join(join)
    rows = session.execute(query.where(*where).group_by(column).order_by(column)).all()
    return {key: count for key, count in rows}


def summary(session: Session, actor: Any, start: date, end: date, zone: ZoneInfo) -> dict[str, Any]:
    if actor.role not in READERS:
        raise Forbidden()
    low, high = _bounds(start, end, zone)
    received = (Consultation.created_at >= low, Consultation.created_at < high)
    total = session.scalar(sa.select(sa.func.count()).select_from(Consultation).where(*received))
    foreign = session.scalar(
        sa.select(sa.func.count())
        .select_from(Consultation)
        .where(*received, Consultation.foreign_related)
    )
    recorded = (FollowUp.done_at >= low, FollowUp.done_at < high)
    confirmed, estimated, satisfaction = session.execute(
        sa.select(
            sa.func.coalesce(
                sa.func.sum(
                    sa.case((FollowUp.confirmed_by_enterprise, FollowUp.loss_avoided_cny), else_=0)
                ),
                0,
            ),
            sa.func.coalesce(
                sa.func.sum(
                    sa.case((FollowUp.confirmed_by_enterprise, 0), else_=FollowUp.loss_avoided_cny)
                ),
                0,
            ),
            sa.func.avg(FollowUp.satisfaction),
        ).where(*recorded)
    ).one()
    rated = session.scalar(
        sa.select(sa.func.count()).where(*recorded, FollowUp.satisfaction.is_not(None))
    )
    satisfied = session.scalar(
        sa.select(sa.func.count()).where(*recorded, FollowUp.satisfaction >= 4)
    )
    responses = session.execute(
        sa.select(Consultation.created_at, Consultation.first_response_at).where(
            *received, Consultation.first_response_at.is_not(None)
        )
    ).all()
    hours = [(answered - asked).total_seconds() / 3600 for asked, answered in responses]
    middle = median(hours)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "consultations": total or 0,
        "foreign_related": foreign or 0,
        "by_status": _grouped(session, Consultation.status, *received),
        "by_category": _grouped(session, Consultation.category_code, *received),
        "by_channel": _grouped(session, Consultation.channel, *received),
        "by_country": _grouped(
            session, ConsultationCountry.country, *received, join=ConsultationCountry
        ),
        "loss_avoided_cny": int(confirmed or 0),
        "loss_estimated_unconfirmed_cny": int(estimated or 0),
        "satisfaction_avg": round(float(satisfaction), 2) if satisfaction is not None else None,
        "satisfaction_responses": rated or 0,
        "satisfied_share": round(satisfied / rated, 3) if rated else None,
        "median_hours_to_first_response": round(middle, 1) if middle is not None else None,
    }
