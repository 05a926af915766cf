"""Routing use cases: draw a lawyer for a case, a decline and redraw, checking a draw;
and the directory's reads. Who a draw chooses among is ``routing.pool``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import transition
from legaldesk.clock import local_date
from legaldesk.db import DbSession
from legaldesk.errors import Conflict, DeskError, FieldErrors, Forbidden, InvalidTransition
from legaldesk.messages import N_, Msg
from legaldesk.routing import draw as drawing
from legaldesk.routing.models import Draw, Lawyer
from legaldesk.routing.pool import (
    candidates_of,
    case_facts,
    declined_by,
    draw_pool,
    near_miss_warnings,
)
from legaldesk.routing.rules import DECLINED, Share, shares
from legaldesk.validation import required_text


class NotEligible(DeskError):
    status = 422
    code = "not_eligible"
    default_message = Msg(N_("No lawyer is eligible for this case."))


class AlreadyAssigned(Conflict):
    code = "already_assigned"
    default_message = Msg(N_("Someone already has this case."))


def all_lawyers(session: DbSession) -> list[Lawyer]:
    """The directory in display order (panel first), firms loaded in one query."""
    return list(
        session.scalars(
            sa.select(Lawyer)
            .options(selectinload(Lawyer.firm))
            .order_by(Lawyer.kind.desc(), Lawyer.id)
        )
    )


def listed_specialties(session: DbSession) -> set[str]:
    """The categories some active lawyer lists as a specialty (a case of any other
    category cannot be drawn)."""
    rows = session.scalars(sa.select(Lawyer.specialties).where(Lawyer.active))
    return {code for specialties in rows for code in specialties or ()}


def _pending_round(session: DbSession, case: Consultation) -> Draw | None:
    return session.scalar(
        sa.select(Draw).where(Draw.consultation_id == case.id, Draw.drawn_at.is_(None))
    )


def next_round(session: DbSession, case: Consultation, now: datetime, reason: str) -> Draw:
    """The next round: the one whose commitment was already published, else a new one.
    A draw fills it by lot; an assignment by hand takes it over (routing.handon)."""
    pending = _pending_round(session, case)
    if pending is not None:
        pending.reason = pending.reason or reason
        return pending
    last = session.scalar(sa.select(sa.func.max(Draw.round)).where(Draw.consultation_id == case.id))
    secret = drawing.new_secret()
    round_ = Draw(
        consultation_id=case.id,
        round=(last or 0) + 1,
        reason=reason,
        secret=secret,
        commitment=drawing.commitment(secret),
        committed_at=now,
    )
    session.add(round_)
    session.flush()
    return round_


def publish_commitment(session: DbSession, now: datetime, case: Consultation) -> Draw | None:
    """Fix the next round's secret before anyone keys in a contribution, so its
    commitment can be shown (and noted by a witness) ahead of the draw."""
    if case.status != "new" or case.assignee_id is not None:
        return None
    return next_round(session, case, now, reason="")


def _contribution(raw: Any) -> str:
    errors = FieldErrors()
    if raw is None:
        return ""
    if not isinstance(raw, str) or len(raw) > 40 or not raw.isprintable():
        errors.add("contribution", Msg(N_("At most %(max)d characters."), {"max": 40}))
    errors.raise_if_any()
    return raw.strip()


def _draw(
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    case: Consultation,
    contribution: str,
    reason: str,
    declined: frozenset[int] = frozenset(),
    notify: bool = True,
    *,
    zone: ZoneInfo,
) -> Draw:
    lawyers = list(session.scalars(sa.select(Lawyer).order_by(Lawyer.id)))
    facts = case_facts(case)
    candidates = candidates_of(session, lawyers, case.id, facts.parties)
    drawn = draw_pool(case, lawyers, candidates, local_date(now, zone), declined)
    if not drawn.eligible:
        raise NotEligible()
    pool = list(drawn.eligible)
    round_ = next_round(session, case, now, reason)
    record = drawing.draw(case.reference, round_.round, pool, round_.secret, contribution)
    round_.group, round_.pool, round_.pool_hash = drawn.group, record.pool, record.pool_hash
    round_.excluded = {str(k): v for k, v in sorted(drawn.excluded.items())}
    round_.warnings = near_miss_warnings(list(drawn.candidates), pool, facts)
    round_.contribution, round_.chosen_id, round_.drawn_at = contribution, record.chosen, now
    case.assignee_id = record.chosen
    transition(session, actor, now, case, "routed", notify=notify)
    audit.record(
        session,
        actor,
        now,
        "routing.draw",
        "consultation",
        case.reference,
        {"round": round_.round, "chosen": record.chosen, "pool_size": len(pool)},
    )
    return round_


def route(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    contribution: Any = None,
    notify: bool = True,
    *,
    zone: ZoneInfo,
) -> Draw:
    """Draw a lawyer for a new, unassigned case (``notify=False``: demo data, no mail);
    availability counts by the desk's day in ``zone``."""
    if not permissions.may_route(actor):
        raise Forbidden()
    if case.assignee_id is not None or case.status != "new":
        raise AlreadyAssigned()
    return _draw(
        session,
        actor,
        now,
        case,
        _contribution(contribution),
        "",
        declined_by(session, [case.id])[case.id],  # sent back from them, or they declined
        notify=notify,
        zone=zone,
    )


def decline(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    reason: Any,
    *,
    zone: ZoneInfo,
) -> Draw | None:
    """The drawn lawyer declines with a reason: the round keeps it, and a new round
    is drawn without everyone who declined this case. None when nobody is left."""
    if not permissions.may_decline(actor, case):
        raise Forbidden()
    return _release_and_redraw(
        session, actor, now, case, required_text(reason, "reason", 500), zone
    )


def redraw(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    reason: Any,
    *,
    zone: ZoneInfo,
) -> Draw | None:
    """A coordinator takes a routed case back from a lawyer who did not accept in time
    (or cannot act) and draws again without them; the reason is kept with the round."""
    if not permissions.may_redraw(actor):
        raise Forbidden()
    return _release_and_redraw(
        session, actor, now, case, required_text(reason, "reason", 500), zone
    )


def _release_and_redraw(
    session: DbSession, actor: Actor, now: datetime, case: Consultation, reason: str, zone: ZoneInfo
) -> Draw | None:
    if case.status != "routed":
        raise InvalidTransition()
    released = case.assignee_id
    current = session.scalar(
        sa.select(Draw)
        .where(Draw.consultation_id == case.id, Draw.drawn_at.is_not(None))
        .order_by(Draw.round.desc())
        .limit(1)
    )
    if current is not None:
        current.declined_at, current.decline_reason = now, reason
    transition(session, actor, now, case, "new", note=reason, by="release")
    case.assignee_id = None
    # Everyone released from this case, this one included even when the case reached
    # them without a draw (assigned by hand).
    declined = declined_by(session, [case.id])[case.id] | ({released} if released else set())
    try:
        with session.begin_nested():
            return _draw(
                session,
                None,
                now,
                case,
                "",
                reason=f"{DECLINED}{reason}",
                declined=declined,
                zone=zone,
            )
    except NotEligible:
        return None


def draws_of(session: DbSession, case: Consultation) -> list[Draw]:
    return list(
        session.scalars(sa.select(Draw).where(Draw.consultation_id == case.id).order_by(Draw.round))
    )


def verify_case(session: DbSession, case: Consultation) -> list[tuple[int, list[str]]]:
    """Each drawn round of the case with what does not recompute (empty when it holds)."""
    return [
        (round_.round, drawing.problems(as_record(case.reference, round_)))
        for round_ in draws_of(session, case)
        if round_.drawn_at is not None and round_.is_draw  # a lawyer named by hand: no lot
    ]


def as_record(reference: str, round_: Draw) -> drawing.DrawRecord:
    return drawing.DrawRecord(
        reference,
        round_.round,
        list(round_.pool or []),
        round_.pool_hash or "",
        round_.commitment,
        round_.secret,
        round_.contribution or "",
        round_.chosen_id or 0,
    )


def fairness(session: DbSession) -> list[tuple[Lawyer, Any]]:
    """Every lawyer with their draws against their fair share, most drawn first; the
    cases coordinators assigned them by hand and those they claimed are counted apart
    (``Share.assigned``, ``Share.claimed``), never as draws."""
    rounds = session.execute(
        sa.select(Draw.pool, Draw.chosen_id).where(Draw.drawn_at.is_not(None), Draw.kind == "draw")
    ).all()
    table = shares((list(pool or []), chosen) for pool, chosen in rounds if chosen is not None)
    by_hand = session.execute(
        sa.select(Draw.kind, Draw.chosen_id, sa.func.count())
        .where(Draw.kind.in_(("assigned", "claim")), Draw.chosen_id.is_not(None))
        .group_by(Draw.kind, Draw.chosen_id)
    ).all()
    for kind, lawyer_id, n in by_hand:
        if lawyer_id is not None:  # selected so: never None
            share = table.setdefault(lawyer_id, Share(lawyer_id))
            setattr(share, "assigned" if kind == "assigned" else "claimed", n)
    lawyers = all_lawyers(session)
    rows = [(lawyer, table.get(lawyer.id, Share(lawyer.id))) for lawyer in lawyers]
    return sorted(rows, key=lambda row: (-row[1].drawn, row[0].id))


def lawyer_names(session: DbSession, ids: Iterable[int]) -> dict[int, str]:
    ids = set(ids)
    if not ids:
        return {}
    return dict(session.execute(sa.select(Lawyer.id, Lawyer.name).where(Lawyer.id.in_(ids))).all())
