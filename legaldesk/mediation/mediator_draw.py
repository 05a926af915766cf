"""The mediator drawn by lot, as a case's lawyer is: a round of kind "mediator" is
committed first (the neutral mediators frozen as its pool, the secret's hash shown),
and drawn once a witness's or a lottery's number is keyed in. Neutral: active, not
on leave, not the case's own lawyer, no conflict with the enterprise, the case's
other side or the respondent. A coordinator may still name one by hand, with a
reason (service.choose_mediator). A lawyer who declined the case or was taken off it
is not drawn to mediate it either."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.cases.overdue_rules import ENDED
from legaldesk.clock import local_date
from legaldesk.db import DbSession
from legaldesk.errors import Forbidden, InvalidTransition
from legaldesk.mediation.models import Mediation
from legaldesk.mediation.service import mediation_parties, pending_mediator_round, set_mediator
from legaldesk.routing import ledger, rounds
from legaldesk.routing.eligibility import MIN_POOL, mediator_exclusions
from legaldesk.routing.models import Draw, Lawyer
from legaldesk.routing.pool import candidates_of, declined_by
from legaldesk.routing.rules import pool_still_holds

# Why a mediator round exists (its reason, as the case page words it).
MEDIATOR_ROUND = "mediator"


def neutral_pool(
    session: DbSession, case: Consultation, mediation: Mediation, now: datetime, zone: ZoneInfo
) -> tuple[list[int], dict[int, list[str]]]:
    """The neutral mediators now (sorted ids), and everyone else with why not."""
    lawyers = list(session.scalars(sa.select(Lawyer).order_by(Lawyer.id)))
    facts = mediation_parties(case, mediation)
    candidates = candidates_of(session, lawyers, case.id, facts.parties)
    today = local_date(now, zone)
    declined = declined_by(session, [case.id])[case.id]  # their doubt about the case stands
    pool, excluded = [], {}
    for lawyer in lawyers:
        reasons = mediator_exclusions(candidates[lawyer.id], facts, today, case.assignee_id)
        if lawyer.id in declined:
            reasons = [*reasons, "declined"]
        if reasons:
            excluded[lawyer.id] = reasons
        else:
            pool.append(lawyer.id)
    return pool, excluded


def _can_draw(actor: Actor | None, case: Consultation, mediation: Mediation) -> None:
    """The desk draws (front desk, coordinators), as it routes: not a side's lawyer."""
    if actor is None or not permissions.may_route(actor):
        raise Forbidden()
    if mediation.status != "consented" or mediation.mediator_id is not None:
        raise InvalidTransition()
    if case.status in ENDED:  # no mediator is drawn for a withdrawn or closed case
        raise InvalidTransition()


def _commit(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    mediation: Mediation,
    zone: ZoneInfo,
    min_pool: int,
) -> Draw:
    pool, excluded = neutral_pool(session, case, mediation, now, zone)
    if not pool:
        raise rounds.NotEligible()
    if len(pool) < min_pool:
        raise rounds.PoolTooSmall(len(pool), min_pool)
    return ledger.new_round(
        session,
        actor,
        now,
        case,
        kind="mediator",
        reason=MEDIATOR_ROUND,
        group="mediators",
        pool=pool,
        excluded=excluded,
    )


def open_mediator_round(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    mediation: Mediation,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
) -> Draw:
    """The mediation's mediator round waiting for its number: the one published while
    its pool holds, else a new commitment."""
    _can_draw(actor, case, mediation)
    pending = pending_mediator_round(session, case)
    if pending is not None:
        pool, _ = neutral_pool(session, case, mediation, now, zone)
        if pool_still_holds(pending.pool or [], pool):
            return pending
        ledger.void(session, actor, now, pending, "pool_changed")
    return _commit(session, actor, now, case, mediation, zone, min_pool)


def mediator_outlook(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    mediation: Mediation,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
) -> rounds.Outlook | None:
    """The mediator draw as the case page shows it, read without writing anything
    (publishing is ``open_mediator_round``); None for whoever may not draw it, or when
    no mediator is to be drawn now."""
    try:
        _can_draw(actor, case, mediation)
    except (Forbidden, InvalidTransition):
        return None
    pool, _ = neutral_pool(session, case, mediation, now, zone)
    return rounds.outlook(pending_mediator_round(session, case), pool, min_pool)


def draw_mediator(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    mediation: Mediation,
    draw_id: Any,
    raw: Any,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
) -> Draw:
    """Draw the mediator round the page showed (``draw_id``) with the number in
    ``raw``; a round whose pool changed is put aside and a new one committed
    (rounds.PoolChanged: the caller commits before answering)."""
    _can_draw(actor, case, mediation)
    contribution, source = rounds.contribution_of(raw)
    round_ = pending_mediator_round(session, case)
    if round_ is None or round_.id != draw_id:
        raise rounds.RoundVoid()
    pool, _ = neutral_pool(session, case, mediation, now, zone)
    if not pool_still_holds(round_.pool or [], pool):
        rounds.put_aside(
            session,
            actor,
            now,
            round_,
            (contribution, source),
            lambda: _commit(session, actor, now, case, mediation, zone, min_pool),
        )
    record = rounds.draw_lot(now, case, round_, contribution, source)
    set_mediator(session, actor, now, case, mediation, record.chosen, drawn_round=round_.round)
    return round_
