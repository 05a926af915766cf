"""The rows of a case's rounds: numbering them, committing a round to a frozen pool,
putting one aside, and recording the rounds where nobody drew (a lawyer named by hand,
a claim). Every round is made here, so each has a secret and a commitment, and a
drawn round's pool keeps the names it had when committed: its public record and
witness sheet read the same after a lawyer's name is corrected in the directory."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import sqlalchemy as sa

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.cases.models import Consultation
from legaldesk.db import DbSession
from legaldesk.routing import draw as drawing
from legaldesk.routing.models import Draw, Lawyer


def lawyer_names(session: DbSession, ids: Iterable[int]) -> dict[int, str]:
    """The directory's names of these lawyers, as they are now."""
    ids = set(ids)
    if not ids:
        return {}
    return dict(session.execute(sa.select(Lawyer.id, Lawyer.name).where(Lawyer.id.in_(ids))).all())


def names_at_commitment(session: DbSession, round_: Draw, ids: Iterable[int]) -> dict[int, str]:
    """The names of a round's pool as they were when it was committed (older rounds,
    kept before names were, read today's)."""
    kept = round_.pool_names or {}
    wanted = set(ids)
    names = {int(key): name for key, name in kept.items() if int(key) in wanted}
    return {**lawyer_names(session, wanted - names.keys()), **names}


def pending_round(session: DbSession, case: Consultation, kind: str = "draw") -> Draw | None:
    """The round committed and waiting for its contribution, if any: the lawyer's, or
    with ``kind="mediator"`` the mediator's."""
    return session.scalar(
        sa.select(Draw).where(
            Draw.consultation_id == case.id,
            Draw.kind == kind,
            Draw.drawn_at.is_(None),
            Draw.voided_at.is_(None),
        )
    )


def last_round_number(session: DbSession, case: Consultation) -> int:
    found = session.scalar(
        sa.select(sa.func.max(Draw.round)).where(Draw.consultation_id == case.id)
    )
    return found or 0


def _numbered(
    session: DbSession, case: Consultation, now: datetime, pool: list[int] | None = None, **fields
) -> Draw:
    """The case's next round, its secret fixed and its hash published (and its pool
    frozen and hashed, for a round drawn by lot)."""
    number = last_round_number(session, case) + 1
    secret = drawing.new_secret()
    round_ = Draw(
        consultation_id=case.id,
        round=number,
        secret=secret,
        commitment=drawing.commitment(secret),
        committed_at=now,
        pool=pool,
        pool_hash=drawing.pool_hash(case.reference, number, pool) if pool is not None else None,
        **fields,
    )
    session.add(round_)
    session.flush()
    return round_


def new_round(
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    case: Consultation,
    *,
    kind: str,
    reason: str,
    group: str | None,
    pool: list[int],
    excluded: dict[int, list[str]],
    warnings: list[dict] | None = None,
    widened_from: int | None = None,
) -> Draw:
    """The case's next round committed to ``pool`` (a lawyer's draw or a mediator's):
    its secret fixed and hashed, the pool frozen and hashed with its names, nothing
    drawn yet."""
    names = lawyer_names(session, pool)
    round_ = _numbered(
        session,
        case,
        now,
        kind=kind,
        reason=reason,
        group=group,
        pool=pool,
        pool_names={str(member): names.get(member, "") for member in pool},
        excluded={str(k): v for k, v in sorted(excluded.items())},
        warnings=warnings or [],
        widened_from=widened_from,
    )
    audit.record(
        session,
        actor,
        now,
        "routing.commit",
        "consultation",
        case.reference,
        {"round": round_.round, "kind": kind, "pool_size": len(pool), "widened_from": widened_from},
    )
    return round_


def void(session: DbSession, actor: Actor | None, now: datetime, round_: Draw, why: str) -> None:
    """Put a committed round aside for good; its secret is shown from now on."""
    round_.voided_at, round_.void_reason = now, why
    audit.record(
        session,
        actor,
        now,
        "routing.void",
        "draw",
        str(round_.id),
        {"round": round_.round, "why": why},
    )


def hand_round(
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    case: Consultation,
    *,
    kind: str,
    chosen_id: int,
    drawn_at: datetime,
    why: str,
    reason: str = "",
    assigned_by_id: int | None = None,
    group: str | None = None,
) -> Draw:
    """A round whose lawyer nobody drew (``kind`` "assigned" by hand, or "claim"): a
    commitment already published for a draw is put aside first (``why``), so its
    public record says it was never drawn rather than vanish."""
    pending = pending_round(session, case)
    if pending is not None:
        void(session, actor, now, pending, why)
    return _numbered(
        session,
        case,
        now,
        kind=kind,
        reason=reason,
        chosen_id=chosen_id,
        drawn_at=drawn_at,
        assigned_by_id=assigned_by_id,
        group=group,
    )


def current_round(session: DbSession, case: Consultation) -> Draw | None:
    """The round that gave the case its lawyer (None: it has none, or none by a round)."""
    if case.assignee_id is None:
        return None
    return session.scalar(
        sa.select(Draw)
        .where(
            Draw.consultation_id == case.id,
            Draw.chosen_id == case.assignee_id,
            Draw.drawn_at.is_not(None),
            Draw.declined_at.is_(None),
        )
        .order_by(Draw.round.desc())
        .limit(1)
    )


def round_to_release(
    session: DbSession, actor: Actor | None, now: datetime, case: Consultation
) -> Draw | None:
    """The round of the lawyer the case is being taken from. A case that reached them
    without one (a claim) gets a round of kind "claim" recorded now, so every later
    round, recomputed or not, leaves them out too. None: the case has no lawyer."""
    if case.assignee_id is None:
        return None
    found = current_round(session, case)
    if found is not None:
        return found
    return hand_round(
        session,
        actor,
        now,
        case,
        kind="claim",
        chosen_id=case.assignee_id,
        drawn_at=case.first_response_at or now,
        why="claimed",
    )


def close_unused_round(
    case: Consultation,
    *,
    session: DbSession,
    actor: Actor | None,
    now: datetime,
    previous: str,
    by: str | None,
) -> None:
    """Answers ``signals.case_moved``: a case withdrawn with a round published for it
    (its lawyer's or its mediator's) puts that round aside, so its public record does
    not wait for a draw forever."""
    if case.status != "withdrawn":
        return
    for kind in ("draw", "mediator"):
        pending = pending_round(session, case, kind)
        if pending is not None:
            void(session, actor, now, pending, "withdrawn")
