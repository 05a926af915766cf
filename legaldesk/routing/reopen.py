"""Reopen a closed or withdrawn case, with a reason.

It returns to the stage that fits (``cases.rules.reopen_stage``): to following up, to
its lawyer's hands, or to them to accept, as far as its CURRENT lawyer had come with it
(not an earlier one), when that lawyer can go on with it (active, not on leave, no
conflict with its parties: the draw's own rules); else to "new", without a lawyer, for
routing, and that lawyer's round is released as when a case is sent back to the draw.
It lives in the routing wing because whether the lawyer can go on is a routing question.

A withdrawn case may be reopened too: the front desk withdraws a case the enterprise
gives up, or one recorded by mistake, and an enterprise that comes back about the same
matter, or a withdrawal in error, should find its case and its history again, not a
second case. The reports count reopened cases by the day they were reopened."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from legaldesk.actor import Actor
from legaldesk.audit import service as audit
from legaldesk.auth import rules as permissions
from legaldesk.cases.models import Consultation
from legaldesk.cases.rules import REOPENABLE, reopen_stage
from legaldesk.cases.service import transition
from legaldesk.clock import local_date
from legaldesk.db import DbSession
from legaldesk.errors import Forbidden, InvalidTransition
from legaldesk.messages import N_, Msg
from legaldesk.notify import service as notifications
from legaldesk.routing.handon import lawyer_accounts, release
from legaldesk.routing.pool import lawyer_can_go_on
from legaldesk.validation import required_text

NOT_REOPENABLE = Msg(N_("Only a closed or withdrawn case can be reopened."))


def stage_for(session: DbSession, case: Consultation, today: Any) -> str:
    """Where the case would return if it were reopened now (the confirmation page
    says so before the coordinator decides)."""
    statuses = [entry.to_status for entry in case.timeline]
    return reopen_stage(statuses, lawyer_can_go_on(session, case, today))


def reopen(
    session: DbSession,
    actor: Actor,
    now: datetime,
    case: Consultation,
    raw: Any,
    *,
    zone: ZoneInfo,
) -> Consultation:
    """Reopen the case with the reason in ``raw["reason"]``; its lawyer is told when
    it returns to them."""
    if not permissions.may_reopen(actor):
        raise Forbidden()
    reason = required_text(raw.get("reason") if isinstance(raw, dict) else None, "reason", 500)
    if case.status not in REOPENABLE:
        raise InvalidTransition(NOT_REOPENABLE)
    previous = case.status
    stage = stage_for(session, case, local_date(now, zone))
    transition(session, actor, now, case, stage, note=reason, by="reopen", zone=zone)
    if stage == "new":  # routed afresh: a draw or a coordinator names the lawyer; the
        release(session, actor, now, case, reason)  # one it leaves is out of those draws
    audit.record(
        session,
        actor,
        now,
        "consultation.reopen",
        "consultation",
        case.reference,
        {"from": previous, "to": stage, "reason": reason},
    )
    if case.assignee_id is not None:
        notifications.notify_users(
            session,
            now,
            lawyer_accounts(session, case.assignee_id),
            "case_reopened",
            {"reference": case.reference},
        )
    return case
