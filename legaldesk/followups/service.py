"""Follow-up use cases: schedule, record the outcome, remind, call back the unsatisfied."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.auth.models import User
from legaldesk.cases.models import Consultation
from legaldesk.cases.service import transition
from legaldesk.clock import local_date
from legaldesk.db import DbSession, rows_changed
from legaldesk.errors import Conflict, FieldErrors, Forbidden, NotFound
from legaldesk.followups import overdue, rules
from legaldesk.followups.models import Callback, FollowUp
from legaldesk.messages import N_, Msg
from legaldesk.notify import service as notifications
from legaldesk.routing.models import Lawyer
from legaldesk.validation import is_whole, text


def followups_of(session: DbSession, case: Consultation) -> list[FollowUp]:
    """The case's follow-ups, each with the enterprise's confirmation (two queries)."""
    return list(
        session.scalars(
            sa.select(FollowUp)
            .where(FollowUp.consultation_id == case.id)
            .options(selectinload(FollowUp.confirmation))
            .order_by(FollowUp.due_on, FollowUp.id)
        )
    )


def _new(case: Consultation, now: datetime, plan: rules.Plan, actor: Actor | None) -> FollowUp:
    return FollowUp(
        consultation_id=case.id,
        due_on=plan.due_on,
        channel=plan.channel,
        lawyer_id=case.assignee_id,
        created_by_id=getattr(actor, "id", None),
        created_at=now,
    )


def schedule(
    session: DbSession, actor: Actor, now: datetime, case: Consultation, raw: Any, *, zone: ZoneInfo
) -> FollowUp:
    """Another follow-up ("again later if needed"), not before the case's day in ``zone``."""
    if not permissions.may_follow_up(actor, case):
        raise Forbidden()
    if case.status == "withdrawn":
        raise Conflict(Msg(N_("The case was withdrawn.")))
    followup = _new(case, now, rules.parse_plan(raw, local_date(case.created_at, zone)), actor)
    session.add(followup)
    session.flush()
    audit.record(
        session,
        actor,
        now,
        "followup.schedule",
        "consultation",
        case.reference,
        {"followup": followup.id, "due_on": followup.due_on.isoformat()},
    )
    return followup


def on_advised(
    session: DbSession, now: datetime, case: Consultation, *, zone: ZoneInfo, days: int
) -> None:
    """A case reached "advised": the first follow-up, unless one is still open, due
    ``days`` (LEGALDESK_FOLLOWUP_DAYS) after the desk's day in ``zone``."""
    open_one = session.scalar(
        sa.select(FollowUp.id).where(
            FollowUp.consultation_id == case.id, FollowUp.done_at.is_(None)
        )
    )
    if open_one is None:
        due = rules.default_due(local_date(now, zone), days)
        session.add(_new(case, now, rules.Plan(due, "phone"), None))
        session.flush()


def reference_of(session: DbSession, followup_id: int) -> str:
    """The reference of the follow-up's case ("" when there is none: a 404 then)."""
    found = session.scalar(
        sa.select(Consultation.reference)
        .join(FollowUp, FollowUp.consultation_id == Consultation.id)
        .where(FollowUp.id == followup_id)
    )
    return found or ""


def followup_for_change(session: DbSession, actor: Actor, followup_id: int) -> FollowUp:
    """The follow-up, locked; 404 alike for absent and not yours."""
    followup = session.scalar(
        sa.select(FollowUp).where(FollowUp.id == followup_id).with_for_update()
    )
    if followup is None or not permissions.may_read_case(actor, followup.consultation):
        raise NotFound()
    if not permissions.may_follow_up(actor, followup.consultation):
        raise Forbidden()
    return followup


def _apply(
    session: DbSession, actor: Actor, now: datetime, followup: FollowUp, outcome: rules.Outcome
) -> None:
    followup.result, followup.advice_worked = outcome.result, outcome.advice_worked
    followup.loss_avoided_cny, followup.loss_basis = outcome.loss_avoided_cny, outcome.loss_basis
    followup.confirmed_by_enterprise = outcome.confirmed_by_enterprise
    followup.satisfaction = outcome.satisfaction
    followup.done_at = followup.done_at or now
    followup.done_by_id = actor.id
    session.flush()
    if rules.needs_callback(outcome.satisfaction):
        _open_callback(session, now, followup)


def record(
    session: DbSession,
    actor: Actor,
    now: datetime,
    followup: FollowUp,
    raw: Any,
    notify: bool = True,
) -> FollowUp:
    """What the advice achieved. A case still at "advised" moves to "following up"."""
    outcome = rules.parse_outcome(raw)
    _apply(session, actor, now, followup, outcome)
    case = followup.consultation
    audit.record(
        session,
        actor,
        now,
        "followup.record",
        "consultation",
        case.reference,
        {
            "followup": followup.id,
            "loss": outcome.loss_avoided_cny is not None,
            "confirmed": outcome.confirmed_by_enterprise,
            "satisfaction": outcome.satisfaction,
        },
    )
    if case.status == "advised":
        mover = actor if permissions.may_move_case(actor, case, "following_up") else None
        transition(session, mover, now, case, "following_up", notify=notify)
    return followup


def answer_satisfaction(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    score: Any,
    comment: Any,
    *,
    zone: ZoneInfo,
) -> FollowUp:
    """The enterprise's own answer (1-5), kept as an online follow-up it may revise."""
    if not permissions.may_rate_service(actor, case):
        raise NotFound()
    if case.status not in rules.ADVISED_STATUSES:
        raise Conflict(Msg(N_("You can rate the service once you have had advice.")))
    errors = FieldErrors()
    if not is_whole(score) or not 1 <= score <= 5:
        errors.add("satisfaction", Msg(N_("From 1 to 5.")))
    comment_text = text(errors, comment, "comment", 2000, required=False)
    errors.raise_if_any()
    followup = own_answer(session, actor, case)
    if comment is None and followup is not None:  # the score alone: the comment stays
        comment_text = followup.result
    if followup is None:
        followup = FollowUp(
            consultation_id=case.id,
            due_on=local_date(now, zone),
            channel="online",
            created_by_id=actor.id,
            created_at=now,
        )
        session.add(followup)
    outcome = rules.Outcome(comment_text, None, None, "", False, score)
    _apply(session, actor, now, followup, outcome)
    audit.record(
        session,
        actor,
        now,
        "followup.satisfaction",
        "consultation",
        case.reference,
        {"satisfaction": score},
    )
    return followup


def own_answer(session: DbSession, actor: Actor, case: Consultation) -> FollowUp | None:
    """The enterprise account's own online answer on the case, if it gave one."""
    return session.scalar(
        sa.select(FollowUp).where(
            FollowUp.consultation_id == case.id,
            FollowUp.channel == "online",
            FollowUp.done_by_id == actor.id,
        )
    )


def _open_callback(session: DbSession, now: datetime, followup: FollowUp) -> None:
    existing = session.scalar(sa.select(Callback).where(Callback.followup_id == followup.id))
    if existing is not None:
        existing.satisfaction = followup.satisfaction or existing.satisfaction
        return
    session.add(
        Callback(
            followup_id=followup.id,
            consultation_id=followup.consultation_id,
            satisfaction=followup.satisfaction,
            created_at=now,
        )
    )
    session.flush()
    reference = followup.consultation.reference
    notifications.notify_users(
        session,
        now,
        notifications.coordinator_ids(session),
        "callback_needed",
        {"reference": reference, "satisfaction": followup.satisfaction},
    )


def open_callbacks(session: DbSession) -> list[Callback]:
    """The calls owed, longest waiting first, each with its case (one query)."""
    return list(
        session.scalars(
            sa.select(Callback)
            .where(Callback.done_at.is_(None))
            .options(joinedload(Callback.consultation))
            .order_by(Callback.created_at, Callback.id)
        )
    )


def close_callback(
    session: DbSession, actor: Actor, now: datetime, callback_id: int, note: Any
) -> None:
    if not permissions.may_handle_callbacks(actor):
        raise Forbidden()
    callback = session.scalar(
        sa.select(Callback).where(Callback.id == callback_id).with_for_update()
    )
    if callback is None:
        raise NotFound()
    if callback.done_at is not None:
        return
    errors = FieldErrors()
    callback.note = text(errors, note, "note", 2000, required=True)
    errors.raise_if_any()
    callback.done_at, callback.done_by_id = now, actor.id
    audit.record(
        session, actor, now, "followup.callback", "consultation", callback.consultation.reference
    )


def due_list(
    session: DbSession,
    actor: Actor,
    now: datetime,
    days_ahead: int = 7,
    *,
    zone: ZoneInfo,
    overdue_only: bool = False,
) -> list[FollowUp]:
    """Open follow-ups due within ``days_ahead`` days (or overdue) that the actor may
    do; ``overdue_only``: those past due alone (``overdue.past_due``)."""
    query = (
        sa.select(FollowUp)
        .join(Consultation, FollowUp.consultation_id == Consultation.id)
        .where(
            FollowUp.done_at.is_(None),
            FollowUp.due_on <= local_date(now, zone) + timedelta(days=days_ahead),
            Consultation.status.not_in(("closed", "withdrawn")),
        )
        .options(contains_eager(FollowUp.consultation))  # the list shows each case
        .order_by(FollowUp.due_on, FollowUp.id)
        .limit(200)
    )
    if overdue_only:
        query = query.where(overdue.past_due(local_date(now, zone)))
    if not permissions.may_see_due_followups(actor):
        raise Forbidden()
    if permissions.is_lawyer(actor):  # their own cases' follow-ups
        query = query.where(Consultation.assignee_id == (actor.lawyer_id or -1))
    return list(session.scalars(query))


def claim_reminder(session: DbSession, now: datetime, followup_id: int) -> bool:
    """Mark the follow-up reminded; False when another run already did (one wins)."""
    claimed = session.execute(
        sa.update(FollowUp)
        .where(FollowUp.id == followup_id, FollowUp.reminded_at.is_(None))
        .values(reminded_at=now)
    )
    return rows_changed(claimed) == 1


def remind_due(session: DbSession, now: datetime, *, zone: ZoneInfo) -> int:
    """Tell each due follow-up's lawyer, once (due by the desk's day in ``zone``)."""
    due = session.execute(
        sa.select(FollowUp.id, FollowUp.lawyer_id, FollowUp.due_on, Consultation.reference)
        .join(Consultation, FollowUp.consultation_id == Consultation.id)
        .where(
            FollowUp.done_at.is_(None),
            FollowUp.reminded_at.is_(None),
            FollowUp.due_on <= local_date(now, zone),
            FollowUp.lawyer_id.is_not(None),
            Consultation.status.not_in(("closed", "withdrawn")),
        )
    ).all()
    reminded = 0
    for followup_id, lawyer_id, due_on, reference in due:
        if not claim_reminder(session, now, followup_id):
            continue
        payload = {"reference": reference, "due_on": due_on.isoformat()}
        users = session.scalars(
            sa.select(User.id).where(User.lawyer_id == lawyer_id, User.active)
        ).all()
        notifications.notify_users(session, now, list(users), "followup_due", payload)
        email = session.scalar(sa.select(Lawyer.email).where(Lawyer.id == lawyer_id))
        if email:
            notifications.enqueue(
                session, now, "followup_due", f"followup.{followup_id}.due", email, payload
            )
        reminded += 1
    return reminded
