"""How fast the desk answers, in working hours: from receipt to a lawyer's
acceptance and to the first advice (median and 90th percentile), read off the
counts the database keeps of each case's working time (working_models), and the
rounds whose drawn lawyer breached the acceptance SLA.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.reports import behind, rules
from legaldesk.reports.behind import Span

FRACTIONS = (0.5, 0.9)


def _quantiles(counts: dict[int, int]) -> dict[str, Any]:
    count, (middle, ninetieth) = rules.histogram_quantiles(counts, FRACTIONS, 0.1)
    return {
        "count": count,
        "median": round(middle, 1) if middle is not None else None,
        "p90": round(ninetieth, 1) if ninetieth is not None else None,
    }


def answer_times(counts: dict[str, dict[int, int]]) -> dict[str, Any]:
    """Working hours from receipt to the first acceptance and to the first advice of
    the period's cases answered so far, given rollups.duration_counts."""
    return {
        "hours_to_acceptance": _quantiles(counts.get("acceptance", {})),
        "hours_to_advice": _quantiles(counts.get("advice", {})),
    }


def sla_breaches(session: DbSession, span: Span) -> int:
    """Rounds drawn in the period whose lawyer did not accept in time (behind.breaches)."""
    return session.scalar(sa.select(sa.func.count()).where(*behind.breaches(span))) or 0
