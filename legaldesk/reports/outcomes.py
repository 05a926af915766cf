"""What the advice achieved: loss avoided (confirmed and claimed, apart),
satisfaction, follow-ups done on time, and the mediations' outcomes and deadlines.

Follow-up figures count by the day the follow-up was recorded (loss, satisfaction)
or fell due (on time); mediations by the day they were applied for.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from legaldesk.db import DbSession
from legaldesk.followups.models import FollowUp, LossConfirmation
from legaldesk.mediation.models import Mediation
from legaldesk.reports import behind, rollups
from legaldesk.reports.behind import Span
from legaldesk.reports.followup_models import ReportFollowUpDueDay
from legaldesk.reports.rules import share


def loss_and_satisfaction(session: DbSession, span: Span) -> dict[str, Any]:
    """Loss avoided and satisfaction of the follow-ups recorded in the period.
    ``loss_avoided_cny`` counts only confirmed losses, conservatively: where the
    enterprise confirmed in its account, the lower of its figure and the lawyer's
    claim (a correction down lowers it, one up counts the claim: no one inflates the
    figure alone); else the lawyer's where staff recorded the enterprise's
    confirmation (by phone). The lawyers' claims and each kind of confirmation are
    reported apart.

    The sums are read off the stored day sums (followup_models), which count every
    claim by the follow-up's own flag; the few confirmed in an account are then
    moved to their own figure from the confirmations."""
    sums = rollups.followup_rows(session, span)
    by_staff, unconfirmed = sums.get("confirmed_cny", 0), sums.get("unconfirmed_cny", 0)
    online = 0
    f, confirmation = FollowUp, LossConfirmation
    # From the confirmations, each one's follow-up looked up by its key: joined, the
    # planner read every follow-up of the period (0.2 million at a million cases).
    done = sa.orm.aliased(FollowUp)
    recorded = sa.select(done.id).where(
        done.id == confirmation.followup_id,
        done.done_at >= span.low,
        done.done_at < span.high,
    )
    in_accounts = sa.select(
        f.loss_avoided_cny, f.confirmed_by_enterprise, confirmation.amount_cny
    ).where(f.id == confirmation.followup_id, recorded.exists())
    for claim, flagged, amount in session.execute(in_accounts):
        if flagged:
            by_staff -= claim or 0
        else:
            unconfirmed -= claim or 0
        online += (amount if amount <= claim else claim) if claim is not None else 0
    rated = sums.get("rated", 0)
    return {
        "loss_avoided_cny": online + by_staff,
        "loss_estimated_unconfirmed_cny": unconfirmed,
        "loss_claimed_cny": sums.get("claimed_cny", 0),
        "loss_confirmed_by_enterprise_cny": online,
        "loss_confirmed_by_staff_cny": by_staff,
        "satisfaction_avg": round(sums["satisfaction_sum"] / rated, 2) if rated else None,
        "satisfaction_responses": rated,
        "satisfied_share": round(sums["satisfied"] / rated, 3) if rated else None,
    }


def followups_on_time(session: DbSession, span: Span) -> dict[str, Any]:
    """The follow-ups due in the period: done by their due day (the desk's local
    day), done later, not done yet; read off the counts per due day
    (followup_models)."""
    days = ReportFollowUpDueDay
    due, late, on_time = (
        int(value or 0)
        for value in session.execute(
            sa.select(
                sa.func.sum(days.due), sa.func.sum(days.done), sa.func.sum(days.on_time)
            ).where(days.day >= span.start, days.day <= span.end)
        ).one()
    )
    return {
        "due": due,
        "done_on_time": on_time,
        "done_late": late - on_time,
        "not_done": due - late,
        "on_time_share": share(on_time, due),
    }


def mediations(session: DbSession, span: Span) -> dict[str, Any]:
    """The mediations applied for in the period: by status and failure reason, and
    their two deadlines: the other side's consent within 14 days (``no_reply`` is a
    consent never given in time) and the application for judicial confirmation
    within 30 days of an agreement (``window_closed`` is one missed)."""
    rows = session.execute(
        sa.select(Mediation.status, Mediation.failure_reason, sa.func.count())
        .where(*behind.applied(span))
        .group_by(Mediation.status, Mediation.failure_reason)
    ).all()
    by_status: dict[str, int] = {}
    by_failure: dict[str, int] = {}
    for status, reason, count in rows:
        by_status[status] = by_status.get(status, 0) + count
        if status == "failed" and reason:
            by_failure[reason] = by_failure.get(reason, 0) + count
    applied = sum(by_status.values())
    consent_due = applied - by_status.get("awaiting_consent", 0)
    consent_met = consent_due - by_failure.get("no_reply", 0)
    confirmation_due = by_status.get("confirmation_applied", 0) + by_status.get("window_closed", 0)
    confirmation_met = by_status.get("confirmation_applied", 0)
    return {
        "applied": applied,
        "by_status": dict(sorted(by_status.items())),
        "by_failure": dict(sorted(by_failure.items())),
        "agreed": applied
        - sum(
            by_status.get(s, 0) for s in ("awaiting_consent", "consented", "in_mediation", "failed")
        ),
        "deadlines_due": consent_due + confirmation_due,
        "deadlines_met": consent_met + confirmation_met,
        "deadlines_met_share": share(
            consent_met + confirmation_met, consent_due + confirmation_due
        ),
    }
