"""The coordinator's dashboard: what waits, what is late, who is loaded (issue 13).

Each line is a count and the place that lists exactly those things: a case-list line
counts with ``listing.count_cases`` and the very ``CaseFilters`` its link carries, so
the figure and the list cannot drift apart. Every figure is one indexed COUNT or
GROUP BY, a case-list line's counted only up to 10,001 (shown as "10,000+"); only the
few items shown beside a line are loaded, so the page costs the same on a desk of a
hundred cases and on one of a million.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.auth import rules as permissions
from legaldesk.cases import listing
from legaldesk.cases.listing import CaseFilters
from legaldesk.cases.models import Consultation
from legaldesk.clock import local_date
from legaldesk.db import DbSession
from legaldesk.errors import Forbidden
from legaldesk.followups.models import Callback
from legaldesk.followups.overdue import count_past_due, most_past_due
from legaldesk.mediation import timers
from legaldesk.notify.service import failed_count
from legaldesk.routing import pool, sla
from legaldesk.routing.models import Lawyer
from legaldesk.workcal.service import overrides

SHOWN = 5  # items shown beside a line
MEDIATION_DAYS = 7


@dataclass
class Line:
    """One line: ``key`` names it (template words, tests), ``count`` what it counts,
    ``endpoint`` and ``args`` the list that shows exactly those, ``items`` a few."""

    key: str
    count: int
    endpoint: str
    args: dict[str, Any] = field(default_factory=dict)
    items: list[Any] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    exact: bool = True  # False: ``count`` stopped at the cap (paging.COUNT_CAP + 1)


@dataclass
class Load:
    """A lawyer's open cases against their capacity."""

    lawyer_id: int
    name: str
    open_cases: int
    capacity: int

    @property
    def full(self) -> bool:
        return self.open_cases >= self.capacity


def case_list_args(filters: CaseFilters) -> dict[str, Any]:
    """The query string of /cases that asks for ``filters`` (defaults left out)."""
    defaults = CaseFilters()
    args: dict[str, Any] = {}
    for f in fields(CaseFilters):
        value = getattr(filters, f.name)
        if value != getattr(defaults, f.name) and f.name not in ("page", "per_page"):
            args[f.name] = int(value) if isinstance(value, bool) else value
    return args


def _case_line(
    session: DbSession, actor: Actor, now: datetime, key: str, filters: CaseFilters
) -> Line:
    count, exact = listing.count_cases(session, actor, now, filters)
    return Line(key, count, "cases.case_list", case_list_args(filters), exact=exact)


def _shown(session: DbSession, actor: Actor, now: datetime, line: Line, filters: Any) -> None:
    """The first few cases of a line (a listing of references, so audited as one)."""
    if line.count:
        filters.per_page = SHOWN
        line.items, _ = listing.list_cases(session, actor, now, filters)


def loads(session: DbSession) -> list[Load]:
    """Every active lawyer's open cases against capacity, fullest first: two queries."""
    counts = pool.open_case_counts(session)
    lawyers = session.execute(
        sa.select(Lawyer.id, Lawyer.name, Lawyer.capacity).where(Lawyer.active)
    ).all()
    rows = [Load(i, name, counts.get(i, 0), capacity) for i, name, capacity in lawyers]
    return sorted(rows, key=lambda r: (-(r.open_cases / max(r.capacity, 1)), r.name, r.lawyer_id))


def _callbacks(session: DbSession) -> Line:
    """Enterprises owed a call back, the ones waiting longest shown first."""
    waiting = Callback.done_at.is_(None)
    count = session.scalar(sa.select(sa.func.count()).select_from(Callback).where(waiting))
    line = Line("callbacks", count or 0, "followups.due", {"_anchor": "callbacks"})
    line.items = list(
        session.execute(
            sa.select(Consultation.reference, Callback.satisfaction, Callback.created_at)
            .join(Consultation, Callback.consultation_id == Consultation.id)
            .where(waiting)
            .order_by(Callback.created_at, Callback.id)
            .limit(SHOWN)
        ).all()
    )
    return line


def dashboard(
    session: DbSession,
    actor: Actor,
    now: datetime,
    *,
    zone: ZoneInfo,
    sla_hours: sla.AcceptanceHours,
) -> list[Line]:
    """The dashboard's lines, in the order a coordinator works through them."""
    if not permissions.may_see_dashboard(actor):
        raise Forbidden()
    today = local_date(now, zone)
    waiting = CaseFilters(status="new", sort="urgency")
    new = _case_line(session, actor, now, "waiting", waiting)
    _shown(session, actor, now, new, waiting)

    # the lines about lateness: most urgent first, here and in the list they link to
    drawn = CaseFilters(status="routed", sort="accept_by")
    routed = _case_line(session, actor, now, "drawn", drawn)
    _shown(session, actor, now, routed, drawn)
    calendar = overrides(session)
    clocks = sla.clocks(session, [c.id for c in routed.items], sla_hours, zone, calendar)
    late = _case_line(
        session, actor, now, "late", CaseFilters(status="routed", overdue=True, sort="accept_by")
    )
    routed.extra = {
        "clocks": clocks,
        "late": late,
        "hours": sla_hours.normal,
        "urgent_hours": sla_hours.urgent,
    }

    followups = Line("followups", count_past_due(session, today), "followups.due", {"overdue": 1})
    followups.items = most_past_due(session, today, SHOWN)
    lines = [new, routed, followups]
    if permissions.may_handle_callbacks(actor):
        lines.append(_callbacks(session))
    mediation = _case_line(
        session, actor, now, "mediation", CaseFilters(mediation_due=True, sort="mediation_deadline")
    )
    mediation.items = timers.due_within(session, today, MEDIATION_DAYS, SHOWN)
    lines.append(mediation)
    if permissions.may_manage_outbox(actor):
        lines.append(
            Line("mail", failed_count(session), "notify.notifications", {"_anchor": "failed"})
        )
    rows = loads(session)
    lines.append(
        Line(
            "load",
            sum(r.full for r in rows),
            "directory.index",
            items=rows,
            extra={"all": len(rows)},
        )
    )
    return lines
