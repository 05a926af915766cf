"""A round of a case's draw, commitment first: the pool is frozen and the secret's
hash published when the round is committed; the lot is drawn only later, once a
contribution the desk could not know then is keyed in (a witness's number, or a
public lottery's numbers), and the record says which. A round that can no longer be
drawn fairly is put aside (void) with its reason, never quietly replaced."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import case_for_change, transition
from legaldesk.clock import local_date
from legaldesk.db import DbSession
from legaldesk.errors import Conflict, DeskError, FieldErrors, Forbidden, NotFound
from legaldesk.messages import N_, Msg
from legaldesk.routing import draw as drawing
from legaldesk.routing.eligibility import MIN_POOL, Pool
from legaldesk.routing.ledger import new_round, pending_round, void
from legaldesk.routing.models import Draw, Lawyer
from legaldesk.routing.pool import (
    candidates_of,
    case_facts,
    declined_by,
    draw_pool,
    near_miss_warnings,
)
from legaldesk.routing.rules import (
    CONTRIBUTION_SOURCES,
    MAX_CONTRIBUTION,
    MIN_CONTRIBUTION_DIGITS,
    contribution_problem,
    pool_still_holds,
)
from legaldesk.validation import FULL_WIDTH


class NotEligible(DeskError):
    status = 422
    code = "not_eligible"
    default_message = Msg(N_("No lawyer is eligible for this case."))


class PoolTooSmall(DeskError):
    """Fewer eligible lawyers than a draw needs, even with partner firms: a draw of
    one or two would be an assignment in disguise."""

    status = 422
    code = "pool_too_small"

    def __init__(self, eligible: int, needed: int):
        super().__init__(
            Msg(
                N_(
                    "Only %(n)d eligible lawyer(s) for this case, and a draw needs at least "
                    "%(min)d: a coordinator assigns a lawyer by hand with a reason, or "
                    "widens the directory so that more lawyers cover this case."
                ),
                {"n": eligible, "min": needed},
            )
        )
        self.eligible = eligible


class AlreadyAssigned(Conflict):
    code = "already_assigned"
    default_message = Msg(N_("Someone already has this case."))


class AlreadyDrawn(Conflict):
    code = "already_drawn"
    default_message = Msg(N_("This round was already drawn, with another contribution."))


class RoundSuperseded(Conflict):
    code = "round_superseded"
    default_message = Msg(
        N_(
            "This round was drawn, but its lawyer has since declined or been taken off "
            "the case: the case's next round has its own commitment."
        )
    )


class RoundVoid(Conflict):
    code = "round_void"
    default_message = Msg(
        N_(
            "This round was put aside and will not be drawn; the case's next round "
            "has its own commitment."
        )
    )


class PoolChanged(Conflict):
    """Someone in the frozen pool is no longer eligible: the round was put aside with
    the contribution it was given, and ``round_`` is the new commitment (None: too few
    are eligible for another draw). The caller commits before answering."""

    code = "pool_changed"

    def __init__(self, round_: Draw | None):
        if round_ is None:
            message = Msg(
                N_(
                    "Someone in this round's pool is no longer eligible, so it was put "
                    "aside without a draw, and too few lawyers are eligible for a new "
                    "one: assign a lawyer by hand."
                )
            )
        else:
            message = Msg(
                N_(
                    "Someone in this round's pool is no longer eligible, so it was put "
                    "aside without a draw. A new commitment (round %(n)d) is published: "
                    "let the witness note it, then key in a new number."
                ),
                {"n": round_.round},
            )
        super().__init__(message)
        self.round_ = round_


def current_pool(
    session: DbSession,
    case: Consultation,
    now: datetime,
    *,
    zone: ZoneInfo,
    min_pool: int,
    declined: frozenset[int] | None = None,
) -> Pool:
    """The pool a round committed now would freeze (leaving out who declined)."""
    lawyers = list(session.scalars(sa.select(Lawyer).order_by(Lawyer.id)))
    candidates = candidates_of(session, lawyers, case.id, case_facts(case).parties)
    if declined is None:
        declined = declined_by(session, [case.id])[case.id]
    return draw_pool(case, lawyers, candidates, local_date(now, zone), declined, min_pool)


def commit(
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    case: Consultation,
    reason: str,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
    declined: frozenset[int] | None = None,
) -> Draw:
    """Freeze the pool and publish a new round's commitment (no lot drawn yet)."""
    drawn = current_pool(session, case, now, zone=zone, min_pool=min_pool, declined=declined)
    if not drawn.eligible:
        raise NotEligible()
    if len(drawn.eligible) < min_pool:
        raise PoolTooSmall(len(drawn.eligible), min_pool)
    return new_round(
        session,
        actor,
        now,
        case,
        kind="draw",
        reason=reason,
        group=drawn.group,
        pool=sorted(drawn.eligible),
        excluded=drawn.excluded,
        warnings=near_miss_warnings(list(drawn.candidates), list(drawn.eligible), case_facts(case)),
        widened_from=drawn.widened_from,
    )


@dataclass(frozen=True)
class Outlook:
    """What a draw card shows, read without writing anything (publishing is its own
    POST): the round published and still drawable; or a published round whose pool
    has changed (``stale``: publishing again puts it aside); who a round published now
    would freeze; and why none can be (``short``)."""

    pending: Draw | None
    stale: Draw | None
    pool: list[int]
    short: DeskError | None


def outlook(pending: Draw | None, eligible: list[int], min_pool: int) -> Outlook:
    """The outlook of a round ``pending`` (or None) when ``eligible`` may be drawn now."""
    if pending is not None and pool_still_holds(pending.pool or [], eligible):
        return Outlook(pending, None, sorted(eligible), None)
    short: DeskError | None = None
    if not eligible:
        short = NotEligible()
    elif len(eligible) < min_pool:
        short = PoolTooSmall(len(eligible), min_pool)
    return Outlook(None, pending, sorted(eligible), short)


def draw_outlook(
    session: DbSession, case: Consultation, now: datetime, *, zone: ZoneInfo, min_pool: int
) -> Outlook:
    """The case's draw as its page shows it before anyone publishes."""
    eligible = current_pool(session, case, now, zone=zone, min_pool=min_pool).eligible
    return outlook(pending_round(session, case), list(eligible), min_pool)


def open_round(
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    case: Consultation,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
) -> Draw:
    """The new case's round waiting for a contribution: the one already published
    while its pool still holds, else a freshly committed one."""
    pending = pending_round(session, case)
    if pending is not None:
        now_pool = current_pool(session, case, now, zone=zone, min_pool=min_pool)
        if pool_still_holds(pending.pool or [], now_pool.eligible):
            return pending
        void(session, actor, now, pending, "pool_changed")
    return commit(
        session, actor, now, case, pending.reason if pending else "", zone=zone, min_pool=min_pool
    )


def contribution_of(raw: Any) -> tuple[str, str]:
    """The contribution and its source from a form or a JSON body, or field errors."""
    raw = raw if isinstance(raw, dict) else {}
    errors = FieldErrors()
    text = raw.get("contribution")
    text = text.translate(FULL_WIDTH).strip() if isinstance(text, str) else ""
    problem = contribution_problem(text)
    if problem is not None:
        errors.add(
            "contribution",
            Msg(
                N_("Digits only (spaces and dashes may separate them), %(min)d to %(max)d."),
                {"min": MIN_CONTRIBUTION_DIGITS, "max": MAX_CONTRIBUTION},
            ),
        )
    source = raw.get("source")
    if source not in CONTRIBUTION_SOURCES:
        errors.add("source", Msg(N_("Say where the number came from: a witness or the lottery.")))
    errors.raise_if_any()
    # The digits alone are drawn with: separators typed between them must not be a
    # second way to spell one number (each spelling would pick differently).
    return "".join(c for c in text if c.isdigit()), str(source)


def contribute(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    round_: Draw,
    raw: Any,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
    notify: bool = True,
) -> Draw:
    """Draw the committed round with the contribution in ``raw``: the case is routed
    to the lawyer drawn. The same contribution again answers the same draw."""
    if not permissions.may_route(actor):
        raise Forbidden()
    contribution, source = contribution_of(raw)
    if round_.voided_at is not None:
        raise RoundVoid()
    if round_.drawn_at is not None:
        same = (round_.contribution, round_.contribution_source) == (contribution, source)
        if round_.declined_at is not None:
            raise RoundSuperseded()
        if same:  # a retry: the draw as it stands
            return round_
        raise AlreadyDrawn()
    if case.status != "new" or case.assignee_id is not None:
        raise AlreadyAssigned()
    now_pool = current_pool(session, case, now, zone=zone, min_pool=min_pool)
    if not pool_still_holds(round_.pool or [], now_pool.eligible):
        put_aside(
            session,
            actor,
            now,
            round_,
            (contribution, source),
            lambda: commit(session, actor, now, case, round_.reason, zone=zone, min_pool=min_pool),
        )
    record = draw_lot(now, case, round_, contribution, source)
    case.assignee_id = record.chosen
    transition(session, actor, now, case, "routed", notify=notify)
    audit.record(
        session,
        actor,
        now,
        "routing.draw",
        "consultation",
        case.reference,
        {
            "round": round_.round,
            "chosen": record.chosen,
            "pool_size": len(record.pool),
            "source": source,
        },
    )
    return round_


def round_for_change(session: DbSession, actor: Actor, draw_id: int) -> tuple[Consultation, Draw]:
    """A draw round and its case, the case's row locked (so two contributions to one
    round take turns); not found for a round that is no draw or a case the actor may
    not read."""
    round_ = session.get(Draw, draw_id)
    if round_ is None or not round_.is_draw:
        raise NotFound()
    reference = session.scalar(
        sa.select(Consultation.reference).where(Consultation.id == round_.consultation_id)
    )
    case = case_for_change(session, actor, reference or "")
    session.refresh(round_)
    return case, round_


def put_aside(
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    round_: Draw,
    given: tuple[str, str],
    recommit: Callable[[], Draw],
) -> NoReturn:
    """A round whose pool no longer holds, with the contribution it was ``given``, is
    put aside and a new one committed by ``recommit`` (when enough are eligible);
    raises PoolChanged naming it (the caller commits before answering)."""
    round_.contribution, round_.contribution_source = given
    void(session, actor, now, round_, "pool_changed")
    try:
        with session.begin_nested():
            fresh: Draw | None = recommit()
    except (NotEligible, PoolTooSmall):
        fresh = None
    raise PoolChanged(fresh)


def draw_lot(
    now: datetime, case: Consultation, round_: Draw, contribution: str, source: str
) -> drawing.DrawRecord:
    """Draw the committed round with ``contribution``: its lawyer chosen and kept."""
    record = drawing.draw(
        case.reference, round_.round, list(round_.pool or []), round_.secret, contribution
    )
    round_.contribution, round_.contribution_source = contribution, source
    round_.chosen_id, round_.drawn_at = record.chosen, now
    return record
