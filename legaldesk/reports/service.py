"""The report of a period: what the /reports page, its exports and
GET /api/v1/reports/summary all show, computed here once.

Cases count by the day they were received; follow-up figures (loss avoided,
satisfaction) by the day the follow-up was recorded, so a half-year report counts
what was achieved in that half year. Only losses the enterprise confirmed count as
loss avoided (the lower of its own figure and the claim when it confirmed in its
account); the lawyers' claims and the unconfirmed ones are reported beside them.
The figures are split by subject: counts.py, times.py, outcomes.py, room_use.py.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from legaldesk.actor import Actor
from legaldesk.auth import rules as permissions
from legaldesk.db import DbSession
from legaldesk.errors import Forbidden
from legaldesk.reports import counts, outcomes, rollups, times
from legaldesk.reports.behind import Span
from legaldesk.reports.room_use import room_use
from legaldesk.reports.rules import histogram_quantiles
from legaldesk.routing import service as routing
from legaldesk.routing.chi_square import chi_square
from legaldesk.workcal import service as workcal


def fairness(rows: list[tuple[Any, Any]]) -> list[dict[str, Any]]:
    """The routing wing's draw-fairness table (the period's draws), as plain figures."""
    return [
        {
            "lawyer_id": lawyer.id,
            "name": lawyer.name,
            "kind": lawyer.kind,
            "in_pool": share.in_pool,
            "drawn": share.drawn,
            "expected": round(share.expected, 2),
            "ratio": round(share.ratio, 2) if share.ratio is not None else None,
            "assigned": share.assigned,
            "claimed": share.claimed,
        }
        for lawyer, share in rows
    ]


def fairness_test(rows: list[tuple[Any, Any]]) -> dict[str, Any]:
    """The chi-square test of the same draws (routing.chi_square)."""
    test = chi_square(share for _, share in rows)
    p_value = round(test.p_value, 4) if test.p_value is not None else None
    return {
        "statistic": round(test.statistic, 3),
        "degrees": test.degrees,
        "p_value": p_value,
        "reliable": test.reliable,
        "lumped": test.lumped,
    }


def summary(
    session: DbSession, actor: Actor, now: datetime, start: date, end: date, zone: ZoneInfo
) -> dict[str, Any]:
    """The figures of the period; room use counts it only up to ``now`` (room_use.py)."""
    if not permissions.may_read_reports(actor):
        raise Forbidden()
    span = Span.of(start, end, zone)
    overrides = workcal.overrides(session)
    durations = rollups.duration_counts(session, span)
    _, (hours,) = histogram_quantiles(durations.get("response", {}), (0.5,), 0.1)
    lawyers = counts.by_lawyer(session, span)
    shares = routing.fairness(session, span.low, span.high)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        **counts.cases(rollups.case_rows(session, span)),
        "by_country": counts.by_country(session, span),
        "by_lawyer": lawyers,
        "by_firm": counts.by_firm(lawyers),
        **outcomes.loss_and_satisfaction(session, span),
        "median_hours_to_first_response": round(hours, 1) if hours is not None else None,
        **times.answer_times(durations),
        "sla_breaches": times.sla_breaches(session, span),
        "followups": outcomes.followups_on_time(session, span),
        "mediation": outcomes.mediations(session, span),
        "room_use": room_use(session, start, end, span.low, span.high, zone, overrides, now),
        "reopened": counts.reopened(session, span),
        "fairness": fairness(shares),
        "fairness_test": fairness_test(shares),
    }
