"""Draws by the evening's lottery: the day's new cases are committed together (each
round's pool frozen, its commitment published), then drawn together with the numbers
of a public lottery draw held after the last commitment, as RFC 3797 does. Each
round is still drawn alone (its own pool hash and secret), and the record says the
contribution was the lottery's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.db import DbSession
from legaldesk.errors import DeskError, Forbidden
from legaldesk.routing import rounds
from legaldesk.routing.eligibility import MIN_POOL
from legaldesk.routing.models import Draw

# At most this many cases are committed or drawn in one go (a page's worth).
BATCH_LIMIT = 200


@dataclass
class Waiting:
    """A new, unassigned case as the lottery page shows it: its round waiting for a
    contribution; or a published round whose pool has changed (``stale``), or why
    none can be committed (``short``: a coordinator assigns by hand). ``fresh``: its
    round was published just now."""

    case: Consultation
    round_: Draw | None = None
    short: DeskError | None = None
    stale: Draw | None = None
    fresh: bool = False


def waiting_cases(
    session: DbSession, actor: Actor, now: datetime, *, zone: ZoneInfo, min_pool: int = MIN_POOL
) -> list[Waiting]:
    """New cases without a lawyer, oldest first, each with its draw as it stands (read
    only: nothing is published or put aside here)."""
    if not permissions.may_route(actor):
        raise Forbidden()
    cases = session.scalars(
        sa.select(Consultation)
        .where(Consultation.status == "new", Consultation.assignee_id.is_(None))
        .order_by(Consultation.created_at, Consultation.id)
        .limit(BATCH_LIMIT)
    ).all()
    found = []
    for case in cases:
        seen = rounds.draw_outlook(session, case, now, zone=zone, min_pool=min_pool)
        found.append(Waiting(case, seen.pending, seen.short, seen.stale))
    return found


def commit_waiting(
    session: DbSession,
    actor: Actor,
    now: datetime,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
    urgent_too: bool = False,
) -> list[Waiting]:
    """Publish a commitment for every waiting case that has none or a stale one (urgent
    ones only when asked: they are drawn at the desk, not in the evening); answers
    every waiting case, those published now marked ``fresh``."""
    found = waiting_cases(session, actor, now, zone=zone, min_pool=min_pool)
    for waiting in found:
        skipped = waiting.case.urgency == "urgent" and not urgent_too
        if waiting.round_ is not None or waiting.short is not None or skipped:
            continue
        waiting.round_ = rounds.open_round(
            session, actor, now, waiting.case, zone=zone, min_pool=min_pool
        )
        waiting.stale, waiting.fresh = None, True
    return found


@dataclass
class Outcome:
    reference: str
    round_: Draw | None  # drawn, or the new commitment after a pool changed
    error: DeskError | None = None

    @property
    def drawn(self) -> bool:
        return self.error is None and self.round_ is not None


def draw_with_lottery(
    session: DbSession,
    actor: Actor,
    now: datetime,
    draw_ids: list[int],
    numbers: Any,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
) -> list[Outcome]:
    """Draw each listed round with the lottery's numbers, one case at a time (each
    case's row locked). A round whose pool changed is put aside and committed anew
    (its outcome carries the new round); one that cannot be drawn says why."""
    if not permissions.may_route(actor):
        raise Forbidden()
    body = {"contribution": numbers, "source": "lottery"}
    rounds.contribution_of(body)  # every field error before any case is touched
    outcomes = []
    for draw_id in draw_ids[:BATCH_LIMIT]:
        try:
            case, round_ = rounds.round_for_change(session, actor, draw_id)
        except DeskError as missing:
            outcomes.append(Outcome(str(draw_id), None, missing))
            continue
        try:
            rounds.contribute(session, actor, now, case, round_, body, zone=zone, min_pool=min_pool)
        except rounds.PoolChanged as changed:  # the void and the new round stand
            outcomes.append(Outcome(case.reference, changed.round_, changed))
            continue
        except DeskError as refused:  # raised before anything was written
            outcomes.append(Outcome(case.reference, None, refused))
            continue
        outcomes.append(Outcome(case.reference, round_))
    return outcomes
