"""Routing use cases: route a case (its round committed first, drawn by
``routing.rounds`` once a contribution comes), a decline and redraw, checking a draw;
and the directory's reads. Who a draw chooses among is ``routing.pool``."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from legaldesk.actor import Actor
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import transition
from legaldesk.db import DbSession
from legaldesk.errors import Conflict, Forbidden, InvalidTransition
from legaldesk.messages import N_, Msg
from legaldesk.routing import draw as drawing
from legaldesk.routing import rounds, sla
from legaldesk.routing.eligibility import MIN_POOL
from legaldesk.routing.ledger import current_round, lawyer_names, round_to_release
from legaldesk.routing.models import Draw, Lawyer
from legaldesk.routing.pool import declined_by
from legaldesk.routing.rounds import AlreadyAssigned, NotEligible, PoolTooSmall
from legaldesk.routing.rules import DECLINED, REDRAWN, Share, shares
from legaldesk.routing.sla import AcceptanceHours
from legaldesk.validation import required_text

__all__ = ["AlreadyAssigned", "NotEligible", "PoolTooSmall", "current_round", "lawyer_names"]


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


def route(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
) -> tuple[Draw, bool]:
    """Route a new, unassigned case: (its round waiting for a contribution, False).
    Asked again once the case was drawn: (that completed draw, True). Availability
    counts by the desk's day in ``zone``."""
    if not permissions.may_route(actor):
        raise Forbidden()
    if case.assignee_id is None and case.status == "new":
        return rounds.open_round(session, actor, now, case, zone=zone, min_pool=min_pool), False
    latest = current_round(session, case)
    if case.status == "routed" and latest is not None and latest.is_draw:
        return latest, True
    raise AlreadyAssigned()


def draw_outlook(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
) -> rounds.Outlook | None:
    """For the case page of whoever may route a new case: its round waiting for a
    contribution, or who a round published now would freeze, or why none can be
    drawn. Read only: publishing is ``route`` (the page's button, the API)."""
    if not permissions.may_route(actor) or case.status != "new" or case.assignee_id is not None:
        return None
    return rounds.draw_outlook(session, case, now, zone=zone, min_pool=min_pool)


def decline(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    reason: Any,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
) -> Draw | None:
    """The drawn lawyer declines with a reason: the round keeps it, and the case is
    new again with a fresh round committed without everyone who declined it, to be
    drawn once a witness or the lottery gives its contribution. None when too few
    are left to draw from (a coordinator assigns)."""
    if not permissions.may_decline(actor, case):
        raise Forbidden()
    text = required_text(reason, "reason", 500)
    return _release_and_commit(session, actor, now, case, text, DECLINED, zone, min_pool)


class StillInTime(Conflict):
    """A coordinator may not take a drawn case back while its lawyer still has time to
    accept: redraw after redraw would let them steer the case to the lawyer they want,
    each round looking like a fair draw. Naming a lawyer by hand is the honest way,
    with its reason on the record."""

    code = "still_in_time"

    def __init__(self, deadline: datetime, zone: ZoneInfo):
        super().__init__(
            Msg(
                N_(
                    "The drawn lawyer has until %(deadline)s to accept: the case is drawn "
                    "again only once that time has run out. To give it to another lawyer "
                    "now, assign one by hand with a reason."
                ),
                {"deadline": deadline.astimezone(zone).strftime("%Y-%m-%d %H:%M")},
            )
        )


def redraw_after(
    session: DbSession,
    now: datetime,
    case: Consultation,
    *,
    hours: AcceptanceHours,
    zone: ZoneInfo,
    calendar: dict,
) -> datetime | None:
    """Until when a routed case may not be drawn again (None: now it may): its lawyer's
    time to accept (a conflict opens no exception: it can be recorded at will)."""
    current = current_round(session, case)
    deadline = sla.accept_by(current, case, hours, zone, calendar) if current else None
    # A conflicted lawyer declines, or a coordinator assigns another by hand.
    return None if deadline is None or now >= deadline else deadline


def redraw(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    reason: Any,
    *,
    zone: ZoneInfo,
    hours: AcceptanceHours,
    calendar: dict,
    min_pool: int = MIN_POOL,
) -> Draw | None:
    """A coordinator takes a routed case back from a lawyer who did not accept in time:
    a new round is committed without them; the reason is kept."""
    if not permissions.may_redraw(actor):
        raise Forbidden()
    text = required_text(reason, "reason", 500)
    deadline = redraw_after(session, now, case, hours=hours, zone=zone, calendar=calendar)
    if deadline is not None:
        raise StillInTime(deadline, zone)
    return _release_and_commit(session, actor, now, case, text, REDRAWN, zone, min_pool)


def _release_and_commit(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    reason: str,
    prefix: str,
    zone: ZoneInfo,
    min_pool: int,
) -> Draw | None:
    if case.status != "routed":
        raise InvalidTransition()
    released = case.assignee_id
    current = round_to_release(session, actor, now, case)
    if current is not None:
        current.declined_at, current.decline_reason = now, reason
        if prefix == REDRAWN:
            current.released_by_id = actor.id
    transition(session, actor, now, case, "new", note=reason, by="release")
    case.assignee_id = None
    # Everyone released from this case, this one included even when the case reached
    # them without a draw (assigned by hand).
    declined = declined_by(session, [case.id])[case.id] | ({released} if released else set())
    try:
        with session.begin_nested():
            return rounds.commit(  # the desk commits it, not the lawyer who declined
                session,
                actor if prefix == REDRAWN else None,
                now,
                case,
                f"{prefix}{reason}",
                zone=zone,
                min_pool=min_pool,
                declined=frozenset(declined),
            )
    except (NotEligible, PoolTooSmall):
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
        if round_.drawn_at is not None and round_.is_lot  # a lawyer named by hand: no lot
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


def fairness(
    session: DbSession, since: datetime | None = None, until: datetime | None = None
) -> list[tuple[Lawyer, Any]]:
    """Every lawyer with their draws against their fair share, most drawn first; the
    cases coordinators assigned them by hand and those they claimed are counted apart
    (``Share.assigned``, ``Share.claimed``), never as draws. ``since`` / ``until``
    (exclusive): only the rounds drawn in that period."""
    period: list[sa.ColumnElement[bool]] = [Draw.drawn_at.is_not(None)]
    if since is not None:
        period.append(Draw.drawn_at >= since)
    if until is not None:
        period.append(Draw.drawn_at < until)
    rounds = session.execute(
        sa.select(Draw.pool, Draw.chosen_id).where(*period, Draw.kind == "draw")
    ).all()
    table = shares((list(pool or []), chosen) for pool, chosen in rounds if chosen is not None)
    by_hand = session.execute(
        sa.select(Draw.kind, Draw.chosen_id, sa.func.count())
        .where(*period, Draw.kind.in_(("assigned", "claim")), Draw.chosen_id.is_not(None))
        .group_by(Draw.kind, Draw.chosen_id)
    ).all()
    for kind, lawyer_id, n in by_hand:
        if lawyer_id is not None:  # selected so: never None
            share = table.setdefault(lawyer_id, Share(lawyer_id))
            setattr(share, "assigned" if kind == "assigned" else "claimed", n)
    lawyers = all_lawyers(session)
    rows = [(lawyer, table.get(lawyer.id, Share(lawyer.id))) for lawyer in lawyers]
    return sorted(rows, key=lambda row: (-row[1].drawn, row[0].id))


def draw_witnessed(
    session: DbSession,
    actor: Actor,
    committed: datetime,
    drawn: datetime,
    case: Consultation,
    digits: str,
    *,
    zone: ZoneInfo,
    min_pool: int = MIN_POOL,
    notify: bool = True,
) -> Draw:
    """Both steps at once, for made-up desks (demo data, seeding): the round is
    committed at ``committed`` and drawn at ``drawn`` with a witness's ``digits``. A
    real desk takes two requests, the commitment shown between them."""
    round_, done = route(session, actor, committed, case, zone=zone, min_pool=min_pool)
    if done:
        return round_
    body = {"contribution": digits, "source": "witness"}
    return rounds.contribute(
        session, actor, drawn, case, round_, body, zone=zone, min_pool=min_pool, notify=notify
    )
